import { expect, test } from '@playwright/test';
import { publishDrawnLottery } from './fixtures';
import { chooseLanguage, expectAccessible, LANGUAGES, screenshot } from './support';

/*
 * The public lottery page, without signing in: it shows the published draw and re-runs it in the browser (Web
 * Crypto, the same @zhas/lottery code the applications service drew with). It agrees with what the service
 * published, and disagrees when the candidate list the page receives was tampered with on the way.
 */
const TEXT = {
  kk: { rerun: 'Жеребені осы браузерде қайталау', agrees: 'сәйкес келеді', disagrees: 'КЕЛМЕЙДІ' },
  ru: { rerun: 'Повторить розыгрыш в этом браузере', agrees: 'сходится', disagrees: 'НЕ сходится' },
  en: { rerun: 'Re-run the draw in this browser', agrees: 'The draw agrees', disagrees: 'does NOT agree' },
} as const;

let lottery: { roundId: string; region: string };
test.beforeAll(async () => {
  lottery = await publishDrawnLottery(`lottery-${Date.now().toString(36)}`);
});

for (const language of LANGUAGES) {
  test(`anyone re-runs a published draw in the browser (${language})`, async ({ page }, testInfo) => {
    const text = TEXT[language];
    const path = `/lottery/${lottery.roundId}/${lottery.region}`;
    await page.goto('/');
    await chooseLanguage(page, language);
    await page.goto(path);
    await expect(page.getByTestId('lottery-seed')).toBeVisible();
    await page.getByRole('button', { name: text.rerun }).click();
    await expect(page.getByTestId('lottery-verdict')).toContainText(text.agrees);
    const published = await page.getByTestId('lottery-hash').textContent();
    await expect(page.getByTestId('lottery-verdict')).toContainText(published ?? '(none)');
    // The pointer leaves the button it pressed: axe judges the page at rest, not a hovered button.
    await page.mouse.move(0, 0);
    await expectAccessible(page);
    await screenshot(page, testInfo, language, 'lottery-01-agrees');

    // Someone between the service and the visitor adds a candidate to the list: the page must notice.
    await page.route('**/api/applications/rounds/*/regions/*/lottery', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as {
        candidateBidIds: string[];
        candidateRegistrationNumbers: string[];
      };
      body.candidateBidIds = [...body.candidateBidIds, 'bid-zz-slipped-in'].sort();
      body.candidateRegistrationNumbers = body.candidateBidIds.map((_, index) => `ZZ-${index}`);
      await route.fulfill({ response, json: body });
    });
    await page.reload();
    await expect(page.getByText('bid-zz-slipped-in')).toBeVisible();
    await page.getByRole('button', { name: text.rerun }).click();
    await expect(page.getByTestId('lottery-verdict')).toContainText(text.disagrees);
    await page.mouse.move(0, 0);
    await expectAccessible(page);
    await screenshot(page, testInfo, language, 'lottery-02-tampered');
  });
}
