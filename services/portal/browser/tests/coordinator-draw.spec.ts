import { randomBytes } from 'node:crypto';
import { expect, type Page, test, type TestInfo } from '@playwright/test';
import { reviewedRound } from './draw-seed';
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
 * A coordinator takes a round from bids to a published lottery and its awards, signed in through Keycloak as
 * `demo-coordinator`. The round, the teams' bids and the reviewers' scores are set up through the services' APIs
 * (draw-seed.ts); the coordinator, in the browser: reads the pipeline's counts and the check's failures, follows the
 * reviewers' progress, decides the ready bids in bulk, fixes the lottery's seed, sees the candidates by registration
 * number, is refused the draw while the window is open (the reason in their language), runs the draw and publishes
 * it (a double click sends each command once), opens the public page and sees it agree, then reads the awards and
 * those below the cut-off with the reason, and who did what when. Phone in Kazakh, desktop in Russian; the main
 * steps are checked with axe and photographed in all three languages.
 */

const journeyLanguage = (testInfo: TestInfo): Language => (testInfo.project.name === 'phone' ? 'kk' : 'ru');

test.use({ reducedMotion: 'reduce' });
// The setup registers twelve people, four teams and their bids, and waits for the services' events.
test.describe.configure({ timeout: 480_000 });

async function signIn(page: Page, path: string, language: Language): Promise<void> {
  await page.goto(`/auth/login?returnTo=${encodeURIComponent(path)}&lang=${language}`);
  await signInAtProvider(page, 'demo-coordinator');
  await page.waitForURL((url) => url.pathname === path.split('?')[0]);
  await chooseLanguage(page, language);
}

/** The commands a page sends to a path, counted (a double click must send one). */
function countPosts(page: Page, pattern: RegExp): () => number {
  let count = 0;
  page.on('request', (request) => {
    if (request.method() === 'POST' && pattern.test(new URL(request.url()).pathname)) count += 1;
  });
  return () => count;
}

