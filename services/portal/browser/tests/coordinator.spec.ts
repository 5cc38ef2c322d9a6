import { expect, type Page, test, type TestInfo } from '@playwright/test';
import { localToken, serviceUrl } from './fixtures';
import {
  chooseLanguage,
  everyLanguage,
  expectAccessible,
  type Language,
  screenshot,
  signInAtProvider,
  text,
} from './support';
import {
  awardedProjects,
  GRANT_KZT,
  leaderToken,
  monthlyReport,
  type SeededProject,
  signAgreement,
  tracking,
} from './tracking-seed';

/*
 * The coordinator's console on the running platform, signed in through Keycloak: tranche approvals (a refusal shown
 * with its reason), a monthly report returned with a comment, resubmitted by the team and accepted, a grievance
 * answered before its deadline, a regional coordinator who sees nothing of another region, and an applicant who
 * reaches neither the screens nor their APIs. The phone walks it in Kazakh, the desktop in Russian; the main screens
 * are photographed in all three languages.
 */

const journeyLanguage = (testInfo: TestInfo): Language => (testInfo.project.name === 'phone' ? 'kk' : 'ru');
const tagOf = (testInfo: TestInfo, what: string) =>
  `${what}-${testInfo.project.name}-${Date.now().toString(36)}`;

/** Keycloak's sign-in page, then back to `path` in the portal, in the journey's language. */
async function signIn(page: Page, username: string, path: string, language: Language): Promise<void> {
  await page.goto(`/auth/login?returnTo=${encodeURIComponent(path)}&lang=${language}`);
  await signInAtProvider(page, username);
  await page.waitForURL((url) => url.pathname === path);
  await chooseLanguage(page, language);
}

/** Amounts as the portal writes them: digit groups with a no-break space (kk, ru) or a comma (en), then ₸. */
function tenge(amount: number, language: Language): string {
  const digits = String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, language === 'en' ? ',' : '\u00a0');
  return `${digits} ₸`;
}

test.use({ reducedMotion: 'reduce' });
// Each test awards its own projects and waits for tracking to open them: more than the default on two busy cores.
test.describe.configure({ timeout: 240_000 });

