import { defineConfig } from '@playwright/test';

/*
 * Browser tests of the portal: a real Chromium (Debian's package; the test tool's own browser download is not
 * used) against the running platform with a real Keycloak. global-setup.ts starts the platform on ports and names
 * of its own unless PORTAL_URL points at one already running. Screenshots go to browser/screenshots (git-ignored).
 */
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const desktop = { viewport: { width: 1366, height: 900 } };

export default defineConfig({
  testDir: './tests',
  outputDir: './results',
  globalSetup: './global-setup.ts',
  // Two cores and one Keycloak: one browser at a time keeps the timings honest and the machine usable.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: {
    baseURL: process.env.PORTAL_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  // The results tests write a programme of three rounds whose projects would crowd other tests' lists: they run
  // last, after every other test at both sizes (projects run in this order, one worker).
  projects: [
    { name: 'phone', testIgnore: /results\.spec\.ts/, use: phone },
    { name: 'desktop', testIgnore: /results\.spec\.ts/, use: desktop },
    { name: 'results-phone', testMatch: /results\.spec\.ts/, use: phone },
    { name: 'results-desktop', testMatch: /results\.spec\.ts/, use: desktop },
  ],
});
