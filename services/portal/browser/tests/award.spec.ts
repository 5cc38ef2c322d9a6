import { randomUUID } from 'node:crypto';
import { bidAwardedV1, createEvent } from '@zhas/contracts';
import { publishEvents } from '@zhas/testing';
import { expect, type Page, test } from '@playwright/test';
import { Kafka, logLevel } from 'kafkajs';
import { localToken, publishOpenRound, serviceUrl } from './fixtures';
import { chooseLanguage, everyLanguage, type Language, newPerson, registerAtProvider, text } from './support';

/*
 * The applicant's project after an award, on the running platform: the agreement, the tranches, a monthly report
 * submitted, returned by a coordinator with a comment, corrected and submitted again, the member's stipends paid and
 * withheld with the reason; then a grievance sent without an account, its tracking code, and its status once answered.
 * The award is written to the topic as the applications service publishes it (the way to an award through reviews
 * and a lottery is journey.spec.ts's and the services' business); the round, the agreement, the reviewers' and
 * payers' decisions go through the services' APIs as a coordinator's workspace would send them. One Keycloak account
 * per context. Every screen is photographed in kk, ru and en and checked with axe.
 */

const journeyLanguage = (project: string): Language => (project === 'phone' ? 'kk' : 'ru');

type Json = Record<string, unknown>;

let round: Awaited<ReturnType<typeof publishOpenRound>>;
test.beforeAll(async () => {
  round = await publishOpenRound(`a${Date.now().toString(36)}`);
});

