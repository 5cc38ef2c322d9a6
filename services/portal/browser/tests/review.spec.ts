import { randomBytes } from 'node:crypto';
import { expect, type Page, test, type TestInfo } from '@playwright/test';
import { makeBin } from '@zhas/kz';
import { call, localToken, publishOpenRound, serviceUrl } from './fixtures';
import { independentBid, submitWhenOpen } from './independent-bids';
import { chooseLanguage, everyLanguage, type Language, screenshot, signInAtProvider, text } from './support';

/*
 * The review workspace on the running platform, signed in through Keycloak as the demo committee member (Almaty
 * city): their queue per round and region, a conflict of interest declared on one bid (it leaves the queue and
 * goes to another reviewer), another bid scored (a draft saved with Ctrl+S, read again after a reload, submitted
 * once despite a double click), and a host organization's application scored the same way. The bids and the
 * assignment are set up through the services' APIs, as the teams and the coordinator would in their own screens.
 */

const journeyLanguage = (testInfo: TestInfo): Language => (testInfo.project.name === 'phone' ? 'kk' : 'ru');
const tagOf = (testInfo: TestInfo, what: string) =>
  `${what}-${testInfo.project.name}-${Date.now().toString(36)}`;
const unique = () => randomBytes(4).toString('hex');

const competitions = () => serviceUrl('competitions');
const applications = () => serviceUrl('applications');
const coordinator = () => localToken(['coordinator'], 'browser-test-coordinator');

async function signIn(page: Page, username: string, path: string, language: Language): Promise<void> {
  await page.goto(`/auth/login?returnTo=${encodeURIComponent(path)}&lang=${language}`);
  await signInAtProvider(page, username);
  await page.waitForURL((url) => url.pathname === path);
  await chooseLanguage(page, language);
}

test.use({ reducedMotion: 'reduce' });
// Two bids set up through the APIs and every main step checked in three languages: long on two busy cores.
test.describe.configure({ timeout: 600_000 });

