import { expect, type Page, test, type TestInfo } from '@playwright/test';
import { localToken } from './fixtures';
import { chooseLanguage, everyLanguage, type Language, signInAtProvider, text } from './support';
import { awardedProjects, leaderToken, monthlyReport, signAgreement, tracking } from './tracking-seed';

/*
 * Mentors on the running platform, signed in through Keycloak: the mentor keeps their profile (each field's problem
 * shown next to it) and declares a conflict of interest with one awarded project; a coordinator finds them in the
 * registry and assigns them to another project; assigning the first is refused by the tracking service and the reason
 * is shown in the coordinator's language; the mentor then reads the project they accompany and its monthly report. The phone
 * walks it in Kazakh, the desktop in Russian; every step is photographed and checked with axe in all three languages.
 */

const journeyLanguage = (testInfo: TestInfo): Language => (testInfo.project.name === 'phone' ? 'kk' : 'ru');
const tagOf = (testInfo: TestInfo, what: string) =>
  `${what}-${testInfo.project.name}-${Date.now().toString(36)}`;

const MENTOR = { name: 'Ерлан Тоқтаров', email: 'demo-mentor@zhas.example', phone: '+7 701 555 0102' };

async function signIn(page: Page, username: string, path: string, language: Language): Promise<void> {
  await page.goto(`/auth/login?returnTo=${encodeURIComponent(path)}&lang=${language}`);
  await signInAtProvider(page, username);
  await page.waitForURL((url) => url.pathname === path);
  await chooseLanguage(page, language);
}

test.use({ reducedMotion: 'reduce' });
// Two projects awarded and opened, two people signed in, seven steps in three languages: long on two busy cores.
test.describe.configure({ timeout: 600_000 });

