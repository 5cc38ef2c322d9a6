import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { publishEvents, resultsProgramme } from '@zhas/testing';
import { Kafka, logLevel } from 'kafkajs';
import { chooseLanguage, expectAccessible, LANGUAGES, screenshot, signInAtProvider } from './support';

/*
 * The results dashboards and the public results page, in the three languages, at phone and desktop size. The
 * reporting service counts a programme of three rounds that this file writes to the topics as the other services
 * would (@zhas/testing's resultsProgramme); the pages show what reporting computed from it.
 */

const programme = resultsProgramme();
const participants = Object.values(programme.participants)
  .flatMap((regions) => Object.values(regions))
  .reduce((total, count) => total + count, 0);

/**
 * The public figure of youth participating: the programme's, plus the participants other tests of the same run
 * bring (their own rounds and awards: the journey, the award, the coordinator's tests), rounded to fives as the
 * public pages show it. What the others brought is read before the programme is written.
 */
const fives = (count: number) => Math.round(count / 5) * 5;
let publicParticipants = { least: fives(participants), most: fives(participants) };
const isPublicParticipants = (value: number | null) =>
  value !== null && value >= publicParticipants.least && value <= publicParticipants.most;

async function publicHeadline(request: APIRequestContext): Promise<number> {
  const reply = await request.get('/api/reporting/public/headline?period=all');
  const body = (await reply.json()) as { items?: { code: string; value: number | null }[] };
  return body.items?.find((item) => item.code === 'PDO-1')?.value ?? 0;
}

test.use({ reducedMotion: 'reduce' });

test.beforeAll(async ({ request }) => {
  test.setTimeout(240_000);
  // The other tests bring far fewer participants than the programme's, so a figure below it means the programme
  // was not written yet (the desktop run finds it written by the phone run).
  const before = await publicHeadline(request);
  const written = before >= fives(participants);
  const others = written ? Math.max(0, before - fives(participants)) : before;
  // Rounding on both sides, and the last events of the test before this one still on their way.
  publicParticipants = { least: fives(participants), most: fives(participants + others + 10) };
  const brokers = process.env.ZHAS_BROWSER_KAFKA_BROKERS;
  if (brokers && !written) {
    const kafka = new Kafka({
      clientId: 'results-browser-test',
      brokers: brokers.split(','),
      logLevel: logLevel.NOTHING,
    });
    await publishEvents(kafka, programme.events, process.env.ZHAS_BROWSER_TOPIC_PREFIX ?? '');
  }
  // Reporting has counted everything when the public figure is the programme's and the others' (rounded to fives).
  await expect
    .poll(async () => isPublicParticipants(await publicHeadline(request)), {
      timeout: 180_000,
      intervals: [1_000],
    })
    .toBe(true);
});

/** A page opened anew loads the app, the session and the figures first: more time on a busy machine. */
const FRESH_PAGE = 60_000;

/** The words each language shows, from the portal's locale files. */
const TEXT = {
  kk: {
    signIn: 'Кіру',
    framework: 'Нәтижелер кестесі',
    breakdown: 'Бөліністер',
    map: 'Өңірлер картасы',
    series: 'Уақыт қатарлары',
    funnel: 'Іріктеу воронкасы',
    neet: 'Оқымайды және жұмыс істемейді',
    comparable: '2018 және 2022 өзгерістерінсіз салыстырмалы',
    withheld: 'жасырылды',
    almatyGroup: 'Алматы облысы (бұрынғы шекарасында)',
  },
  ru: {
    signIn: 'Войти',
    framework: 'Таблица результатов',
    breakdown: 'Разбивки',
    map: 'Карта регионов',
    series: 'Временные ряды',
    funnel: 'Воронка отбора',
    neet: 'Не учится и не работает',
    comparable: 'Сопоставимые (без изменений 2018 и 2022)',
    withheld: 'скрыто',
    almatyGroup: 'Алматинская область (в прежних границах)',
  },
  en: {
    signIn: 'Sign in',
    framework: 'Results framework',
    breakdown: 'Breakdowns',
    map: 'Map of regions',
    series: 'Time series',
    funnel: 'Selection funnel',
    neet: 'Not in employment, education or training',
    comparable: 'Comparable across 2018 and 2022',
    withheld: 'withheld',
    almatyGroup: 'Almaty Region (former borders)',
  },
} as const;