test('a reviewer declares a conflict on one bid and scores another', async ({ page }, testInfo) => {
  const language = journeyLanguage(testInfo);
  const tag = tagOf(testInfo, 'rev');
  // The youth window opens shortly: the teams form before, their bids are submitted once it is open.
  const round = await publishOpenRound(tag, 40_000);
  const written = [await independentBid(round, 'almaty'), await independentBid(round, 'almaty')];
  const bidIds: string[] = [];
  for (const bid of written) bidIds.push(await submitWhenOpen(bid));

  // Opening the workspace enters the member in the registry the coordinator assigns from.
  const joined = page.waitForResponse(
    (response) => response.url().endsWith('/api/applications/reviewers/me') && response.ok(),
  );
  await signIn(page, 'demo-committee', '/review', language);
  await joined;
  // Another member of the Almaty committee, who joins after the assignment: the one a conflict passes a bid to.
  const other = await localToken(['committee'], `browser-test-committee-${unique()}`, {
    regions: ['almaty'],
  });
  const dueAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
  await call(
    'POST',
    `${applications()}/rounds/${round.roundId}/regions/almaty/review-assignments`,
    await coordinator(),
    {
      reviewersPerBid: 10,
      dueAt,
    },
  );
  const { reviewerId: otherId } = await call<{ reviewerId: string }>(
    'PUT',
    `${applications()}/reviewers/me`,
    other,
    {
      name: 'Committee member two',
    },
  );

  await page.reload();
  const queue = page.getByRole('region', { name: text(language, 'review.queue.awaitingTitle') });
  const bids = await Promise.all(
    bidIds.map((bidId) =>
      call<{ registrationNumber: string }>('GET', `${applications()}/bids/${bidId}`, other).then(
        (bid) => bid.registrationNumber,
      ),
    ),
  );
  for (const number of bids)
    await expect(queue.getByRole('link', { name: new RegExp(number) })).toBeVisible();
  // This round's work in Almaty city, and the queue narrowed to it.
  const work = page.getByRole('article', { name: new RegExp(round.title[language] ?? '') });
  await expect(work).toContainText(text(language, 'review.queue.counts', { awaiting: 2, assigned: 2 }));
  await work.getByRole('button', { name: text(language, 'review.queue.onlyThis') }).click();
  await expect(queue.getByRole('link')).toHaveCount(2);
  await everyLanguage(page, testInfo, 'review/01-queue', language);

  // The keyboard: j moves to the first bid of the queue, Enter opens it (from outside a field: the language
  // switch, chosen last, is one).
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('j');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/review\/bids\//);
  const conflictBid = page.url().split('/').pop() ?? '';
  const conflictNumber = bids[bidIds.indexOf(conflictBid)] ?? '';
  await expect(page.getByRole('heading', { level: 1 })).toContainText(conflictNumber);
  // The round reviews blind: the team's names are not given, and the sheet says so.
  await expect(page.getByTestId('blind-notice')).toBeVisible();
  await expect(page.getByText(text(language, 'review.sheet.team'), { exact: true })).toHaveCount(0);
  await everyLanguage(page, testInfo, 'review/02-sheet', language);

  // A conflict of interest, declared before scoring: asked again, then the bid leaves the queue.
  await page
    .getByRole('combobox', { name: text(language, 'review.conflict.reason') })
    .selectOption('personal-relation');
  await page.getByRole('button', { name: text(language, 'review.conflict.declare') }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(text(language, 'review.conflict.confirmText'));
  await screenshot(page, testInfo, language, 'review/03-conflict-confirm');
  await dialog.getByRole('button', { name: text(language, 'review.conflict.confirm') }).click();
  await page.waitForURL((url) => url.pathname === '/review');
  await expect(page.getByRole('status').first()).toContainText(
    text(language, 'review.queue.leftTitle', { number: conflictNumber }),
  );
  await expect(queue.getByRole('link', { name: new RegExp(conflictNumber) })).toHaveCount(0);
  await expect(work).toContainText(text(language, 'review.queue.counts', { awaiting: 1, assigned: 1 }));
  await everyLanguage(page, testInfo, 'review/04-conflict-left-queue', language);
  // The service gave it to the other member of the committee, and hides it from this one even by its address.
  const progress = await call<{ items: { reviewerId: string; assigned: number }[] }>(
    'GET',
    `${applications()}/rounds/${round.roundId}/regions/almaty/reviewers`,
    await coordinator(),
  );
  expect(progress.items.find((item) => item.reviewerId === otherId)?.assigned).toBe(1);
  await page.goto(`/review/bids/${conflictBid}`);
  await expect(page.getByText(text(language, 'review.sheet.hiddenByConflict'))).toBeVisible();

  // The other bid: scored, the draft saved with Ctrl+S and read again after a reload, then submitted.
  const scoredBid = bidIds.find((bidId) => bidId !== conflictBid) ?? '';
  const scoredNumber = bids[bidIds.indexOf(scoredBid)] ?? '';
  await page.goto('/review');
  await queue.getByRole('link', { name: new RegExp(scoredNumber) }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(scoredNumber);
  const scores = [80, 70, 90, 60, 75];
  const criteria = [
    'social-significance',
    'local-relevance',
    'feasibility',
    'budget',
    'vulnerable-youth-priority',
  ];
  // The number keys jump to a criterion; typing there scores it.
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('1');
  await page.keyboard.type(String(scores[0]));
  for (const [index, code] of criteria.entries()) {
    if (index === 0) continue;
    await page
      .getByLabel(`${index + 1}. ${text(language, `review.criteria.${code}`)}`, { exact: true })
      .fill(String(scores[index]));
  }
  await page
    .getByLabel(
      text(language, 'review.rubric.comment', { criterion: text(language, 'review.criteria.budget') }),
    )
    .fill('The equipment line is realistic.');
  const saved = page.waitForResponse(
    (response) =>
      response.url().endsWith(`/bids/${scoredBid}/reviews/mine/draft`) && response.status() === 204,
  );
  await page.keyboard.press('ControlOrMeta+s');
  await saved;
  await expect(page.getByTestId('draft-state')).toContainText(text(language, 'review.rubric.savedAt'));
  await page.reload();
  await expect(
    page.getByLabel(`1. ${text(language, 'review.criteria.social-significance')}`, { exact: true }),
  ).toHaveValue('80');
  await expect(
    page.getByLabel(
      text(language, 'review.rubric.comment', { criterion: text(language, 'review.criteria.budget') }),
    ),
  ).toHaveValue('The equipment line is realistic.');
  await everyLanguage(page, testInfo, 'review/05-draft-saved', language);

  await page.getByRole('button', { name: text(language, 'review.rubric.submit') }).click();
  await expect(dialog).toContainText(text(language, 'review.rubric.confirmText'));
  await screenshot(page, testInfo, language, 'review/06-submit-confirm');
  // A double click scores once.
  await dialog.getByRole('button', { name: text(language, 'review.rubric.confirmSubmit') }).dblclick();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: text(language, 'review.submitted.title') })).toBeVisible();
  await expect(page.getByTestId('total-score')).toBeVisible();
  const bid = await call<{ reviews: unknown[] }>(
    'GET',
    `${applications()}/bids/${scoredBid}`,
    await coordinator(),
  );
  expect(bid.reviews).toHaveLength(1);
  await everyLanguage(page, testInfo, 'review/07-submitted', language);

  await page.getByRole('link', { name: text(language, 'review.backToQueue') }).click();
  await expect(work).toContainText(text(language, 'review.queue.counts', { awaiting: 0, assigned: 1 }));
  await work.getByRole('button', { name: text(language, 'review.queue.onlyThis') }).click();
  await expect(queue.getByText(text(language, 'review.queue.empty'))).toBeVisible();
  await screenshot(page, testInfo, language, 'review/08-queue-done');
});