/** A coordinator's call to the tracking service (development token, as the other fixtures use). */
async function coordinatorCall<T = Json>(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const token = await localToken(['coordinator'], 'browser-test-award-coordinator');
  const response = await fetch(`${serviceUrl('tracking')}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** Until the coordinator's call answers `status` (the events it depends on are still on their way). */
async function coordinatorUntil<T = Json>(status: number, method: string, path: string, body?: unknown) {
  let last: { status: number; body: T } | undefined;
  await expect
    .poll(
      async () => {
        last = await coordinatorCall<T>(method, path, body);
        return last.status;
      },
      { timeout: 60_000, intervals: [500, 1_000] },
    )
    .toBe(status);
  return last!.body;
}

async function publishAward(award: {
  bidId: string;
  teamId: string;
  leader: string;
  members: string[];
}): Promise<void> {
  const brokers = process.env.ZHAS_BROWSER_KAFKA_BROKERS ?? '127.0.0.1:9092';
  const kafka = new Kafka({
    clientId: 'award-browser-test',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const awarded = createEvent(bidAwardedV1, {
    subject: award.bidId,
    aggregateVersion: 5,
    correlationId: `corr-${award.bidId}`,
    time: new Date(),
    data: {
      bidId: award.bidId,
      teamId: award.teamId,
      roundId: round.roundId,
      region: 'almaty',
      lotteryId: `lot-${award.bidId}`,
      awardedAmountKzt: 1_000_000,
      durationMonths: 6,
      leaderParticipantId: award.leader,
      memberParticipantIds: award.members,
      awardedAt: new Date().toISOString(),
    },
  });
  await publishEvents(kafka, [awarded], process.env.ZHAS_BROWSER_TOPIC_PREFIX ?? '');
}

/** A new account on Keycloak's page, registered as a participant in Almaty; its participant id. */
async function newLeader(page: Page, language: Language): Promise<string> {
  const person = newPerson('award');
  await page.goto(`/auth/register?returnTo=${encodeURIComponent('/applicant')}&lang=${language}`);
  await registerAtProvider(page, person);
  await expect(page).toHaveURL(/\/applicant$/);
  await chooseLanguage(page, language);
  const registered = await page.request.post('/session/participant', {
    headers: { origin: new URL(page.url()).origin, 'x-zhas-request': '1' },
    data: {
      iin: person.iin,
      fullName: `${person.firstName} ${person.lastName}`,
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
  const session = (await (await page.request.get('/session')).json()) as { user: { participantId: string } };
  return session.user.participantId;
}

test('an awarded team reads its agreement and tranches, reports, corrects a returned report, sees its stipends; anyone follows a grievance by its code', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(600_000);
  const language = journeyLanguage(testInfo.project.name);
  const t = (key: string, values?: Record<string, string | number>) => text(language, key, values);
  const origin = () => new URL(page.url()).origin;

  // Awarded: the leader and a teammate (who has no account here).
  const leader = await newLeader(page, language);
  const tag = `${testInfo.project.name}-${Date.now().toString(36)}`;
  const bidId = `bid-award-${tag}`;
  const projectId = `prj-${bidId}`;
  const teammate = `prt-teammate-${tag}`;
  await publishAward({ bidId, teamId: `team-award-${tag}`, leader, members: [leader, teammate] });
  await coordinatorUntil(200, 'GET', `/projects/${projectId}`);

  // Before the agreement: the project and what it waits for.
  await page.goto('/applicant/project');
  await expect(page.getByTestId('agreement-pending')).toBeVisible({ timeout: 60_000 });
  await everyLanguage(page, testInfo, '50-project-awarded', language);

  // The coordinator signs (once the round's rules have reached tracking) and pays tranche 1.
  const today = new Date().toISOString().slice(0, 10);
  await coordinatorUntil(201, 'POST', `/projects/${projectId}/agreement`, {
    signedOn: today,
    startsOn: today,
  });
  await coordinatorUntil(200, 'POST', `/tranches/trn-${bidId}:1/disburse`, { disbursedOn: today });

  await page.reload();
  await expect(page.getByTestId('agreement')).toBeVisible();
  await expect(page.getByTestId('agreement')).toContainText(t('award.agreement.signed'));
  await everyLanguage(page, testInfo, '51-agreement', language);

  await page.getByRole('link', { name: t('award.nav.tranches') }).click();
  await expect(page.getByTestId('tranche-1')).toContainText(t('award.tranches.status.disbursed'));
  await expect(page.getByTestId('tranche-2')).toContainText(t('award.tranches.status.scheduled'));
  await everyLanguage(page, testInfo, '52-tranches', language);

  // The first month's report, filled on the form and submitted.
  await page.getByRole('link', { name: t('award.nav.reports') }).click();
  await expect(page.getByTestId('report-status')).toHaveText(t('award.reports.state.due'));
  await page.locator('#field-activitiesHeld').fill('3');
  await page.locator('#field-activities').fill('Жағалауды тазалау\nМектептегі семинар');
  await page.locator('[id="field-beneficiaries.female:14-17"]').fill('12');
  await page.locator('[id="field-beneficiaries.male:18-24"]').fill('8');
  await page.locator('[id="field-expenses.materials"]').fill('45 000');
  await expect(page.getByText(t('award.reports.beneficiariesTotal', { n: 20 }))).toBeVisible();
  const members = page.getByTestId('report-member');
  await expect(members).toHaveCount(2);
  for (const label of ['mentorSession', 'training', 'survey'])
    for (const index of [0, 1])
      await members
        .nth(index)
        .getByLabel(t(`award.reports.${label}`))
        .check();
  await everyLanguage(page, testInfo, '53-report-form', language);
  await page.getByTestId('report-submit').click();
  await expect(page.getByTestId('report-status')).toHaveText(t('award.reports.state.submitted'));
  await everyLanguage(page, testInfo, '54-report-submitted', language);

  // A coordinator returns it with a comment; the leader sees why, corrects it and submits again.
  const reportId = `rpt-${bidId}:m1`;
  const submitted = await coordinatorUntil<{ version: number }>(200, 'GET', `/reports/${reportId}`);
  const note = 'Чектер жоқ / receipts missing';
  await coordinatorUntil(200, 'POST', `/reports/${reportId}/return`, {
    version: submitted.version,
    reasons: ['expenses-unsupported'],
    note,
  });
  await page.reload();
  await expect(page.getByTestId('report-returned')).toContainText(
    t('award.reports.returnReason.expenses-unsupported'),
  );
  await expect(page.getByTestId('report-return-note')).toHaveText(note);
  await expect(page.locator('[id="field-expenses.materials"]')).toHaveValue('45000');
  await everyLanguage(page, testInfo, '55-report-returned', language);
  await page.locator('[id="field-expenses.materials"]').fill('40000');
  await page.getByTestId('report-submit').click();
  await expect(page.getByTestId('report-status')).toHaveText(t('award.reports.state.submitted'));
  const resubmitted = await coordinatorUntil<{ version: number; submissionNumber: number }>(
    200,
    'GET',
    `/reports/${reportId}`,
  );
  expect(resubmitted.submissionNumber).toBe(2);

  // Accepted and the leader's stipend paid; the second month's report says the leader missed the survey.
  await coordinatorUntil(200, 'POST', `/reports/${reportId}/accept`, { version: resubmitted.version });
  const stipendId = `stp-${bidId}:m1:${leader}`;
  await coordinatorUntil(200, 'POST', `/stipends/${stipendId}/pay`, { paidOn: today });
  const month2 = await page.request.post(`/api/tracking/projects/${projectId}/reports/2`, {
    headers: { origin: origin(), 'x-zhas-request': '1', 'idempotency-key': randomUUID() },
    data: {
      activitiesHeld: 1,
      activities: ['Семинар'],
      beneficiaries: [{ sex: 'female', ageBand: '14-17', count: 5 }],
      expenses: [{ category: 'events', amountKzt: 10000 }],
      members: [leader, teammate].map((participantId) => ({
        participantId,
        mentorSessionAttended: true,
        trainingCompleted: true,
        surveyCompleted: participantId !== leader,
      })),
    },
  });
  expect(month2.status(), await month2.text()).toBe(201);
  const second = (await month2.json()) as { version: number };
  await coordinatorUntil(200, 'POST', `/reports/rpt-${bidId}:m2/accept`, { version: second.version });

  await page.getByRole('link', { name: t('award.nav.stipends') }).click();
  await expect(page.getByTestId('stipend-1')).toContainText(t('award.stipends.status.paid'));
  await expect(page.getByTestId('stipend-2')).toContainText(t('award.stipends.status.withheld'));
  await expect(page.getByTestId('stipend-2')).toContainText(t('award.stipends.reason.survey'));
  await everyLanguage(page, testInfo, '56-stipends', language);

  // Signed in, a member may tie a grievance to the project.
  await page.goto('/grievance');
  await expect(page.getByTestId('grievance-about-project')).toBeChecked();

  // Without an account: a grievance, its tracking code, and its status once a coordinator has answered.
  const visitor = await browser.newContext({
    baseURL: testInfo.project.use.baseURL ?? process.env.PORTAL_URL ?? '',
  });
  try {
    const anonymous = await visitor.newPage();
    await anonymous.goto('/grievance');
    await chooseLanguage(anonymous, language);
    // Sent empty: the service's problem document, each field's message next to it, in the person's language.
    await anonymous.getByTestId('grievance-submit').click();
    await expect(anonymous.getByRole('alert').first()).toContainText(t('errors.summaryTitle'));
    for (const field of ['category', 'region', 'description'])
      await expect(anonymous.locator(`#field-${field}`)).toHaveAttribute('aria-invalid', 'true');
    await everyLanguage(anonymous, testInfo, '57-grievance-errors', language);
    const description = `Стипендия кешікті ${tag}`;
    await anonymous.locator('#field-category').selectOption('payments');
    await anonymous.locator('#field-region').selectOption('almaty');
    await anonymous.locator('#field-description').fill(description);
    await everyLanguage(anonymous, testInfo, '57-grievance-form', language);
    await anonymous.getByTestId('grievance-submit').dblclick();
    const code = (await anonymous.getByTestId('tracking-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await everyLanguage(anonymous, testInfo, '58-grievance-code', language);

    const listed = await coordinatorCall<{
      items: { grievanceId: string; version: number; description: string }[];
    }>('GET', '/grievances?region=almaty&limit=100');
    const lodged = listed.body.items.filter((item) => item.description === description);
    // A double tap lodges once.
    expect(lodged).toHaveLength(1);
    const grievance = lodged[0]!;
    const assigned = await coordinatorUntil<{ version: number }>(
      200,
      'POST',
      `/grievances/${grievance.grievanceId}/assign`,
      {
        version: grievance.version,
        assigneeId: 'staff-almaty-1',
      },
    );
    const answer = 'Стипендия 20-да төленді. / Paid on the 20th.';
    await coordinatorUntil(200, 'POST', `/grievances/${grievance.grievanceId}/answer`, {
      version: assigned.version,
      answer,
    });

    await anonymous.getByRole('link', { name: t('grievance.statusLink') }).click();
    await expect(anonymous.getByTestId('grievance-status-badge')).toHaveText(t('grievance.status.answered'));
    await expect(anonymous.getByTestId('grievance-answer')).toHaveText(answer);
    await everyLanguage(anonymous, testInfo, '59-grievance-status', language);

    // Typed by hand, in lower case and without dashes, it opens the same status; a wrong code says so.
    await anonymous.goto('/grievance/status');
    await anonymous.locator('#field-trackingCode').fill(code.toLowerCase().replace(/-/g, ''));
    await anonymous.getByTestId('grievance-status-show').click();
    await expect(anonymous.getByTestId('grievance-answer')).toHaveText(answer);
    await anonymous.locator('#field-trackingCode').fill('0000-0000-0000');
    await anonymous.getByTestId('grievance-status-show').click();
    await expect(anonymous.getByText(t('grievance.codeUnknown'))).toBeVisible();
    // Nothing personal, nor the code, is kept in the browser's storage.
    const stored = await anonymous.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    expect(stored).not.toContain(code);
    expect(stored).not.toContain(description);
  } finally {
    await visitor.close();
  }
});