test('tranche approval: tranche 1 approved, tranche 2 and a second payment of tranche 1 refused with the reason', async ({
  page,
  context,
}, testInfo) => {
  const language = journeyLanguage(testInfo);
  const [project] = (await awardedProjects(tagOf(testInfo, 'trn'), ['almaty'])) as [SeededProject];
  await signIn(page, 'demo-coordinator', '/coordinator/projects', language);
  await expect(page.getByRole('link', { name: project.bidId })).toBeVisible();
  await everyLanguage(page, testInfo, 'coordinator/01-projects', language);

  await page.getByRole('link', { name: project.bidId }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(project.bidId);
  // The agreement, signed here with a confirmation.
  await page.getByRole('button', { name: text(language, 'coordinator.agreement.sign') }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(tenge(GRANT_KZT, language));
  await dialog.getByRole('button', { name: text(language, 'coordinator.confirm') }).click();
  await expect(dialog).toBeHidden();
  // The project's trail says who signed: the coordinator, by name.
  const trail = page.getByRole('region', { name: text(language, 'coordDraw.audit.projectTitle') });
  await expect(trail).toContainText(text(language, 'coordDraw.audit.action.project.agreement-signed'));
  await expect(trail).toContainText(text(language, 'coordDraw.audit.role.coordinator'));
  const approve1 = page.getByRole('button', {
    name: text(language, 'coordinator.tranches.approve', { number: 1 }),
  });
  await expect(approve1).toBeVisible();

  // A second view of the same project, opened before the payment (another coordinator's screen, say).
  const stale = await context.newPage();
  await stale.goto(page.url());
  await expect(
    stale.getByRole('button', { name: text(language, 'coordinator.tranches.approve', { number: 1 }) }),
  ).toBeVisible();

  await approve1.click();
  await expect(dialog).toContainText(tenge(GRANT_KZT / 2, language));
  await expectAccessible(page);
  await screenshot(page, testInfo, language, 'coordinator/02-tranche-confirm');
  await dialog.getByRole('button', { name: text(language, 'coordinator.confirm') }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('disbursed-total')).toContainText(tenge(GRANT_KZT / 2, language));

  // Tranche 2 waits for the mid-term report: the service refuses, and the dialog says why.
  await page
    .getByRole('button', { name: text(language, 'coordinator.tranches.approve', { number: 2 }) })
    .click();
  await dialog.getByRole('button', { name: text(language, 'coordinator.confirm') }).click();
  await expect(dialog.getByRole('alert')).toContainText(text(language, 'problems.tranche-not-payable'));
  await expectAccessible(page);
  await screenshot(page, testInfo, language, 'coordinator/03-tranche-refused');
  await dialog.getByRole('button', { name: text(language, 'coordinator.cancel') }).click();

  // Tranche 1 again from the stale view: a second payment would go beyond the grant, and is refused.
  await stale
    .getByRole('button', { name: text(language, 'coordinator.tranches.approve', { number: 1 }) })
    .click();
  await stale
    .getByRole('dialog')
    .getByRole('button', { name: text(language, 'coordinator.confirm') })
    .click();
  await expect(stale.getByRole('dialog').getByRole('alert')).toContainText(
    text(language, 'problems.tranche-already-disbursed'),
  );
  await screenshot(stale, testInfo, language, 'coordinator/04-tranche-paid-twice-refused');
  await stale.close();

  const tranches = await tracking<{ items: { status: string; amountKzt: number }[] }>(
    'GET',
    `/projects/${project.projectId}/tranches`,
    await localToken(['coordinator']),
  );
  expect(tranches.items.map((tranche) => tranche.status)).toEqual(['disbursed', 'scheduled']);
});

test('a monthly report returned with a comment, resubmitted by the team, then accepted; its stipends paid', async ({
  page,
}, testInfo) => {
  const language = journeyLanguage(testInfo);
  const [project] = (await awardedProjects(tagOf(testInfo, 'rpt'), ['almaty'])) as [SeededProject];
  await signAgreement(project);
  const leader = await leaderToken(project);
  await tracking('POST', `/projects/${project.projectId}/reports/1`, leader, monthlyReport(project));

  await signIn(page, 'demo-coordinator', '/coordinator/reports', language);
  const card = page.getByRole('article').filter({ hasText: project.bidId.replace(/^bid-/, '') });
  await expect(card).toBeVisible();
  await everyLanguage(page, testInfo, 'coordinator/05-report-queue', language);

  await card.getByRole('button', { name: text(language, 'coordinator.reports.return') }).click();
  await card.getByLabel(text(language, 'coordinator.returnReason.expenses-unsupported')).check();
  const note = 'Receipts for the materials are missing';
  await card.getByLabel(text(language, 'coordinator.reports.note')).fill(note);
  await expectAccessible(page);
  await screenshot(page, testInfo, language, 'coordinator/06-report-return');
  await card.getByRole('button', { name: text(language, 'coordinator.reports.returnConfirm') }).click();
  await expect(card).toBeHidden();

  // The team reads the comment through the API and sends the corrected report.
  const returned = await tracking<{ status: string; returns: { note?: string; reasons: string[] }[] }>(
    'GET',
    `/reports/rpt-${project.bidId}:m1`,
    leader,
  );
  expect(returned).toMatchObject({
    status: 'returned',
    returns: [{ note, reasons: ['expenses-unsupported'] }],
  });
  await tracking('POST', `/projects/${project.projectId}/reports/1`, leader, monthlyReport(project, 4));

  await page.reload();
  await expect(card).toBeVisible();
  await expect(card).toContainText(note);
  await card.getByRole('button', { name: text(language, 'coordinator.reports.accept') }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: text(language, 'coordinator.confirm') })
    .click();
  await expect(card).toBeHidden();
  const accepted = await tracking<{ status: string; submissionNumber: number }>(
    'GET',
    `/reports/rpt-${project.bidId}:m1`,
    leader,
  );
  expect(accepted).toMatchObject({ status: 'accepted', submissionNumber: 2 });

  // The month's stipends are payable now: the project's page pays one of them, once.
  await page.goto(`/coordinator/projects/${project.projectId}`);
  const stipends = page.locator('section[aria-labelledby="stipends-title"]');
  await expect(
    stipends.getByRole('button', { name: text(language, 'coordinator.stipends.pay') }),
  ).toHaveCount(3);
  await stipends
    .getByRole('button', { name: text(language, 'coordinator.stipends.pay') })
    .first()
    .click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: text(language, 'coordinator.confirm') })
    .click();
  await expect(
    stipends.getByRole('button', { name: text(language, 'coordinator.stipends.pay') }),
  ).toHaveCount(2);
  await expectAccessible(page);
  await everyLanguage(page, testInfo, 'coordinator/07-project', language);
});

