import { randomBytes } from 'node:crypto';
import { expect, type Page, test, type TestInfo } from '@playwright/test';
import { makeBin } from '@zhas/kz';
import { call, localToken, publishOpenRound, serviceUrl } from './fixtures';
import {
  chooseLanguage,
  everyLanguage,
  expectAccessible,
  type Language,
  screenshot,
  signInAtProvider,
  text,
} from './support';

/*
 * A national coordinator sets up this year's round from last year's (copy, edit, check, fix, publish: the rules
 * then frozen), then runs its host-organization competition in Almaty: the eligibility of two applications
 * reviewed (one confirmed, one refused with a reason), the committee's scores (through the API with a committee
 * member's token), the ranking and the region's selection published. A regional coordinator sees only their
 * region and cannot set rounds up. The phone walks it in Kazakh, the desktop in Russian; each step is checked
 * with axe and photographed in all three languages.
 */

const journeyLanguage = (testInfo: TestInfo): Language => (testInfo.project.name === 'phone' ? 'kk' : 'ru');
const competitions = () => serviceUrl('competitions');
const HOST_CRITERIA = ['youth-experience', 'regional-presence', 'mentoring-capacity'];

async function signIn(page: Page, username: string, path: string, language: Language): Promise<void> {
  await page.goto(`/auth/login?returnTo=${encodeURIComponent(path)}&lang=${language}`);
  await signInAtProvider(page, username);
  await page.waitForURL((url) => url.pathname === path);
  await chooseLanguage(page, language);
}

const DAY = 86_400_000;
/** The same instant a calendar year earlier (a copy moves windows a calendar year on). */
const yearBefore = (ms: number) => {
  const date = new Date(ms);
  date.setUTCFullYear(date.getUTCFullYear() - 1);
  return date.toISOString();
};
/** A datetime-local value in Kazakhstan's time (UTC+5), as the editor shows windows. */
const localInput = (ms: number) => new Date(ms + 5 * 3_600_000).toISOString().slice(0, 16);
const fromLocal = (value: string) => Date.parse(`${value}:00.000Z`) - 5 * 3_600_000;

/**
 * Last year's round, completed: created and published (a round whose window has passed cannot be published for
 * the first time), moved to last year's dates by a revision, then closed. Its copy opens for host organizations
 * now, until two days from now; young people apply after that.
 */
async function lastYearsRound(tag: string) {
  const coordinator = await localToken(['coordinator']);
  const now = Date.now();
  const year = new Date(now).getUTCFullYear() - 1;
  const draft = await publishOpenRound(tag);
  const title = {
    kk: `Жас жоба ${year} ${tag}`,
    ru: `Жас Проект ${year} ${tag}`,
    en: `Zhas Project ${year} ${tag}`,
  };
  const revised = await call<{ version: number }>(
    'POST',
    `${competitions()}/rounds/${draft.roundId}/revisions`,
    coordinator,
    {
      ...draft.content,
      year,
      title,
      hostApplicationWindow: { opensAt: yearBefore(now - 5 * 60_000), closesAt: yearBefore(now + 2 * DAY) },
      youthApplicationWindow: {
        opensAt: yearBefore(now + 2 * DAY + 60_000),
        closesAt: yearBefore(now + 30 * DAY),
      },
      version: draft.version,
    },
  );
  await call('POST', `${competitions()}/rounds/${draft.roundId}/close`, coordinator, {
    version: revised.version,
    outcome: 'completed',
  });
  return { roundId: draft.roundId, year, title };
}

