import { randomBytes } from 'node:crypto';
import { expect, type Page, test, type TestInfo } from '@playwright/test';
import { makeBin } from '@zhas/kz';
import { call, localToken, publishOpenRound, serviceUrl } from './fixtures';
import { participant } from './selection';
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
 * A host organization on the running platform, signed in through Keycloak as demo-host (whose account names its
 * organization): it registers the organization by BIN when the register does not have it yet (a wrong BIN refused
 * with the field named), applies to a round's host-organization competition, saves a draft, submits, is found
 * eligible, and, once the committee has scored it and the coordinator has confirmed the region's selection (done
 * through the services' APIs, as their own screens would), sees itself selected with its scores; then confirms one
 * team that asked it and declines another with a reason. The phone walks it in Kazakh, the desktop in Russian;
 * every step is checked with axe and photographed in all three languages.
 */

const journeyLanguage = (testInfo: TestInfo): Language => (testInfo.project.name === 'phone' ? 'kk' : 'ru');
const HOST_ORG_ID = 'org-00000000-0000-4000-8000-000000000001';
const REGION = 'almaty';
const competitions = () => serviceUrl('competitions');
const applications = () => serviceUrl('applications');

/** Until `attempt` stops throwing: the services learn of each other's changes from events, a moment later. */
const eventually = (attempt: () => Promise<unknown>, timeout = 60_000) =>
  expect(attempt).toPass({ timeout, intervals: [250, 500, 1_000] });

async function signIn(page: Page, path: string, language: Language): Promise<void> {
  await page.goto(`/auth/login?returnTo=${encodeURIComponent(path)}&lang=${language}`);
  await signInAtProvider(page, 'demo-host');
  await page.waitForURL((url) => url.pathname === path);
  await chooseLanguage(page, language);
}

async function organizationRegistered(): Promise<boolean> {
  const response = await fetch(`${competitions()}/organizations/${HOST_ORG_ID}`, {
    headers: { authorization: `Bearer ${await localToken(['coordinator'])}` },
  });
  return response.ok;
}

/**
 * A team of three in the region that asks the organization and is formed (a host organization answers formed
 * teams), once applications knows the organization is selected there.
 */
async function teamAsking(roundId: string): Promise<string> {
  const [leader, ...others] = await Promise.all([
    participant(REGION),
    participant(REGION),
    participant(REGION),
  ]);
  let teamId = '';
  await eventually(async () => {
    ({ teamId } = await call<{ teamId: string }>('POST', `${applications()}/teams`, leader.token, {
      roundId,
      region: REGION,
      hostOrganizationId: HOST_ORG_ID,
    }));
  });
  for (const other of others) {
    await call('POST', `${applications()}/teams/${teamId}/invitations`, leader.token, {
      participantId: other.participantId,
    });
    await call(
      'POST',
      `${applications()}/teams/${teamId}/invitations/${other.participantId}/accept`,
      other.token,
    );
  }
  await call('POST', `${applications()}/teams/${teamId}/form`, leader.token);
  return teamId;
}

test.use({ reducedMotion: 'reduce' });
// Every step photographed in three languages, and the services' events waited for: more than the default.
test.describe.configure({ timeout: 360_000 });