/** Every number the page shows with a data-value: withheld, zero, or at least the threshold of five. */
async function expectNoSmallCell(page: Page): Promise<number> {
  const values = await page
    .locator('[data-value]')
    .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-value') ?? ''));
  for (const value of values) {
    if (value === 'withheld' || value === 'null') continue;
    const number = Number(value);
    expect(number === 0 || number >= 5, `a shown value of ${value}`).toBe(true);
  }
  return values.length;
}

async function signIn(page: Page, username: string, language: (typeof LANGUAGES)[number]) {
  await page.getByRole('banner').getByRole('link', { name: TEXT[language].signIn }).click();
  await signInAtProvider(page, username);
}

for (const language of LANGUAGES) {
  const text = TEXT[language];

  test(`the public results page: protected figures, the map, a breakdown, a shareable view, an embed (${language})`, async ({
    page,
    context,
  }, testInfo) => {
    await page.goto('/results');
    await chooseLanguage(page, language);
    const headline = page.locator('[data-headline-code="PDO-1"] [data-value]');
    await expect(headline).toHaveAttribute('data-value', /^\d+$/);
    expect(isPublicParticipants(Number(await headline.getAttribute('data-value')))).toBe(true);
    // Ulytau has three participants: withheld on the map and in its table; Karaganda's own are shown.
    await expect(page.locator('[data-map] [data-region="ulytau"]')).toContainText(text.withheld);
    expect(await expectNoSmallCell(page)).toBeGreaterThan(10);
    await expectAccessible(page);
    await screenshot(page, testInfo, language, '10-public-results');

    // A breakdown toggle changes the chart and its table.
    const chart = page.locator('[data-breakdown-chart]');
    await expect(chart).toHaveAttribute('data-breakdown-chart', 'sex');
    await page.getByRole('radiogroup').filter({ hasText: text.neet }).getByText(text.neet).click();
    await expect(chart).toHaveAttribute('data-breakdown-chart', 'neet');
    await expect(page.locator('[data-public-table="neet"]')).toBeVisible();
    await expectNoSmallCell(page);
    // The comparable basis puts Zhetisu with Almaty oblast.
    await page.getByText(text.comparable).click();
    await expect(page.locator('[data-map-table]')).toContainText(text.almatyGroup);
    await expectNoSmallCell(page);

    // The address holds the view: opened anew, the page shows the same choices.
    expect(page.url()).toContain('dimension=neet');
    expect(page.url()).toContain('basis=comparable');
    const again = await context.newPage();
    await again.goto(page.url());
    await expect(again.locator('[data-breakdown-chart]')).toHaveAttribute('data-breakdown-chart', 'neet', {
      timeout: FRESH_PAGE,
    });
    await expect(again.locator('[data-map-table]')).toContainText(text.almatyGroup);
    await again.close();

    // The embed snippet opens the same figures without the portal's frame.
    const snippet = await page.locator('[data-embed]').inputValue();
    const src = /src="([^"]+)"/.exec(snippet)?.[1];
    expect(src).toContain('/embed/results?');
    const embed = await context.newPage();
    await embed.goto(src!);
    await expect(embed.locator('[data-map]')).toBeVisible({ timeout: FRESH_PAGE });
    await expect(embed.getByRole('navigation')).toHaveCount(0);
    await expectNoSmallCell(embed);
    await screenshot(embed, testInfo, language, '11-embed');
    await embed.close();
  });

  test(`the results dashboards of a viewer: the table, a toggle, the map, series, funnel, a shared link (${language})`, async ({
    page,
    context,
  }, testInfo) => {
    // Five views, each checked for accessibility and photographed: more than the default time on a busy machine.
    test.slow();
    await page.goto('/');
    await chooseLanguage(page, language);
    await page.goto('/dashboards?semester=2023-S2');
    await signIn(page, 'demo-viewer', language);
    // Signing in keeps the view asked for (a shared link opened by someone not yet signed in).
    await expect(page).toHaveURL(/\/dashboards\?semester=2023-S2/);
    const row = page.locator('[data-framework] [data-row="PDO-1"]');
    await expect(row.locator('[data-cell="actual"]')).toHaveText(
      new RegExp(String(participants).slice(0, 1)),
    );
    await expect(row.locator('[data-cell="target"]')).not.toHaveText('–');
    await expectAccessible(page);
    await screenshot(page, testInfo, language, '20-framework');

    await page.getByRole('tab', { name: text.breakdown }).click();
    const chart = page.locator('[data-breakdown-chart]');
    await expect(chart.locator('svg')).toBeVisible();
    const before = await page.locator('[data-breakdown-table]').innerText();
    await page.getByText(text.neet, { exact: true }).click();
    await expect(chart).toHaveAttribute('data-breakdown-chart', 'neet');
    await expect(page.locator('[data-breakdown-table="neet"]')).not.toHaveText(before);
    await expectAccessible(page);
    await screenshot(page, testInfo, language, '21-breakdown');

    await page.getByRole('tab', { name: text.map }).click();
    await expect(page.locator('[data-map] [data-region="almaty"]')).toBeVisible();
    await page.getByText(text.comparable).click();
    await expect(page.locator('[data-map-table]')).toContainText(text.almatyGroup);
    await expectAccessible(page);
    await screenshot(page, testInfo, language, '22-map');

    // The shared link opens the same view for another reader.
    const link = page.url();
    expect(link).toContain('view=map');
    const again = await context.newPage();
    await again.goto(link);
    await expect(again.locator('[data-map-table]')).toContainText(text.almatyGroup, { timeout: FRESH_PAGE });
    await again.close();

    await page.getByRole('tab', { name: text.series }).click();
    await expect(page.locator('[data-series="IR-1.2"] svg')).toBeVisible();
    await expect(page.locator('[data-series="IR-3.3"] svg')).toBeVisible();
    await screenshot(page, testInfo, language, '23-series');

    await page.getByRole('tab', { name: text.funnel }).click();
    await expect(page.locator('[data-funnel] svg')).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, testInfo, language, '24-funnel');
  });
}