/** A host organization registered by BIN that applies in the round's region and submits (eligible by the rules). */
async function applyAsHost(roundId: string, region: string, name: string) {
  const subject = `browser-test-host-${randomBytes(4).toString('hex')}`;
  const bin = makeBin({
    registeredOn: '2012-05',
    entityType: 'resident-legal-entity',
    entityKind: 'head-office',
    serial: randomBytes(4).readUInt32BE() % 100_000,
  });
  const { hostOrganizationId } = await call<{ hostOrganizationId: string }>(
    'POST',
    `${competitions()}/organizations`,
    await localToken(['host_org'], subject),
    { bin, name },
  );
  const staff = await localToken(['host_org'], subject, { hostOrgId: hostOrganizationId });
  const application = await call<{ hostApplicationId: string; version: number }>(
    'POST',
    `${competitions()}/rounds/${roundId}/host-applications`,
    staff,
    {
      hostOrganizationId,
      region,
      facts: {
        youthExperienceYears: 6,
        hasTaxDebt: false,
        hasBankAccount: true,
        onUnreliableSupplierList: false,
        operatesInRegion: true,
        capacityTeams: 10,
      },
    },
  );
  await call('POST', `${competitions()}/host-applications/${application.hostApplicationId}/submit`, staff, {
    version: application.version,
  });
  return { hostOrganizationId, hostApplicationId: application.hostApplicationId, name };
}

const field = (page: Page, path: string) => page.locator(`[id="field-${path}"]`);

test.use({ reducedMotion: 'reduce' });
// Seven steps photographed in three languages with axe each time: long on two busy cores.
test.describe.configure({ timeout: 600_000 });