test('a host organization applies, is selected, confirms one team and declines another', async ({
  page,
}, testInfo) => {
  const language = journeyLanguage(testInfo);
  const round = await publishOpenRound(`host-${testInfo.project.name}-${Date.now().toString(36)}`, 900_000);
  const roundTitle = round.title[language] ?? '';
  await signIn(page, '/host-org', language);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(text(language, 'hostOrg.home.title'));

  // The first test of a platform run registers the organization; the BIN is checked by the service.
  if (!(await organizationRegistered())) {
    await page
      .getByRole('textbox', { name: text(language, 'hostOrg.fields.name'), exact: true })
      .fill('«Жастар орталығы» ҚБ');
    await page
      .getByRole('textbox', { name: text(language, 'hostOrg.fields.bin'), exact: true })
      .fill('123456789012');
    await page.getByRole('button', { name: text(language, 'hostOrg.organization.register') }).click();
    // The service's problem document names the field; the form says why in the person's language.
    const refusal = page.getByRole('alert');
    await expect(refusal).toContainText(text(language, 'hostOrg.fields.bin'));
    await expect(refusal).toContainText(text(language, 'hostOrg.problems.validation'));
    await everyLanguage(page, testInfo, 'host-org/01-bin-refused', language);
    const bin = makeBin({
      registeredOn: '2012-05',
      entityType: 'resident-legal-entity',
      entityKind: 'head-office',
      serial: randomBytes(4).readUInt32BE() % 100_000,
    });
    await page.getByRole('textbox', { name: text(language, 'hostOrg.fields.bin'), exact: true }).fill(bin);
    await page.getByRole('button', { name: text(language, 'hostOrg.organization.register') }).click();
    await expect(page.getByTestId('host-org-bin')).toHaveText(bin);
  }
  await expect(page.getByTestId('host-org-name')).toBeVisible();
  const apply = page.getByRole('link', { name: text(language, 'hostOrg.home.apply', { round: roundTitle }) });
  await expect(apply).toBeVisible();
  await everyLanguage(page, testInfo, 'host-org/02-home', language);

  // The application: experience, capacity, declarations, one document; saved as a draft, then submitted.
  await apply.click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(roundTitle);
  await page
    .getByRole('textbox', { name: text(language, 'hostOrg.fields.youthExperienceYears'), exact: true })
    .fill('6');
  await page
    .getByRole('textbox', { name: text(language, 'hostOrg.fields.capacityTeams'), exact: true })
    .fill('10');
  await page
    .getByRole('checkbox', { name: text(language, 'hostOrg.fields.hasBankAccount'), exact: true })
    .check();
  await page
    .getByRole('checkbox', { name: text(language, 'hostOrg.fields.operatesInRegion'), exact: true })
    .check();
  await page.getByRole('button', { name: text(language, 'hostOrg.application.addDocument') }).click();
  await page
    .getByRole('textbox', { name: text(language, 'hostOrg.fields.reference'), exact: true })
    .fill('№ 1234, 12.05.2012');
  await page.getByRole('button', { name: text(language, 'hostOrg.application.saveDraft') }).click();
  await page.waitForURL(/\/host-org\/applications\//);
  // The draft's own screen (only it can submit) says the draft is saved; a change, saved again, says so again.
  await expect(
    page.getByRole('button', { name: text(language, 'hostOrg.application.submit') }),
  ).toBeVisible();
  const saved = page.getByRole('status');
  await expect(saved).toHaveText(text(language, 'hostOrg.application.draftSaved'));
  await page
    .getByRole('textbox', { name: text(language, 'hostOrg.fields.capacityTeams'), exact: true })
    .fill('12');
  await expect(saved).toBeHidden();
  await page.getByRole('button', { name: text(language, 'hostOrg.application.saveDraft') }).click();
  await expect(saved).toHaveText(text(language, 'hostOrg.application.draftSaved'));
  await everyLanguage(page, testInfo, 'host-org/03-draft', language);

  await page.getByRole('button', { name: text(language, 'hostOrg.application.submit') }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(text(language, 'hostOrg.application.submitText'));
  await expectAccessible(page);
  await screenshot(page, testInfo, language, 'host-org/04-submit-confirm');
  // A double click submits once (the button waits for the answer; the submission carries one key).
  await dialog.getByRole('button', { name: text(language, 'coordinator.confirm') }).dblclick();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('host-application-status')).toHaveText(
    text(language, 'hostOrg.status.eligible'),
  );
  await expect(page.getByTestId('host-eligibility-decision')).toHaveText(
    text(language, 'hostOrg.eligibility.eligible'),
  );
  await everyLanguage(page, testInfo, 'host-org/05-submitted', language);

  // The coordinator's review, the committee's scores and the region's selection, through the services' APIs.
  const hostApplicationId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
  const coordinator = await localToken(['coordinator'], 'browser-test-coordinator');
  const submitted = await call<{ version: number }>(
    'GET',
    `${competitions()}/host-applications/${hostApplicationId}`,
    coordinator,
  );
  await call(
    'POST',
    `${competitions()}/host-applications/${hostApplicationId}/eligibility-review`,
    coordinator,
    {
      version: submitted.version,
      decision: 'eligible',
      reasons: [],
      note: 'Документы проверены.',
    },
  );
  await call(
    'PUT',
    `${competitions()}/host-applications/${hostApplicationId}/scores/me`,
    await localToken(['committee'], `browser-test-committee-${REGION}`, { regions: [REGION] }),
    {
      scores: [
        { code: 'youth-experience', score: 90 },
        { code: 'regional-presence', score: 80 },
        { code: 'mentoring-capacity', score: 70 },
      ],
    },
  );
  // The coordinator closes the host window now (a revision of the round), so the region's selection may be made.
  await call('POST', `${competitions()}/rounds/${round.roundId}/revisions`, coordinator, {
    ...round.content,
    hostApplicationWindow: { ...round.content.hostApplicationWindow, closesAt: new Date().toISOString() },
    version: round.version,
  });
  await eventually(
    () =>
      call('POST', `${competitions()}/rounds/${round.roundId}/regions/${REGION}/host-selection`, coordinator),
    60_000,
  );
  await page.reload();
  await expect(page.getByTestId('host-application-status')).toHaveText(
    text(language, 'hostOrg.status.selected'),
  );
  await expect(page.getByTestId('host-total-score')).toBeVisible();
  await expect(page.getByTestId('host-outcome')).toContainText(
    text(language, 'hostOrg.outcome.selected', { rank: 1, score: '' }).split(',')[0] ?? '',
  );
  await everyLanguage(page, testInfo, 'host-org/06-selected', language);

  // Two teams ask the organization; it confirms the first and declines the second with a reason.
  const [confirmed, declined] = [await teamAsking(round.roundId), await teamAsking(round.roundId)];
  const teamName = (teamId: string) => text(language, 'hostOrg.teams.team', { id: teamId.slice(-6) });
  await page.getByRole('link', { name: text(language, 'hostOrg.outcome.toTeams') }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(text(language, 'hostOrg.teams.title'));
  const first = page.getByRole('article', { name: teamName(confirmed) });
  const second = page.getByRole('article', { name: teamName(declined) });
  await expect(first).toBeVisible();
  await expect(second).toBeVisible();
  await everyLanguage(page, testInfo, 'host-org/07-teams', language);

  await first.getByRole('button', { name: text(language, 'hostOrg.teams.confirm') }).click();
  await expect(dialog).toContainText(text(language, 'hostOrg.teams.confirmText'));
  await expectAccessible(page);
  await screenshot(page, testInfo, language, 'host-org/08-confirm-team');
  await dialog.getByRole('button', { name: text(language, 'coordinator.confirm') }).dblclick();
  await expect(dialog).toBeHidden();
  await expect(first).toBeHidden();

  await second.getByRole('button', { name: text(language, 'hostOrg.teams.decline') }).click();
  await dialog
    .getByRole('combobox', { name: text(language, 'hostOrg.teams.reason'), exact: true })
    .selectOption({ label: text(language, 'hostOrg.declineReasons.outside-focus') });
  await expectAccessible(page);
  await screenshot(page, testInfo, language, 'host-org/09-decline-team');
  await dialog.getByRole('button', { name: text(language, 'hostOrg.teams.declineConfirm') }).dblclick();
  await expect(dialog).toBeHidden();
  await expect(second).toBeHidden();

  await page
    .getByRole('combobox', { name: text(language, 'hostOrg.teams.filter'), exact: true })
    .selectOption('');
  await expect(first).toContainText(text(language, 'hostOrg.answer.confirmed'));
  await expect(second).toContainText(
    text(language, 'hostOrg.teams.declinedBecause', {
      reason: text(language, 'hostOrg.declineReasons.outside-focus'),
    }),
  );
  await everyLanguage(page, testInfo, 'host-org/10-answered', language);

  // Each answer recorded once, as the service keeps it.
  const teams = await Promise.all(
    [confirmed, declined].map((teamId) =>
      call<{ hostOrganizationStatus: string; hostDeclineReason: string | null }>(
        'GET',
        `${applications()}/teams/${teamId}`,
        coordinator,
      ),
    ),
  );
  expect(teams.map((team) => [team.hostOrganizationStatus, team.hostDeclineReason])).toEqual([
    ['confirmed', null],
    ['declined', 'outside-focus'],
  ]);
});
