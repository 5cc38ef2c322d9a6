import { expect, type Browser, type Page, test } from '@playwright/test';
import { type PublishedRound, publishOpenRound } from './fixtures';
import {
  confirmTeam,
  drawLottery,
  formRivalTeam,
  type HostOrganization,
  reviewAndDecide,
  type RivalTeam,
  selectHostOrganization,
  submitRivalBid,
} from './selection';
import {
  chooseLanguage,
  everyLanguage,
  type Language,
  newPerson,
  type Person,
  registerAtProvider,
  text,
} from './support';

/*
 * The applicant's journey after registration, on the running platform with real Keycloak accounts: a team of three
 * formed with an invitation link and a code, with a host organization of the region that confirms, the bid drafted
 * with autosave, a conflict between two members merged without loss, a draft kept across a dropped connection, a
 * double-tapped submission giving one submission, an amendment after a failed technical check, and the outcome: the
 * review against the qualifying score, then the region's lottery (one grant for two qualified bids: the phone's team
 * is drawn, the desktop's is not). Every step is photographed in kk, ru and en and checked with axe. Registration
 * itself is tested in register.spec.ts: here the accounts register through the portal's API. What other people do
 * (the host organization, the committee, the coordinator, another team) goes through the services' APIs
 * (selection.ts); their own screens have their own tests.
 */

// Phone in Kazakh, desktop in Russian; every step is also shown, checked with axe and photographed in kk, ru and en.
const journeyLanguage = (project: string): Language => (project === 'phone' ? 'kk' : 'ru');

let round: PublishedRound;
let host: HostOrganization;
let rival: RivalTeam;
test.beforeAll(async () => {
  // The host window closes before the youth window opens: about a minute until the selection is confirmed.
  test.setTimeout(240_000);
  const tag = `j${Date.now().toString(36)}`;
  // Young people may submit a little later: teams form and bids are drafted before the window opens. One grant in
  // the region, for which another team competes.
  round = await publishOpenRound(tag, 45_000, 1);
  host = await selectHostOrganization(round, 'almaty', `Жастар орталығы ${tag}`);
  rival = await formRivalTeam(round, 'almaty', host);
});

/** A new account created on Keycloak's own page, registered as a participant in Almaty through the portal. */
async function newParticipant(page: Page, tag: string, language: Language): Promise<Person> {
  const person = newPerson(tag);
  await page.goto(`/auth/register?returnTo=${encodeURIComponent('/applicant')}&lang=${language}`);
  await registerAtProvider(page, person);
  await expect(page).toHaveURL(/\/applicant$/);
  await chooseLanguage(page, language);
  const registered = await page.request.post('/session/participant', {
    headers: { origin: new URL(page.url()).origin, 'x-zhas-request': '1' },
    data: {
      iin: person.iin,
      fullName: `${person.firstName} ${person.lastName} ${tag}`,
      phone: '+7 701 000 00 00',
      region: 'almaty',
      settlement: 'urban',
      educationLevel: 'higher',
      neet: false,
      vulnerability: [],
      consents: {
        'programme-participation': true,
        'monitoring-evaluation': true,
        'follow-up-survey': false,
        publicity: false,
      },
    },
  });
  expect(registered.status(), await registered.text()).toBe(201);
  return person;
}

async function newMember(browser: Browser, baseURL: string, tag: string, language: Language) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const person = await newParticipant(page, tag, language);
  return { context, page, person };
}

interface BidView {
  bidId: string;
  status: string;
  submissionNumber: number;
  version: number;
  history: { step: string; submissionNumber: number }[];
  content: Record<string, unknown>;
}

const readBid = async (page: Page, bidId: string) =>
  (await (await page.request.get(`/api/applications/bids/${bidId}`)).json()) as BidView;