test('a coordinator takes a round from its bids to a published lottery and awards', async ({
  page,
}, testInfo) => {
  const language = journeyLanguage(testInfo);
  const tag = `draw-${testInfo.project.name}-${Date.now().toString(36)}`;
  const setup = await reviewedRound(tag);
  const { round, region } = setup;
  const t = (key: string, values: Record<string, string | number> = {}) => text(language, key, values);

  // The pipeline of the round: counts by status, the check's failures by reason.
  await signIn(page, '/coordinator/pipeline', language);
  await page.getByLabel(t('coordDraw.round')).selectOption(round.roundId);
  await page.getByLabel(t('coordinator.filters.region')).selectOption(region);
  const row = page.getByTestId('pipeline-counts').locator(`tr[data-region="${region}"]`);
  await expect(row.locator('[data-status="in-review"]')).toHaveText('3');
  await expect(row.locator('[data-status="check-failed"]')).toHaveText('1');
  await expect(page.getByTestId(`failures-${region}`)).toContainText(
    `1 — ${t('bid.reasons.budget-exceeds-ceiling')}`,
  );

  // The reviewers' progress: the first scored all three of theirs, the second two of three.
  const progress = page.getByTestId('reviewer-progress');
  const [first, second] = [setup.reviewers[0]!, setup.reviewers[1]!];
  await expect(progress.getByRole('row', { name: new RegExp(first.name) })).toContainText(
    t('coordDraw.review.sheets', { scored: 3, assigned: 3 }),
  );
  await expect(progress.getByRole('row', { name: new RegExp(second.name) })).toContainText(
    t('coordDraw.review.sheets', { scored: 2, assigned: 3 }),
  );
  await expect(progress.getByRole('row', { name: new RegExp(second.name) })).toContainText(
    t('coordDraw.review.waiting', { n: 1 }),
  );
  await everyLanguage(page, testInfo, 'coordinator-draw/01-pipeline', language);

  // The last sheet comes in; the bulk decision names how many bids it touches.
  await setup.scoreLast();
  await page.reload();
  await expect(progress.getByRole('row', { name: new RegExp(second.name) })).toContainText(
    t('coordDraw.review.sheets', { scored: 3, assigned: 3 }),
  );
  await page.getByRole('button', { name: t('coordDraw.review.decide') }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(t('coordDraw.review.decideConfirm', { n: 3 }));
  await expectAccessible(page);
  await screenshot(page, testInfo, language, 'coordinator-draw/02-decide-confirm');
  await dialog.getByRole('button', { name: t('coordinator.confirm') }).click();
  await expect(dialog).toBeHidden();
  await expect(row.locator('[data-status="qualified"]')).toHaveText('2');
  await expect(row.locator('[data-status="not-qualified"]')).toHaveText('1');
  await expect(row.locator('[data-status="in-review"]')).toHaveText('0');

  // The region's lottery, from the pipeline: fix the seed.
  await row.getByRole('link').click();
  await expect(page).toHaveURL(/\/coordinator\/lottery\?/);
  const seed = randomBytes(16).toString('hex');
  await page.getByLabel(t('coordDraw.lottery.seedInput'), { exact: true }).fill(seed);
  await page.getByRole('button', { name: t('coordDraw.lottery.fixSeed') }).click();
  await expect(dialog).toContainText(seed);
  await dialog.getByRole('button', { name: t('coordinator.confirm') }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('lottery-status')).toHaveText(t('coordDraw.lotteryStatus.seed-fixed'));
  await expect(page.getByTestId('lottery-seed')).toHaveText(seed);
  // The candidates: the two qualified bids, by registration number, no names.
  const candidates = page.getByTestId('lottery-candidates');
  await expect(candidates.locator('tbody tr')).toHaveCount(2);
  await expect(candidates).toContainText(/ZHAS-\d{4}-[A-Z0-9]{3}-\d+/);
  await everyLanguage(page, testInfo, 'coordinator-draw/03-seed-and-candidates', language);

  // The draw, while the young people's window is still open: refused, the reason in the person's language.
  await page.getByRole('button', { name: t('coordDraw.lottery.draw') }).click();
  await expect(dialog).toContainText(t('coordDraw.lottery.drawConfirm', { n: 2, quota: 1 }));
  await dialog.getByRole('button', { name: t('coordinator.confirm') }).click();
  await expect(dialog.getByRole('alert')).toContainText(t('problems.window-still-open'));
  await expectAccessible(page);
  await screenshot(page, testInfo, language, 'coordinator-draw/04-draw-refused');
  await dialog.getByRole('button', { name: t('coordinator.cancel') }).click();

  // Once the window has closed: the draw, run once however often the button is pressed.
  await setup.closeWindow();
  const draws = countPosts(page, /\/lotteries\/[^/]+\/draw$/);
  await page.getByRole('button', { name: t('coordDraw.lottery.draw') }).click();
  await dialog.getByRole('button', { name: t('coordinator.confirm') }).dblclick();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('lottery-status')).toHaveText(t('coordDraw.lotteryStatus.drawn'));
  expect(draws()).toBe(1);
  await expect(candidates.getByText(t('coordDraw.lottery.winner'))).toHaveCount(1);
  const hash = (await page.getByTestId('candidate-hash').textContent())?.trim() ?? '';
  expect(hash).toMatch(/^[0-9a-f]{64}$/);

  // Published, once.
  const publishes = countPosts(page, /\/lotteries\/[^/]+\/publish$/);
  await page.getByRole('button', { name: t('coordDraw.lottery.publish') }).click();
  await expect(dialog).toContainText(t('coordDraw.lottery.publishConfirm', { n: 2, winners: 1 }));
  await screenshot(page, testInfo, language, 'coordinator-draw/05-publish-confirm');
  await dialog.getByRole('button', { name: t('coordinator.confirm') }).dblclick();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('lottery-status')).toHaveText(t('coordDraw.lotteryStatus.published'));
  expect(publishes()).toBe(1);

  // The awards, and those below the cut-off with the reason.
  await expect(page.getByTestId('awards').locator('tbody tr')).toHaveCount(1);
  const below = page.getByTestId('below-cut-off');
  await expect(below.locator('tbody tr')).toHaveCount(3);
  for (const reason of ['not-drawn-in-lottery', 'not-qualified', 'failed-technical-check'])
    await expect(below).toContainText(t(`coordDraw.notAwardedReason.${reason}`));
  // Who did what when: the three steps, by the signed-in coordinator.
  const trail = page.getByRole('region', { name: t('coordDraw.audit.lotteryTitle') });
  for (const action of ['lottery.seed-fixed', 'lottery.drawn', 'lottery.published'])
    await expect(trail).toContainText(t(`coordDraw.audit.action.${action}`));
  await page.mouse.move(0, 0);
  await everyLanguage(page, testInfo, 'coordinator-draw/06-published-awards', language);

  // The public page, as anyone sees it: the same seed and hash, and the draw re-run in the browser agrees.
  await page.getByRole('link', { name: t('coordDraw.lottery.publicPage') }).click();
  await expect(page).toHaveURL(new RegExp(`/lottery/${round.roundId}/${region}$`));
  await expect(page.getByTestId('lottery-seed')).toHaveText(seed);
  await expect(page.getByTestId('lottery-hash')).toHaveText(hash);
  await page.getByRole('button', { name: t('lottery.rerun') }).click();
  await expect(page.getByTestId('lottery-verdict')).toContainText(t('lottery.agrees'));
  await page.mouse.move(0, 0);
  await expectAccessible(page);
  await screenshot(page, testInfo, language, 'coordinator-draw/07-public-page-agrees');
});
