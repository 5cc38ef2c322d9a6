import { expect, test } from '@playwright/test';
import { chooseLanguage, expectAccessible, LANGUAGES, screenshot, signInAtProvider } from './support';

/** The words each language shows, from the portal's locale files. */
const TEXT = {
  kk: { signIn: 'Кіру', signOut: 'Шығу', applicant: 'Менің өтінімім', keycloakLogin: 'Кіру' },
  ru: { signIn: 'Войти', signOut: 'Выйти', applicant: 'Моя заявка', keycloakLogin: 'Вход' },
  en: { signIn: 'Sign in', signOut: 'Sign out', applicant: 'My application', keycloakLogin: 'Sign in' },
} as const;

for (const language of LANGUAGES) {
  test(`sign in through Keycloak and out again (${language})`, async ({ page }, testInfo) => {
    const text = TEXT[language];
    await page.goto('/');
    await chooseLanguage(page, language);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, testInfo, language, '01-home');

    await page.getByRole('banner').getByRole('link', { name: text.signIn }).click();
    // Keycloak's own page, in the same language.
    await expect(page.locator('#kc-login')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await screenshot(page, testInfo, language, '02-keycloak');
    await signInAtProvider(page, 'demo-applicant');

    await expect(page.getByRole('banner').getByRole('button', { name: text.signOut })).toBeVisible();
    if (testInfo.project.name === 'phone')
      await page.getByRole('button', { name: /menu|мәзір|меню/i }).click();
    await expect(page.getByRole('navigation').getByRole('link', { name: text.applicant })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, testInfo, language, '03-signed-in');

    // The session is an HttpOnly cookie; the page's script sees no token.
    const cookies = await page.context().cookies();
    expect(cookies.find((cookie) => cookie.name === 'zhas.sid')).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
    });
    expect(await page.evaluate(() => document.cookie)).not.toContain('zhas.sid');

    // A write without the portal's header (another site's form, say) is refused before it reaches a service.
    const forged = await page.request.post('/api/applications/participants', {
      data: {},
      headers: { origin: new URL(page.url()).origin },
    });
    expect(forged.status()).toBe(403);
    expect((await forged.json()) as { type: string }).toMatchObject({ type: '/problems/cross-site-request' });

    await page.getByRole('banner').getByRole('button', { name: text.signOut }).click();
    await expect(page.getByRole('banner').getByRole('link', { name: text.signIn })).toBeVisible();
    expect((await page.context().cookies()).find((cookie) => cookie.name === 'zhas.sid')).toBeUndefined();
  });
}