test('an applicant forms a team of three, drafts the bid with the others, submits it, amends it and sees the outcome', async ({
  page,
  browser,
  context,
}, testInfo) => {
  // Three accounts and about forty screenshots: minutes on a busy machine.
  test.setTimeout(600_000);
  const language = journeyLanguage(testInfo.project.name);
  const t = (key: string, values?: Record<string, string | number>) => text(language, key, values);
  const baseURL = testInfo.project.use.baseURL ?? process.env.PORTAL_URL ?? '';

  // The leader starts a team for the round, with the host organization selected in the region.
  const leader = await newParticipant(page, 'lead', language);
  await page.goto('/applicant/team');
  await expect(page.getByRole('heading', { level: 1, name: t('team.title') })).toBeVisible();
  await page.locator('#field-roundId').selectOption(round.roundId);
  await page.locator('#field-region').selectOption('almaty');
  await page.getByRole('radio', { name: host.name }).check();
  await everyLanguage(page, testInfo, '20-team-start', language);
  await page.getByRole('button', { name: t('team.start'), exact: true }).click();
  await page.getByRole('button', { name: t('team.createCode') }).click();
  const code = (await page.getByTestId('invitation-code').textContent())?.trim() ?? '';
  expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  await everyLanguage(page, testInfo, '21-team-code', language);

  // One member opens the link, the other types the code: each sees the team first, then joins.
  const second = await newMember(browser, baseURL, 'two', language);
  await second.page.goto(`/applicant/join/${code}`);
  await expect(
    second.page.getByRole('heading', { level: 2, name: new RegExp(leader.lastName) }),
  ).toBeVisible();
  await everyLanguage(second.page, testInfo, '22-join-preview', language);
  await second.page.getByRole('button', { name: t('team.join'), exact: true }).click();
  await expect(second.page).toHaveURL(/\/applicant\/team$/);

  const third = await newMember(browser, baseURL, 'three', language);
  await third.page.goto('/applicant/join');
  await third.page.locator('#field-code').fill(code.toLowerCase().replace('-', ''));
  await third.page.getByRole('button', { name: t('team.findTeam') }).click();
  await third.page.getByRole('button', { name: t('team.join'), exact: true }).click();
  await expect(third.page).toHaveURL(/\/applicant\/team$/);

  // The leader sees the three, each eligible, and forms the team.
  await page.reload();
  const people = page.getByRole('region', { name: t('team.people') });
  await expect(people.getByText(t('team.eligible'), { exact: true })).toHaveCount(3);
  await page.getByRole('button', { name: t('team.form') }).click();
  await expect(page.getByText(t('team.status.formed'), { exact: true })).toBeVisible();
  const hostStatus = page.getByTestId('host-status');
  await expect(hostStatus).toHaveText(t('team.host.status.requested'));
  await expect(page.getByText(t('team.host.requested', { name: host.name }))).toBeVisible();
  await everyLanguage(page, testInfo, '23-team-formed', language);

  // The host organization confirms the team (in its own workspace; here through the API as its staff).
  const team = (await (await page.request.get('/api/applications/teams?limit=10')).json()) as {
    items: { teamId: string; bidId: string; roundId: string }[];
  };
  const ownTeam = team.items.find((item) => item.roundId === round.roundId);
  const ownBidId = ownTeam?.bidId ?? '';
  await confirmTeam(ownTeam?.teamId ?? '', host);
  await page.reload();
  await expect(hostStatus).toHaveText(t('team.host.status.confirmed'));
  await expect(page.getByText(t('team.host.confirmed', { name: host.name }))).toBeVisible();
  await everyLanguage(page, testInfo, '24-team-host-confirmed', language);

  // The leader starts the bid; what they type is saved without a button.
  await page.getByRole('link', { name: t('team.toBid') }).click();
  await page.getByRole('button', { name: t('bid.start') }).click();
  const status = page.getByTestId('save-status');
  await page.locator('#field-title').fill('Таза өзен');
  await page.locator('#field-problem').fill('Өзен жағасында қоқыс көп.');
  await expect(status).toHaveText(t('bid.save.saved'));
  await everyLanguage(page, testInfo, '30-bid-draft', language);

  // Meanwhile the second member, on their own phone or computer, changes the title and the goal.
  await second.page.goto('/applicant/bid');
  await second.page.locator('#field-title').fill('Таза өзен — жастар');
  await second.page.locator('#field-goal').fill('Жазға дейін жағалау таза болады.');
  await expect(second.page.getByTestId('save-status')).toHaveText(t('bid.save.saved'));

  // The leader changes the title too: the service refuses the stale version, the portal merges what it can and
  // asks about the title, showing both versions.
  await page.locator('#field-title').fill('Таза өзен жобасы');
  await page.locator('#field-title').blur();
  await expect(status).toHaveText(t('bid.save.conflict'));
  const conflict = page.getByRole('alert').filter({ hasText: t('bid.conflict.title') });
  await expect(conflict.getByText('Таза өзен — жастар')).toBeVisible();
  await expect(conflict.getByText('Таза өзен жобасы')).toBeVisible();
  await expect(page.locator('#field-goal')).toHaveValue('Жазға дейін жағалау таза болады.');
  await everyLanguage(page, testInfo, '31-bid-conflict', language);
  await page.getByTestId('keep-mine-title').click();
  await page.getByRole('button', { name: t('bid.conflict.apply') }).click();
  await expect(status).toHaveText(t('bid.save.saved'));
  expect((await readBid(page, ownBidId)).content).toMatchObject({
    title: 'Таза өзен жобасы',
    problem: 'Өзен жағасында қоқыс көп.',
    goal: 'Жазға дейін жағалау таза болады.',
  });

  // The connection drops while the leader writes: the draft stays (on the page, and in IndexedDB without any
  // personal data), and is sent when the connection is back.
  await page.getByRole('button', { name: new RegExp(t('bid.stepName.beneficiaries')) }).click();
  await context.setOffline(true);
  await page.locator('#field-beneficiaries').fill('Ауылдағы 300 жасөспірім, мектеп арқылы.');
  await page.locator('#field-plannedBeneficiaries').fill('300');
  await page.locator('#field-beneficiaries').blur();
  await expect(status).toHaveText(t('bid.save.offline'));
  const kept = await page.evaluate(async (id) => {
    const request = indexedDB.open('keyval-store');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(new Error('IndexedDB did not open'));
    });
    const read = db.transaction('keyval').objectStore('keyval').get(`zhas.draft.${id}`);
    return new Promise<string>((resolve) => {
      read.onsuccess = () => resolve(JSON.stringify(read.result ?? null));
    });
  }, ownBidId);
  expect(kept).toContain('Ауылдағы 300 жасөспірім');
  for (const personal of [leader.iin, leader.lastName, leader.email, '+7 701'])
    expect(kept).not.toContain(personal);
  await everyLanguage(page, testInfo, '32-bid-offline', language);
  await context.setOffline(false);
  await expect(status).toHaveText(t('bid.save.saved'));
  expect((await readBid(page, ownBidId)).content).toMatchObject({
    beneficiaries: 'Ауылдағы 300 жасөспірім, мектеп арқылы.',
    plannedBeneficiaries: 300,
  });

  // Activities and the budget, its totals live against the requested amount and the ceiling.
  await page.getByRole('button', { name: t('bid.next') }).click();
  await page.locator('#field-durationMonths').selectOption('6');
  for (const [index, what] of ['Жағалауды тазалау', 'Қоқыс жәшіктерін орнату'].entries()) {
    await page.getByRole('button', { name: t('bid.addActivity') }).click();
    await page.getByLabel(t('bid.activityDescription'), { exact: true }).nth(index).fill(what);
  }
  await page.getByRole('button', { name: t('bid.next') }).click();
  for (const amount of ['400 000', '600000']) {
    await page.getByRole('button', { name: t('bid.addLine') }).click();
    await page.getByLabel(t('bid.amount'), { exact: true }).last().fill(amount);
  }
  await page.locator('#field-requestedAmountKzt').fill('1000000');
  await expect(page.getByTestId('budget-totals')).toContainText(t('bid.addsUp'));
  await expect(status).toHaveText(t('bid.save.saved'));
  await everyLanguage(page, testInfo, '33-bid-budget', language);

  // Submitted without the declaration, with a double tap: one submission, and the check says what to fix.
  await page.getByRole('button', { name: t('bid.next') }).click();
  const keys: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith(`/bids/${ownBidId}/submit`))
      keys.push(request.headers()['idempotency-key'] ?? '');
  });
  await expect.poll(() => Date.now(), { timeout: 60_000 }).toBeGreaterThan(Date.parse(round.youthOpensAt));
  await page.getByRole('button', { name: t('bid.submit') }).dblclick();
  await expect(page.getByTestId('bid-status')).toHaveText(t('bid.status.check-failed'));
  await expect(page.getByText(t('bid.reasons.commercial-activity'))).toBeVisible();
  expect(new Set(keys).size).toBe(1);
  // The same key again (a retry after a lost answer) changes nothing: still the one submission.
  const again = await page.request.post(`/api/applications/bids/${ownBidId}/submit`, {
    headers: { origin: new URL(page.url()).origin, 'x-zhas-request': '1', 'idempotency-key': keys[0] ?? '' },
  });
  expect(again.status()).toBe(200);
  const failed = await readBid(page, ownBidId);
  expect(failed).toMatchObject({ status: 'check-failed', submissionNumber: 1 });
  expect(failed.history.filter((step) => step.step === 'submitted')).toHaveLength(1);
  await everyLanguage(page, testInfo, '34-bid-check-failed', language);

  // Amended where the check pointed, and submitted again: in review, its way shown.
  await page
    .getByRole('link', { name: t('bid.fixIt') })
    .first()
    .click();
  await page.getByLabel(t('bid.fields.nonCommercialDeclared')).check();
  await expect(status).toHaveText(t('bid.save.saved'));
  await page.getByRole('button', { name: t('bid.resubmit') }).click();
  await expect(page.getByTestId('bid-status')).toHaveText(t('bid.status.in-review'));
  await expect(page.getByText(t('bid.step.submitted', { number: 2 }))).toBeVisible();
  expect(await readBid(page, ownBidId)).toMatchObject({ status: 'in-review', submissionNumber: 2 });
  await everyLanguage(page, testInfo, '35-bid-in-review', language);

  // Every member sees the same outcome.
  await third.page.goto('/applicant/bid');
  // A page loaded from cold (its team, its bid): on a busy machine this takes longer than a click's answer.
  await expect(third.page.getByTestId('bid-status')).toHaveText(t('bid.status.in-review'), {
    timeout: 60_000,
  });
  await second.context.close();
  await third.context.close();

  // The host organization's staff review the bid and the coordinator decides: qualified, the mean score shown
  // against the round's qualifying score (60 in the 2019 rules).
  const decimal = (value: number) =>
    language === 'en' ? value.toFixed(2) : value.toFixed(2).replace('.', ',');
  await reviewAndDecide(ownBidId, host.staff, 80);
  await page.reload();
  await expect(page.getByTestId('bid-status')).toHaveText(t('bid.status.qualified'));
  const outcome = page.getByTestId('bid-outcome');
  await expect(outcome).toContainText(t('bid.outcome.reachedCutOffOf', { score: decimal(80), cutOff: 60 }));
  await everyLanguage(page, testInfo, '36-bid-qualified', language);

  // The other team of the region qualifies too; the youth window closes and the region's lottery draws its one
  // grant: the phone's team wins it, the desktop's does not, each told why.
  const rivalBidId = await submitRivalBid(rival);
  await reviewAndDecide(rivalBidId, host.staff, 70);
  const drawn = testInfo.project.name === 'phone';
  await drawLottery(round, 'almaty', [ownBidId, rivalBidId], drawn ? ownBidId : rivalBidId);
  const decided = drawn ? 'awarded' : 'not-awarded';
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('bid-status')).toHaveText(t(`bid.status.${decided}`), { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await expect(outcome).toContainText(
    t(`bid.outcome.${drawn ? 'drawn' : 'notDrawn'}`, { quota: 1, candidates: 2 }),
  );
  await expect(outcome).toContainText(t('bid.outcome.reachedCutOffOf', { score: decimal(80), cutOff: 60 }));
  await expect(
    page.getByTestId('bid-history').getByText(t(`bid.step.${decided}`), { exact: true }),
  ).toBeVisible();
  if (!drawn) await expect(page.getByText(t('bid.notAwarded.not-drawn-in-lottery'))).toBeVisible();
  expect(await readBid(page, ownBidId)).toMatchObject({
    status: decided,
    notAwardedReason: drawn ? null : 'not-drawn-in-lottery',
  });
  await everyLanguage(page, testInfo, '37-bid-outcome', language);
});
