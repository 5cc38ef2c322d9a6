import { expect, type Page, test, type TestInfo } from '@playwright/test';
import { call, localToken, publishOpenRound, serviceUrl } from './fixtures';
import { independentBid, submitWhenOpen } from './independent-bids';
import {
  chooseLanguage,
  expectAccessible,
  type Language,
  screenshot,
  signInAtProvider,
  text,
} from './support';
import { awardedProjects, type SeededProject } from './tracking-seed';

/*
 * Who reaches what, through the portal as people use it (Keycloak sign-in, the portal's /api proxy with the
 * session's token): an applicant reaches neither the review workspace nor the coordinator's console, on screen or
 * by calling their APIs; a coordinator of Almaty city sees no project, bid or grievance of Astana.
 */

const journeyLanguage = (testInfo: TestInfo): Language => (testInfo.project.name === 'phone' ? 'kk' : 'ru');
const tagOf = (testInfo: TestInfo, what: string) =>
  `${what}-${testInfo.project.name}-${Date.now().toString(36)}`;

async function signIn(page: Page, username: string, path: string, language: Language): Promise<void> {
  await page.goto(`/auth/login?returnTo=${encodeURIComponent(path)}&lang=${language}`);
  await signInAtProvider(page, username);
  await page.waitForURL((url) => url.pathname === path);
  await chooseLanguage(page, language);
}

/** A portal write as the app makes it (same origin, the portal's request header). */
const writeHeaders = { 'x-zhas-request': '1', 'idempotency-key': crypto.randomUUID() };

test.use({ reducedMotion: 'reduce' });
test.describe.configure({ timeout: 300_000 });

test('an applicant reaches neither the review nor the coordinator screens, nor their APIs', async ({
  page,
}, testInfo) => {
  const language = journeyLanguage(testInfo);
  await signIn(page, 'demo-applicant', '/review', language);
  await expect(page.getByText(text(language, 'workspace.notAllowed'))).toBeVisible();
  await expect(page.getByRole('heading', { name: text(language, 'review.queue.title') })).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, testInfo, language, 'authorization/01-applicant-review-refused');
  await page.goto('/coordinator/projects');
  await expect(page.getByText(text(language, 'workspace.notAllowed'))).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, testInfo, language, 'authorization/02-applicant-coordinator-refused');
  // Neither workspace is in the applicant's menu.
  await expect(page.getByRole('link', { name: text(language, 'nav.review') })).toHaveCount(0);
  await expect(page.getByRole('link', { name: text(language, 'nav.coordinator') })).toHaveCount(0);

  // The APIs behind those screens, called through the portal with the applicant's own session: a 403 problem.
  const refusals = [
    page.request.get('/api/applications/review-queue'),
    page.request.get('/api/applications/review-queue/summary'),
    page.request.put('/api/applications/reviewers/me', { headers: writeHeaders, data: {} }),
    page.request.post('/api/applications/bids/bid-x/conflicts', {
      headers: writeHeaders,
      data: { reason: 'other' },
    }),
    page.request.get('/api/applications/rounds/rnd-x/regions/almaty/reviewers'),
    page.request.get('/api/competitions/host-applications'),
    page.request.put('/api/competitions/host-applications/hap-x/scores/me', {
      headers: writeHeaders,
      data: { scores: [] },
    }),
    page.request.get('/api/tracking/grievances'),
    page.request.get('/api/tracking/reports'),
    page.request.post('/api/tracking/tranches/trn-bid-x:1/disburse', {
      headers: writeHeaders,
      data: { disbursedOn: '2026-01-10' },
    }),
  ];
  for (const response of await Promise.all(refusals)) {
    expect(response.status(), response.url()).toBe(403);
    expect(response.headers()['content-type'], response.url()).toContain('application/problem+json');
    const problem = (await response.json()) as { type: string; status: number };
    expect(problem.status).toBe(403);
    expect(typeof problem.type).toBe('string');
  }
});