test('a round set up from last year’s, checked, fixed and published with its rules frozen; its host-organization competition run in a region', async ({
  page,
}, testInfo) => {
  const language = journeyLanguage(testInfo);
  const tag = `crd-${testInfo.project.name}-${Date.now().toString(36)}`;
  const previous = await lastYearsRound(tag);
  const previousTitle = previous.title[language];

  // Last year's round in the list, found by year and status (filtered by the service, page by page).
  await signIn(page, 'demo-coordinator', '/coordinator/rounds', language);
  await page
    .getByRole('textbox', { name: text(language, 'coordRound.filters.year'), exact: true })
    .fill(String(previous.year));
  await page
    .getByRole('combobox', { name: text(language, 'coordinator.filters.status') })
    .selectOption('closed');
  await expect(page.getByRole('link', { name: previousTitle })).toBeVisible();
  await everyLanguage(page, testInfo, 'coordinator-round/01-rounds', language);

  // Copied: a draft of this year with the same rules; a double click makes one copy.
  await page
    .getByRole('button', { name: text(language, 'coordRound.copyOf', { title: previousTitle }) })
    .dblclick();
  await page.waitForURL((url) => /^\/coordinator\/rounds\/[^/]+$/.test(url.pathname));
  const roundId = new URL(page.url()).pathname.split('/').at(-1)!;
  const title = previous.title[language].replace(String(previous.year), String(previous.year + 1));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByTestId('round-status')).toHaveText(text(language, 'coordRound.status.draft'));
  const coordinator = await localToken(['coordinator']);
  const copies = await call<{ items: { roundId: string }[] }>(
    'GET',
    `${competitions()}/rounds?year=${previous.year + 1}&status=draft&limit=100`,
    coordinator,
  );
  const titled = await Promise.all(
    copies.items.map((item) =>
      call<{ title?: Record<string, string> }>(
        'GET',
        `${competitions()}/rounds/${item.roundId}`,
        coordinator,
      ),
    ),
  );
  expect(titled.filter((round) => round.title?.[language] === title)).toHaveLength(1);
  await everyLanguage(page, testInfo, 'coordinator-round/02-copied-draft', language);

  // A rule edited, and the host organizations' window made longer, past the opening of the youth window.
  await field(page, 'rules.grantCeilingKzt').fill('2000000');
  const youthOpens = await field(page, 'youthApplicationWindow.opensAt').inputValue();
  const hostCloses = localInput(fromLocal(youthOpens) + DAY);
  await field(page, 'hostApplicationWindow.closesAt').fill(hostCloses);
  await page.getByRole('button', { name: text(language, 'coordRound.check.run') }).click();
  const problems = page.getByTestId('round-problems');
  await expect(problems).toContainText(text(language, 'coordRound.field.youthApplicationWindow_opensAt'));
  await expect(problems).toContainText(text(language, 'coordRound.checkCode.youth-before-host-closed'));
  await everyLanguage(page, testInfo, 'coordinator-round/03-check-problem', language);

  // Fixed: young people apply a minute after the host window closes.
  await field(page, 'youthApplicationWindow.opensAt').fill(localInput(fromLocal(hostCloses) + 60_000));
  await page.getByRole('button', { name: text(language, 'coordRound.check.run') }).click();
  await expect(page.getByTestId('round-check-ok')).toBeVisible();
  await expect(problems).toHaveCount(0);

  // Published with a confirmation; the rules are then frozen, on the screen and by the service.
  await page.getByRole('button', { name: text(language, 'coordRound.publish') }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(text(language, 'coordRound.publishConfirm'));
  await expectAccessible(page);
  await screenshot(page, testInfo, language, 'coordinator-round/04-publish-confirm');
  await dialog.getByRole('button', { name: text(language, 'coordinator.confirm') }).dblclick();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('round-status')).toHaveText(text(language, 'coordRound.status.published'));
  await expect(page.getByTestId('round-frozen')).toBeVisible();
  await expect(field(page, 'rules.grantCeilingKzt')).toHaveValue('2000000');
  await expect(field(page, 'rules.grantCeilingKzt')).not.toBeEditable();
  await expect(page.getByRole('button', { name: text(language, 'coordRound.save') })).toHaveCount(0);
  await everyLanguage(page, testInfo, 'coordinator-round/05-published-frozen', language);
  const published = await call<{ version: number; rulesVersion: number; rules: { grantCeilingKzt: number } }>(
    'GET',
    `${competitions()}/rounds/${roundId}`,
    coordinator,
  );
  expect(published).toMatchObject({ rulesVersion: 1, rules: { grantCeilingKzt: 2_000_000 } });
  const frozen = await fetch(`${competitions()}/rounds/${roundId}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${coordinator}`, 'content-type': 'application/json' },
    body: JSON.stringify({ version: published.version, rules: { grantCeilingKzt: 1 } }),
  });
  expect(frozen.status).toBe(409);
  expect(((await frozen.json()) as { type: string }).type).toMatch(/\/problems\/round-frozen$/);

  // Two organizations apply in Almaty; then the host window closes (a new version of the round's dates).
  const region = 'almaty';
  const first = await applyAsHost(roundId, region, `Жастар орталығы ${tag}`);
  const second = await applyAsHost(roundId, region, `Қайырымдылық қоры ${tag}`);
  const round = await call<
    Record<string, unknown> & { version: number; hostApplicationWindow: { opensAt: string } }
  >('GET', `${competitions()}/rounds/${roundId}`, coordinator);
  await call('POST', `${competitions()}/rounds/${roundId}/revisions`, coordinator, {
    year: round.year,
    title: round.title,
    regions: round.regions,
    rules: round.rules,
    youthApplicationWindow: round.youthApplicationWindow,
    hostApplicationWindow: {
      opensAt: round.hostApplicationWindow.opensAt,
      closesAt: new Date().toISOString(),
    },
    version: round.version,
  });

  // Eligibility reviewed: the first confirmed with a note, the second refused with a reason.
  await page.goto(`/coordinator/rounds/${roundId}/host-competition?region=${region}`);
  const rowOf = (organization: { hostOrganizationId: string }) =>
    page.getByTestId(`host-application-${organization.hostOrganizationId}`);
  await expect(rowOf(first)).toContainText(first.name);
  await expect(rowOf(second)).toContainText(second.name);
  await everyLanguage(page, testInfo, 'coordinator-round/06-host-applications', language);

  await rowOf(first)
    .getByRole('button', { name: text(language, 'coordRound.host.review') })
    .click();
  const review = page.getByRole('dialog');
  await review
    .getByLabel(text(language, 'coordRound.host.note'))
    .fill('Тіркеу куәлігі мен банк анықтамасы тексерілді');
  await review.getByRole('button', { name: text(language, 'coordRound.host.saveReview') }).click();
  await expect(review).toBeHidden();
  await expect(rowOf(first)).toContainText(
    text(language, 'coordRound.host.reviewedNote', { note: 'Тіркеу куәлігі мен банк анықтамасы тексерілді' }),
  );

  await rowOf(second)
    .getByRole('button', { name: text(language, 'coordRound.host.review') })
    .click();
  await review.getByLabel(text(language, 'coordRound.host.status.ineligible')).check();
  await review
    .getByLabel(text(language, 'coordRound.host.note'))
    .fill('Салық қарызы жоқ туралы анықтама берілмеген');
  // Without a reason the service refuses, naming the field, in the person's language.
  await review.getByRole('button', { name: text(language, 'coordRound.host.saveReview') }).click();
  await expect(review.getByRole('alert')).toContainText(text(language, 'coordRound.host.reasons'));
  await expectAccessible(page);
  await screenshot(page, testInfo, language, 'coordinator-round/07-eligibility-reason-missing');
  await review.getByLabel(text(language, 'coordRound.host.reason.incomplete-documents')).check();
  await review.getByRole('button', { name: text(language, 'coordRound.host.saveReview') }).click();
  await expect(review).toBeHidden();
  await expect(rowOf(second)).toContainText(text(language, 'coordRound.host.status.ineligible'));
  await expect(rowOf(second)).toContainText(text(language, 'coordRound.host.reason.incomplete-documents'));

  // The committee scores the eligible one (a committee member of the region, through the API).
  const committee = await localToken(['committee'], `browser-test-committee-${tag}`, { regions: [region] });
  await call('PUT', `${competitions()}/host-applications/${first.hostApplicationId}/scores/me`, committee, {
    scores: HOST_CRITERIA.map((code) => ({ code, score: 80 })),
  });
  await page.reload();
  const ranking = page.getByRole('region', { name: text(language, 'coordRound.host.ranking') });
  await expect(ranking.getByRole('row').filter({ hasText: first.name })).toContainText('80');
  await expect(ranking.getByRole('row').filter({ hasText: second.name })).toContainText(
    text(language, 'coordRound.host.rejectedBecause.ineligible'),
  );
  await everyLanguage(page, testInfo, 'coordinator-round/08-ranking', language);

  // The selection published for the region, with a confirmation; a double click publishes once.
  await ranking.getByRole('button', { name: text(language, 'coordRound.host.publish') }).click();
  const confirm = page.getByRole('dialog');
  await expect(confirm).toContainText(text(language, 'regions.almaty'));
  await confirm.getByRole('button', { name: text(language, 'coordinator.confirm') }).dblclick();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId('selection-published')).toBeVisible();
  await expect(rowOf(first)).toContainText(text(language, 'coordRound.host.status.selected'));
  await expect(rowOf(second)).toContainText(text(language, 'coordRound.host.status.rejected'));
  await everyLanguage(page, testInfo, 'coordinator-round/09-selection-published', language);
  const selected = await call<{ items: { hostOrganizationId: string; rank: number }[] }>(
    'GET',
    `${competitions()}/rounds/${roundId}/selected-host-organizations`,
    coordinator,
  );
  expect(selected.items.map((item) => [item.hostOrganizationId, item.rank])).toEqual([
    [first.hostOrganizationId, 1],
  ]);
});

test('a regional coordinator reads rounds without setting them up, and runs only their own region', async ({
  page,
}, testInfo) => {
  const language = journeyLanguage(testInfo);
  const round = await publishOpenRound(`crd-reg-${testInfo.project.name}-${Date.now().toString(36)}`);
  await signIn(page, 'demo-coordinator-almaty', `/coordinator/rounds/${round.roundId}`, language);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(round.title[language]!);
  await expect(page.getByText(text(language, 'coordRound.nationalOnly'))).toBeVisible();
  await expect(page.getByRole('button', { name: text(language, 'coordRound.revise.start') })).toHaveCount(0);
  await page.goto(`/coordinator/rounds/${round.roundId}/host-competition?region=astana`);
  const regions = page.getByRole('combobox', { name: text(language, 'coordinator.filters.region') });
  await expect(regions).toHaveValue('almaty');
  await expect(regions.locator('option')).toHaveCount(1);
  await expectAccessible(page);
  await screenshot(page, testInfo, language, 'coordinator-round/10-regional-coordinator');
  // Nor through the portal's API: the other region's ranking is refused.
  const other = await page.request.get(
    `/api/competitions/rounds/${round.roundId}/regions/astana/host-ranking`,
  );
  expect(other.status()).toBe(403);
});