test('an admin changes a target through the API: the dashboard shows it and its history keeps the old value', async ({
  page,
}, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'the same data at every size');
  await page.goto('/');
  await chooseLanguage(page, 'en');
  await page.goto('/dashboards?semester=2023-S2');
  await signIn(page, 'demo-admin', 'en');
  const before = (await (await page.request.get('/api/reporting/indicators/IR-2.1')).json()) as {
    version: number;
    baseline: number;
    baselineYear: number;
    targets: { year: number; value: number }[];
  };
  const oldTarget = before.targets.find((target) => target.year === 2023)?.value;
  const newTarget = (oldTarget ?? 0) + 123;
  const changed = await page.request.put('/api/reporting/indicators/IR-2.1/targets', {
    headers: { origin: new URL(page.url()).origin, 'x-zhas-request': '1' },
    data: {
      version: before.version,
      baseline: before.baseline,
      baselineYear: before.baselineYear,
      targets: before.targets.map((target) =>
        target.year === 2023
          ? { ...target, value: newTarget, source: { title: 'Browser test restructuring' } }
          : target,
      ),
      reason: 'Browser test',
    },
  });
  expect(changed.status()).toBe(200);

  await page.reload();
  const row = page.locator('[data-framework] [data-row="IR-2.1"]');
  await expect(row.locator('[data-cell="target"]')).toHaveText(newTarget.toLocaleString('en'));
  await row.getByRole('button', { name: 'Definition of IR-2.1' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.locator('[data-target-year="2023"] [data-target-value]')).toHaveAttribute(
    'data-target-value',
    String(newTarget),
  );
  const history = dialog.locator('[data-history-version]').first();
  await expect(history).toContainText(`2023: ${(oldTarget ?? 0).toLocaleString('en')}`);
  await expect(history).toContainText(`2023: ${newTarget.toLocaleString('en')}`);
  await expect(history).toContainText('Browser test');
  await expectAccessible(page);
  await screenshot(page, testInfo, 'en', '25-target-history');
});

test('the applicant never loads the chart library; the results pages do', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'the same bundles at every size');
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  await page.goto('/');
  await chooseLanguage(page, 'en');
  await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).click();
  await signInAtProvider(page, 'demo-applicant');
  await page.goto('/applicant');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(scripts.filter((path) => /EChart-/.test(path))).toEqual([]);
  await page.goto('/results');
  await expect(page.locator('[data-breakdown-chart] svg')).toBeVisible();
  expect(scripts.filter((path) => /EChart-/.test(path))).toHaveLength(1);
});