test("a coordinator of Almaty city sees no project, bid or grievance of Astana's", async ({
  page,
}, testInfo) => {
  const language = journeyLanguage(testInfo);
  const tag = tagOf(testInfo, 'auth');
  // A bid in each region, submitted once the youth window of a new round is open.
  const round = await publishOpenRound(`${tag}-bids`, 40_000);
  const written = {
    almaty: await independentBid(round, 'almaty'),
    astana: await independentBid(round, 'astana'),
  };
  const bids = {
    almaty: await submitWhenOpen(written.almaty),
    astana: await submitWhenOpen(written.astana),
  };
  // A project and a grievance in each region.
  const [almaty, astana] = (await awardedProjects(tag, ['almaty', 'astana'])) as [
    SeededProject,
    SeededProject,
  ];
  for (const region of ['almaty', 'astana']) {
    const lodged = await fetch(`${serviceUrl('tracking')}/grievances`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({
        category: 'selection-process',
        channel: 'hotline',
        region,
        description: `${tag} ${region}: the selection was not explained.`,
      }),
    });
    expect(lodged.status).toBe(201);
  }
  // The national coordinator sees both, so what is hidden below is hidden by region, not missing.
  const all = await call<{ items: { bidId: string }[] }>(
    'GET',
    `${serviceUrl('applications')}/bids?roundId=${round.roundId}`,
    await localToken(['coordinator']),
  );
  expect(all.items.map((bid) => bid.bidId).sort()).toEqual([bids.almaty, bids.astana].sort());

  await signIn(page, 'demo-coordinator-almaty', '/coordinator/projects', language);
  await expect(page.getByRole('link', { name: almaty.bidId })).toBeVisible();
  await expect(page.getByRole('link', { name: astana.bidId })).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, testInfo, language, 'authorization/03-almaty-projects');

  await page.goto('/coordinator/grievances');
  await expect(page.getByRole('article').filter({ hasText: `${tag} almaty` })).toBeVisible();
  await expect(page.getByRole('article').filter({ hasText: `${tag} astana` })).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, testInfo, language, 'authorization/04-almaty-grievances');

  // Nor through the portal's API with the same session.
  const get = (path: string) => page.request.get(path);
  expect((await get(`/api/tracking/projects/${astana.projectId}`)).status()).toBe(403);
  expect((await get(`/api/tracking/projects/${almaty.projectId}`)).status()).toBe(200);
  expect((await get(`/api/applications/bids/${bids.astana}`)).status()).toBe(403);
  expect((await get(`/api/applications/bids/${bids.almaty}`)).status()).toBe(200);
  const listedBids = (await (await get(`/api/applications/bids?roundId=${round.roundId}`)).json()) as {
    items: { bidId: string }[];
  };
  expect(listedBids.items.map((bid) => bid.bidId)).toEqual([bids.almaty]);
  const askedBids = await get(`/api/applications/bids?roundId=${round.roundId}&region=astana`);
  expect(
    askedBids.status() === 403 || ((await askedBids.json()) as { items: unknown[] }).items.length === 0,
  ).toBe(true);
  const grievances = (await (await get('/api/tracking/grievances?limit=100')).json()) as {
    items: { region: string }[];
  };
  expect(grievances.items.length).toBeGreaterThan(0);
  expect(grievances.items.filter((grievance) => grievance.region !== 'almaty')).toEqual([]);
  const askedGrievances = await get('/api/tracking/grievances?region=astana');
  expect(
    askedGrievances.status() === 403 ||
      ((await askedGrievances.json()) as { items: unknown[] }).items.length === 0,
  ).toBe(true);
  const today = new Date(Date.now() + 5 * 3_600_000).toISOString().slice(0, 10);
  const signing = await page.request.post(`/api/tracking/projects/${astana.projectId}/agreement`, {
    headers: writeHeaders,
    data: { signedOn: today, startsOn: today },
  });
  expect(signing.status()).toBe(403);
});