test('a grievance assigned, answered before its deadline and resolved', async ({ page }, testInfo) => {
  const language = journeyLanguage(testInfo);
  const tag = tagOf(testInfo, 'grv');
  const description = `The stipend of May has not arrived (${tag})`;
  // Anyone may lodge one, without an account (the hotline's operator here).
  const lodged = await fetch(`${serviceUrl('tracking')}/grievances`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({ category: 'payments', channel: 'hotline', region: 'almaty', description }),
  });
  expect(lodged.status).toBe(201);
  // The deadline rule: the lodging day in Kazakhstan plus the category's days.
  const { responseDueOn } = (await lodged.json()) as { responseDueOn: string };
  const todayInKazakhstan = new Date(Date.now() + 5 * 3_600_000).toISOString().slice(0, 10);
  const daysLeft = (Date.parse(responseDueOn) - Date.parse(todayInKazakhstan)) / 86_400_000;
  expect(daysLeft).toBeGreaterThan(0);

  await signIn(page, 'demo-coordinator', '/coordinator/grievances', language);
  const card = page.getByRole('article').filter({ hasText: tag });
  await expect(card).toBeVisible();
  await expect(card).toContainText(text(language, 'coordinator.grievances.daysLeft', { count: daysLeft }));
  await everyLanguage(page, testInfo, 'coordinator/08-grievances-new', language);

  await card.getByLabel(text(language, 'coordinator.grievances.assignee')).fill('staff-almaty-1');
  await card.getByRole('button', { name: text(language, 'coordinator.grievances.step.lodged') }).click();
  await expect(card).toBeHidden();
  await page.getByText(text(language, 'coordinator.grievanceView.assigned'), { exact: true }).click();
  await expect(card).toBeVisible();
  await card
    .getByLabel(text(language, 'coordinator.grievances.answer'))
    .fill('The payment was sent on 3 June; the bank confirms it.');
  await card.getByRole('button', { name: text(language, 'coordinator.grievances.step.assigned') }).click();
  await expect(card).toBeHidden();

  await page.getByText(text(language, 'coordinator.grievanceView.answered'), { exact: true }).click();
  await expect(card).toContainText(text(language, 'coordinator.grievances.answeredInTime'));
  await expectAccessible(page);
  await screenshot(page, testInfo, language, 'coordinator/09-grievance-answered');
  await card.getByRole('button', { name: text(language, 'coordinator.grievances.step.answered') }).click();
  await expect(card).toBeHidden();
  await page.getByText(text(language, 'coordinator.grievanceView.resolved'), { exact: true }).click();
  await expect(card).toContainText(text(language, 'coordinator.grievanceOutcome.upheld'));
  await screenshot(page, testInfo, language, 'coordinator/10-grievance-resolved');
});

test("a coordinator of one region sees nothing of another's", async ({ page }, testInfo) => {
  const language = journeyLanguage(testInfo);
  const tag = tagOf(testInfo, 'scope');
  const [almaty, astana] = (await awardedProjects(tag, ['almaty', 'astana'])) as [
    SeededProject,
    SeededProject,
  ];
  await signAgreement(astana);
  await signIn(page, 'demo-coordinator-almaty', '/coordinator/projects', language);
  await expect(page.getByRole('link', { name: almaty.bidId })).toBeVisible();
  await expect(page.getByRole('link', { name: astana.bidId })).toHaveCount(0);
  await expect(
    page.getByRole('combobox', { name: text(language, 'coordinator.filters.region') }),
  ).not.toContainText(text(language, 'regions.astana'));
  await expectAccessible(page);
  await screenshot(page, testInfo, language, 'coordinator/11-regional-coordinator');

  // Nor by its address: the screen says so, and the service refuses through the portal.
  await page.goto(`/coordinator/projects/${astana.projectId}`);
  await expect(page.getByRole('alert')).toContainText(text(language, 'errors.forbidden'));
  const api = (path: string) => page.request.get(`/api/tracking${path}`);
  expect((await api(`/projects/${astana.projectId}`)).status()).toBe(403);
  expect((await api(`/projects/${almaty.projectId}`)).status()).toBe(200);
  const listed = (await (await api(`/projects?roundId=${astana.roundId}`)).json()) as {
    items: { projectId: string }[];
  };
  expect(listed.items.map((item) => item.projectId)).toEqual([almaty.projectId]);
  const asked = (await (await api(`/projects?roundId=${astana.roundId}&region=astana`)).json()) as {
    items: unknown[];
  };
  expect(asked.items).toEqual([]);
  const disburse = await page.request.post(`/api/tracking/tranches/trn-${astana.bidId}:1/disburse`, {
    headers: { 'idempotency-key': crypto.randomUUID(), 'x-zhas-request': '1' },
    data: { disbursedOn: '2026-01-10' },
  });
  expect(disburse.status()).toBe(403);
});

test('an applicant reaches neither the coordinator screens nor their APIs', async ({ page }, testInfo) => {
  const language = journeyLanguage(testInfo);
  await signIn(page, 'demo-applicant', '/coordinator/projects', language);
  await expect(page.getByText(text(language, 'workspace.notAllowed'))).toBeVisible();
  await expect(page.getByRole('link', { name: text(language, 'coordinator.desks.grievances') })).toHaveCount(
    0,
  );
  await expectAccessible(page);
  await screenshot(page, testInfo, language, 'coordinator/12-applicant-refused');
  for (const path of ['/grievances', '/reports', '/stipends']) {
    expect((await page.request.get(`/api/tracking${path}`)).status(), path).toBe(403);
  }
  const write = await page.request.post('/api/tracking/tranches/trn-bid-x:1/disburse', {
    headers: { 'idempotency-key': crypto.randomUUID(), 'x-zhas-request': '1' },
    data: { disbursedOn: '2026-01-10' },
  });
  expect(write.status()).toBe(403);
});
