import { makeIin } from '@zhas/kz';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';
import { readFileSync } from 'node:fs';
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
  await settled(page);
  // From the top: a full-page capture of a scrolled page draws the fixed header where the viewport stood, in the
  // middle of the picture.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({
    path: path.join(SCREENSHOTS, language, `${step}-${testInfo.project.name.replace(/^results-/, '')}.png`),
    fullPage: true,
  });
}

/** Until every CSS transition and animation has finished (a button caught mid-transition has no colour yet). */
async function settled(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        // A spinner turns for ever: only what ends is waited for.
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        // A cancelled one (replaced by the next) rejects: it is over too.
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
}

/** axe-core on the page as it is: no serious or critical violation (WCAG 2.2 A and AA rules). */
export async function expectAccessible(page: Page): Promise<void> {
  await settled(page);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const serious = results.violations.filter((violation) =>
    ['serious', 'critical'].includes(violation.impact ?? ''),
  );
  expect(
    serious.map(
      (violation) =>
        `${violation.id}: ${violation.nodes.map((node) => `${node.target.join(' ')} (${node.failureSummary ?? ''})`).join(', ')}`,
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

/** A person nobody registered before: a fresh account name and IIN per run (born in 2001, so 14-34 for years). */
export function newPerson(tag: string) {
  const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
  return {
    username: `${tag}-${stamp}`,
    email: `${tag}-${stamp}@zhas.example`,
    password: `Zhas-${stamp}-pw`,
    firstName: 'Әсем',
    lastName: 'Тестова',
    birthDate: `2001-03-${day}`,
    iin: makeIin({ birthDate: `2001-03-${day}`, sex: 'female', serial: Math.floor(Math.random() * 10_000) }),
  };
}

export type Person = ReturnType<typeof newPerson>;

/** Keycloak's registration page (self-registration), reached from the portal's "create an account". */
export async function registerAtProvider(page: Page, person: Person): Promise<void> {
  await page.locator('#username').fill(person.username);
  await page.locator('#email').fill(person.email);
  await page.locator('#firstName').fill(person.firstName);
  await page.locator('#lastName').fill(person.lastName);
  await page.locator('#password').fill(person.password);
  await page.locator('#password-confirm').fill(person.password);
  await page.locator('input[type=submit]').click();
}

/** The portal's own texts, read from its locale files, so the tests look for exactly what a person reads. */
const LOCALES = Object.fromEntries(
  LANGUAGES.map((language) => [
    language,
    JSON.parse(
      readFileSync(
        path.join(__dirname, '..', '..', 'web', 'src', 'i18n', 'locales', `${language}.json`),
        'utf8',
      ),
    ) as Record<string, unknown>,
  ]),
) as Record<Language, Record<string, unknown>>;

/** A text of the portal in a language, `{{name}}` placeholders filled from `values`. */
export function text(language: Language, key: string, values: Record<string, string | number> = {}): string {
  const found = key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], LOCALES[language]);
  if (typeof found !== 'string') throw new Error(`no text ${key} in ${language}`);
  return found.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** The screen as it is now, checked with axe and photographed in each language (the person's own choice restored after). */
export async function everyLanguage(
  page: Page,
  testInfo: TestInfo,
  step: string,
  journeyLanguage: Language,
): Promise<void> {
  for (const language of LANGUAGES) {
    await chooseLanguage(page, language);
    // Every language, not only the journey's: a longer text or a translated label can break a rule.
    await expectAccessible(page);
    await screenshot(page, testInfo, language, step);
  }
  await chooseLanguage(page, journeyLanguage);
}