test("a committee member scores a host organization's application", async ({ page }, testInfo) => {
  const language = journeyLanguage(testInfo);
  const tag = tagOf(testInfo, 'hst');
  const round = await publishOpenRound(tag);
  const name = `Жастар орталығы ${tag}`;
  const subject = `browser-test-host-${unique()}`;
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
  const draft = await call<{ hostApplicationId: string; version: number }>(
    'POST',
    `${competitions()}/rounds/${round.roundId}/host-applications`,
    staff,
    {
      hostOrganizationId,
      region: 'almaty',
      facts: {
        youthExperienceYears: 6,
        hasTaxDebt: false,
        hasBankAccount: true,
        onUnreliableSupplierList: false,
        operatesInRegion: true,
        capacityTeams: 10,
        documents: [{ kind: 'charter', reference: 'No. 17 of 12.05.2012' }],
      },
    },
  );
  const { hostApplicationId } = draft;
  await call('POST', `${competitions()}/host-applications/${hostApplicationId}/submit`, staff, {
    version: draft.version,
  });

  await signIn(page, 'demo-committee', '/review/host-applications', language);
  await page
    .getByRole('combobox', { name: text(language, 'coordinator.filters.region') })
    .selectOption('almaty');
  const link = page.getByRole('link', { name });
  await expect(link).toBeVisible();
  await everyLanguage(page, testInfo, 'review/09-host-queue', language);

  await link.click();
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  const criteria = ['youth-experience', 'regional-presence', 'mentoring-capacity'];
  for (const [index, code] of criteria.entries()) {
    await page
      .getByLabel(`${index + 1}. ${text(language, `review.criteria.${code}`)}`, { exact: true })
      .fill(String(70 + index * 10));
  }
  await page.getByRole('button', { name: text(language, 'review.rubric.saveDraft') }).click();
  await expect(page.getByTestId('draft-state')).toContainText(text(language, 'review.rubric.savedAt'));
  await page.reload();
  await expect(
    page.getByLabel(`3. ${text(language, 'review.criteria.mentoring-capacity')}`, { exact: true }),
  ).toHaveValue('90');
  await everyLanguage(page, testInfo, 'review/10-host-draft', language);

  await page.getByRole('button', { name: text(language, 'review.rubric.submit') }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: text(language, 'review.rubric.confirmSubmit') }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: text(language, 'review.submitted.title') })).toBeVisible();
  const scored = await call<{ scores?: { criteria: { score: number }[] }[] }>(
    'GET',
    `${competitions()}/host-applications/${hostApplicationId}`,
    await coordinator(),
  );
  expect(scored.scores?.map((score) => score.criteria.map((criterion) => criterion.score))).toEqual([
    [70, 80, 90],
  ]);
  await everyLanguage(page, testInfo, 'review/11-host-scored', language);
});
