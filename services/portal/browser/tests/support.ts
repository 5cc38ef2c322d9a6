import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';
import path from 'node:path';

export const LANGUAGES = ['kk', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Where the screenshots go for a person to look at (git-ignored). */
const SCREENSHOTS = path.join(__dirname, '..', 'screenshots');

export async function screenshot(
  page: Page,
  testInfo: TestInfo,
  language: Language,
  step: string,
): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({
    path: path.join(SCREENSHOTS, language, `${step}-${testInfo.project.name}.png`),
    fullPage: true,
  });
}

/** axe-core on the page as it is: no serious or critical violation (WCAG 2.2 A and AA rules). */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const serious = results.violations.filter((violation) =>
    ['serious', 'critical'].includes(violation.impact ?? ''),
  );
  expect(
    serious.map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([]);
}

/** Chooses the language with the portal's own switcher (as a person would), then waits for the page to follow. */
export async function chooseLanguage(page: Page, language: Language): Promise<void> {
  await page.getByRole('radiogroup').first().getByText(language.toUpperCase(), { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

export const demoPassword = () => process.env.ZHAS_DEMO_PASSWORD ?? 'zhas-demo';

/** Signs in on Keycloak's page, which follows the portal's language (ui_locales). */
export async function signInAtProvider(
  page: Page,
  username: string,
  password = demoPassword(),
): Promise<void> {
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('#kc-login').click();
}