test('a mentor assigned to an awarded project, refused where in conflict with the reason shown, and reading the reports', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(600_000);
  const language = journeyLanguage(testInfo);
  const t = (key: string, values?: Record<string, string | number>) => text(language, key, values);
  const [assigned, conflicted] = await awardedProjects(tagOf(testInfo, 'mnt'), ['almaty', 'almaty']);
  if (!assigned || !conflicted) throw new Error('two projects expected');
  await signAgreement(assigned);
  await tracking(
    'POST',
    `/projects/${assigned.projectId}/reports/1`,
    await leaderToken(assigned),
    monthlyReport(assigned),
  );

  // The mentor keeps their own profile: sent with a missing name and a wrong phone, each field says what is wrong.
  await signIn(page, 'demo-mentor', '/mentor', language);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('mentors.home.title'));
  await page.goto('/mentor/profile');
  await expect(page.locator('#field-fullName')).toBeVisible();
  await page.locator('#field-fullName').fill('');
  await page.locator('#field-email').fill('');
  await page.locator('#field-phone').fill('call me');
  // Left, the fields show their messages (the button moves down), then the form is sent.
  await page.locator('#field-phone').blur();
  await page.locator('form button[type=submit]').click();
  await expect(page.locator('#field-fullName')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#field-phone')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#field-email')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').first()).toContainText(t('mentors.fields.fullName'));
  await everyLanguage(page, testInfo, 'mentors/01-profile-errors', language);

  await page.locator('#field-fullName').fill(MENTOR.name);
  await page.locator('#field-phone').fill(MENTOR.phone);
  await page.locator('#field-email').fill(MENTOR.email);
  await page.getByRole('checkbox', { name: t('regions.almaty'), exact: true }).check();
  await page.getByRole('checkbox', { name: t('mentors.expertise.project-management'), exact: true }).check();
  await page.locator('#field-capacity').fill('40');
  await page.locator('#field-employers').fill('');
  await page.locator('#field-employers').blur();
  // A filled button under the pointer keeps AA contrast with its white text: a darker teal (7.0:1), not teal 8.
  // (A touch screen has no pointer to hover with.)
  if (!testInfo.project.use.hasTouch) {
    await page.locator('form button[type=submit]').hover();
    await expect(page.locator('form button[type=submit]')).toHaveCSS('background-color', 'rgb(6, 102, 74)');
  }
  await page.locator('form button[type=submit]').click();
  await page.waitForURL((url) => url.pathname === '/mentor');
  await expect(page.getByRole('status')).toContainText(t('mentors.profile.saved'));
  await expect(page.getByRole('heading', { level: 2, name: MENTOR.name })).toBeVisible();

  // The mentor learns a member of the second team is a relative, and declares it.
  const ownConflicts = page.getByRole('region', { name: t('mentors.conflicts.title') });
  await ownConflicts.locator('#field-conflict-project').fill(conflicted.bidId);
  await ownConflicts.locator('#field-conflict-reason').selectOption('relative-of-member');
  await ownConflicts.getByRole('button', { name: t('mentors.conflicts.declare') }).click();
  await expect(ownConflicts.getByRole('listitem').filter({ hasText: conflicted.bidId })).toContainText(
    t('mentors.conflicts.by.mentor'),
  );
  await everyLanguage(page, testInfo, 'mentors/02-mentor-conflict-declared', language);

  // The coordinator, in a browser of their own: the registry of Almaty, then the mentor.
  const coordinatorContext = await browser.newContext({
    baseURL: testInfo.project.use.baseURL ?? process.env.PORTAL_URL ?? '',
    viewport: testInfo.project.use.viewport ?? null,
    isMobile: testInfo.project.use.isMobile ?? false,
    hasTouch: testInfo.project.use.hasTouch ?? false,
    reducedMotion: 'reduce',
  });
  try {
    const coordinator = await coordinatorContext.newPage();
    await signIn(coordinator, 'demo-coordinator', '/coordinator/mentors', language);
    await coordinator.getByLabel(t('coordinator.filters.region')).selectOption('almaty');
    await coordinator.getByLabel(t('mentors.fields.expertise')).selectOption('project-management');
    const link = coordinator.getByRole('link', { name: MENTOR.name });
    await expect(link).toBeVisible();
    await everyLanguage(coordinator, testInfo, 'mentors/03-registry', language);

    await link.click();
    await expect(coordinator.getByRole('heading', { level: 1 })).toHaveText(MENTOR.name);
    const mentorId = new URL(coordinator.url()).pathname.split('/').at(-1) ?? '';

    // The conflict the mentor declared, as the coordinator sees it.
    const conflicts = coordinator.getByRole('region', { name: t('mentors.conflicts.title') });
    await expect(conflicts.getByRole('listitem').filter({ hasText: conflicted.bidId })).toContainText(
      t('mentors.conflicts.reason.relative-of-member'),
    );

    // The first project, assigned from the registry.
    const projects = coordinator.getByRole('region', { name: t('mentors.mentor.projects') });
    await projects.locator('#field-assign-project').fill(assigned.bidId);
    await projects.getByRole('button', { name: t('mentors.mentor.assign') }).click();
    await expect(projects.getByRole('link', { name: assigned.bidId })).toBeVisible();
    await everyLanguage(coordinator, testInfo, 'mentors/04-mentor-assigned', language);

    // The second, from its project screen: the service refuses, and says why in the coordinator's language.
    await coordinator.goto(`/coordinator/projects/${conflicted.projectId}`);
    const card = coordinator.getByRole('region', { name: t('mentors.projectCard.title') });
    await card.locator('#field-project-mentor').selectOption(mentorId);
    await card.getByRole('button', { name: t('mentors.mentor.assign') }).click();
    await expect(card.getByRole('alert')).toContainText(t('mentors.refusal.relative-of-member'));
    await everyLanguage(coordinator, testInfo, 'mentors/05-assignment-refused', language);
  } finally {
    await coordinatorContext.close();
  }

  const coordinatorToken = await localToken(['coordinator']);
  const mentorOf = (projectId: string) =>
    tracking<{ mentor: { mentorId: string } | null }>(
      'GET',
      `/projects/${projectId}/mentor`,
      coordinatorToken,
    );
  expect((await mentorOf(assigned.projectId)).mentor?.mentorId).toBeTruthy();
  expect((await mentorOf(conflicted.projectId)).mentor).toBeNull();

  // The mentor sees the project they accompany (not the one in conflict) and reads its monthly report.
  await page.goto('/mentor');
  const mine = page.getByRole('region', { name: t('mentors.home.projects') });
  await expect(mine.getByRole('link', { name: assigned.bidId })).toBeVisible();
  await expect(mine.getByRole('link', { name: conflicted.bidId })).toHaveCount(0);
  await everyLanguage(page, testInfo, 'mentors/06-mentor-projects', language);
  await mine.getByRole('link', { name: assigned.bidId }).click();
  await expect(
    page.getByRole('heading', { level: 2, name: t('mentors.reports.month', { month: 1 }) }),
  ).toBeVisible();
  // To read, not to review: no action on the page.
  await expect(page.getByRole('main').getByRole('button')).toHaveCount(0);
  await everyLanguage(page, testInfo, 'mentors/07-mentor-reports', language);
});
