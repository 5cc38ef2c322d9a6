import { changeOf, refusalOf } from '@zhas/domain';
import { type Principal } from '@zhas/service-kit';
import { activeProject, award, openedProject, rules2019, signedAt, split } from '../../test-support/fixtures';
import { endOfMonths } from '../../shared/dates';
import {
  completeProject,
  exitMember,
  openProject,
  recordFollowUp,
  refuseManager,
  refuseReportReviewer,
  refuseReporter,
  signAgreement,
  terminateProject,
} from './domain';
import { canManageProject, canReadProject, canReport, canReviewReports } from './policy';
import { recordSurvey } from './surveys';

const now = new Date('2019-12-03T10:00:00Z');
const input = { signedOn: '2019-05-20', startsOn: '2019-06-01' };
const who = (principal: Partial<Principal>): Principal => ({ subject: 'u', roles: [], ...principal });

describe('opening a project', () => {
  it('derives the project id from the bid, so a redelivered award names the same project', () => {
    const first = openProject(award, signedAt);
    const again = openProject(award, now);
    expect(first.state.projectId).toBe('prj-bid-2019-0153');
    expect(again.state.projectId).toBe(first.state.projectId);
    expect(first.state).toMatchObject({
      status: 'opened',
      grantAmountKzt: 980_000,
      hostOrganizationId: 'org-0042',
    });
    expect(first.events.map((event) => event.definition.type)).toEqual(['tracking.project.opened.v1']);
  });

  it('keeps long bid ids within the id limit', () => {
    const bidId = `bid-${'x'.repeat(124)}`;
    expect(openProject({ ...award, bidId }, now).state.projectId.length).toBeLessThanOrEqual(128);
  });
});

describe('signing the agreement', () => {
  it('splits the grant by the rules and freezes the rules', () => {
    const { state, events } = changeOf(signAgreement(openedProject(), rules2019, input, split, signedAt));
    expect(state.status).toBe('active');
    expect(state.agreement).toMatchObject({ endsOn: '2019-11-30', rules: rules2019 });
    expect(events[0]?.data).toMatchObject({
      tranches: [
        { trancheNumber: 1, amountKzt: 490_000 },
        { trancheNumber: 2, amountKzt: 490_000 },
      ],
    });
  });

  it('gives the leftover tenge of an odd grant to the first tranche', () => {
    const { state } = changeOf(
      signAgreement(
        openedProject({ awardedAmountKzt: 1_000_001 }),
        { ...rules2019, grantCeilingKzt: 2_000_000 },
        input,
        split,
        signedAt,
      ),
    );
    expect(state.agreement?.tranches.map((tranche) => tranche.amountKzt)).toEqual([500_001, 500_000]);
  });

  it('waits for the rules, refuses a grant above the ceiling, a start before signing and a second signature', () => {
    expect(refusalOf(signAgreement(openedProject(), undefined, input, split, signedAt))).toMatchObject({
      code: 'round-rules-unknown',
    });
    expect(
      refusalOf(
        signAgreement(openedProject(), { ...rules2019, grantCeilingKzt: 900_000 }, input, split, signedAt),
      ),
    ).toMatchObject({ code: 'grant-exceeds-ceiling' });
    expect(
      refusalOf(
        signAgreement(
          openedProject(),
          rules2019,
          { signedOn: '2019-06-02', startsOn: '2019-06-01' },
          split,
          signedAt,
        ),
      ),
    ).toMatchObject({ code: 'starts-before-signing' });
    expect(refusalOf(signAgreement(activeProject(), rules2019, input, split, signedAt))).toMatchObject({
      code: 'project-state',
    });
  });

  it('ends the project after its months, at month ends too', () => {
    expect(endOfMonths('2019-06-01', 6)).toBe('2019-11-30');
    expect(endOfMonths('2020-01-31', 1)).toBe('2020-02-28');
    expect(endOfMonths('2019-09-15', 6)).toBe('2020-03-14');
  });
});

describe('members', () => {
  it('leave with a reason and a status, and are not replaced', () => {
    const { state, events } = changeOf(
      exitMember(
        activeProject(),
        {
          participantId: 'prt-5e2d7b33',
          reason: 'found-employment',
          exitStatus: 'employed',
          exitedOn: '2019-09-15',
        },
        now,
      ),
    );
    expect(state.members.filter((member) => member.active)).toHaveLength(3);
    expect(state.memberParticipantIds).toHaveLength(4);
    expect(events[0]?.data).toMatchObject({ participantId: 'prt-5e2d7b33', exitStatus: 'employed' });
    const exitAgain = (participantId: string) =>
      refusalOf(
        exitMember(
          state,
          { participantId, reason: 'other', exitStatus: 'neet', exitedOn: '2019-09-16' },
          now,
        ),
      );
    expect(exitAgain('prt-5e2d7b33')).toMatchObject({ code: 'member-already-exited' });
    expect(exitAgain('prt-nobody')).toMatchObject({ code: 'not-found' });
  });

  it('cannot leave with an end-of-project reason, and the last one cannot leave', () => {
    const exit = (participantId: string) => ({
      participantId,
      reason: 'relocated' as const,
      exitStatus: 'neet' as const,
      exitedOn: '2019-09-16',
    });
    expect(
      refusalOf(exitMember(activeProject(), { ...exit('prt-5e2d7b33'), reason: 'project-completed' }, now)),
    ).toMatchObject({ code: 'exit-reason' });
    const solo = activeProject({ memberParticipantIds: ['prt-7f3c9a1e'] });
    expect(refusalOf(exitMember(solo, exit('prt-7f3c9a1e'), now))).toMatchObject({ code: 'last-member' });
  });
});

describe('completion', () => {
  const members = ['prt-7f3c9a1e', 'prt-2b8d4e60', 'prt-c91a0f57', 'prt-5e2d7b33'];
  const allSurveys = new Set(members.flatMap((id) => [`${id}:baseline`, `${id}:endline`]));
  const facts = {
    finalReportAccepted: true,
    disbursedKzt: 980_000,
    spentKzt: 900_000,
    beneficiariesReached: 210,
    surveys: allSurveys,
  };
  const statuses = members.map((participantId) => ({ participantId, exitStatus: 'studying' as const }));

  it('needs the final report, both surveys and an exit status for each member still in it', () => {
    expect(
      refusalOf(
        completeProject(
          activeProject(),
          { ...facts, finalReportAccepted: false, surveys: new Set() },
          { completedOn: '2019-11-30', members: statuses.slice(1) },
          now,
        ),
      ),
    ).toMatchObject({
      code: 'completion-incomplete',
      facts: {
        missing: expect.arrayContaining([
          'final-report',
          'prt-7f3c9a1e:baseline-survey',
          'prt-7f3c9a1e:exit-status',
        ]) as unknown,
      },
    });
  });

  it('records every remaining member exit with the completion', () => {
    const { state, events } = changeOf(
      completeProject(activeProject(), facts, { completedOn: '2019-11-30', members: statuses }, now),
    );
    expect(state).toMatchObject({
      status: 'completed',
      completion: { membersCompleted: 4, disbursedKzt: 980_000 },
    });
    expect(events.map((event) => event.definition.type)).toEqual([
      ...members.map(() => 'tracking.project.member-exited.v1'),
      'tracking.project.completed.v1',
    ]);
    expect(
      refusalOf(terminateProject(state, { reason: 'non-reporting', terminatedOn: '2019-12-01' }, now)),
    ).toMatchObject({ code: 'project-state' });
  });

  it('takes follow-ups only after the end, once per member and interval', () => {
    expect(
      refusalOf(
        recordFollowUp(
          activeProject(),
          { participantId: 'prt-7f3c9a1e', monthsAfterCompletion: 6, status: 'employed' },
          now,
        ),
      ),
    ).toMatchObject({ code: 'project-state' });
    const ended = changeOf(
      terminateProject(activeProject(), { reason: 'team-dissolved', terminatedOn: '2019-09-01' }, now),
    ).state;
    const once = changeOf(
      recordFollowUp(
        ended,
        { participantId: 'prt-7f3c9a1e', monthsAfterCompletion: 6, status: 'employed' },
        now,
      ),
    );
    expect(once.events[0]?.data).toMatchObject({ monthsAfterCompletion: 6, status: 'employed' });
    expect(
      refusalOf(
        recordFollowUp(
          once.state,
          { participantId: 'prt-7f3c9a1e', monthsAfterCompletion: 6, status: 'neet' },
          now,
        ),
      ),
    ).toMatchObject({ code: 'follow-up-recorded' });
  });

  it('takes baseline and endline surveys while running, the follow-up survey after', () => {
    const survey = { participantId: 'prt-7f3c9a1e', instrument: 'life-skills-2019', lifeSkillsScore: 64 };
    expect(changeOf(recordSurvey(activeProject(), { ...survey, wave: 'baseline' }, now)).state.surveyId).toBe(
      'srv-bid-2019-0153:prt-7f3c9a1e:baseline',
    );
    expect(refusalOf(recordSurvey(activeProject(), { ...survey, wave: 'follow-up' }, now))).toMatchObject({
      code: 'survey-wave',
    });
    expect(
      refusalOf(
        recordSurvey(activeProject(), { ...survey, participantId: 'prt-other', wave: 'baseline' }, now),
      ),
    ).toMatchObject({ code: 'not-found' });
  });
});

describe('who may act on a project', () => {
  const project = activeProject();

  it.each<[string, Partial<Principal>, boolean, boolean, boolean, boolean]>([
    // actor, reads it, reports for it, reviews its reports, manages it
    ['its leader', { roles: ['applicant'], participantId: 'prt-7f3c9a1e' }, true, true, false, false],
    ['a member', { roles: ['applicant'], participantId: 'prt-c91a0f57' }, true, false, false, false],
    ['another applicant', { roles: ['applicant'], participantId: 'prt-other' }, false, false, false, false],
    ['its host organization', { roles: ['host_org'], hostOrgId: 'org-0042' }, true, false, true, false],
    ['another host organization', { roles: ['host_org'], hostOrgId: 'org-9' }, false, false, false, false],
    ['a coordinator', { roles: ['coordinator'] }, true, false, true, true],
    ['an admin', { roles: ['admin'] }, true, false, true, true],
    [
      "another region's coordinator",
      { roles: ['coordinator'], regions: ['astana'] },
      false,
      false,
      false,
      false,
    ],
    ['a viewer', { roles: ['viewer'] }, true, false, false, false],
    ["another region's viewer", { roles: ['viewer'], regions: ['astana'] }, false, false, false, false],
    ['a committee member', { roles: ['committee'] }, false, false, false, false],
  ])('%s', (_who, principal, reads, reports, reviews, manages) => {
    const actor = who(principal);
    expect(canReadProject(actor, project)).toBe(reads);
    expect(canReport(actor, project)).toBe(reports);
    expect(canReviewReports(actor, project)).toBe(reviews);
    expect(canManageProject(actor, project)).toBe(manages);
  });

  it('refuses with forbidden, saying why', () => {
    expect(refusalOf(refuseReporter(who({ roles: ['coordinator'] }), project))).toMatchObject({
      code: 'forbidden',
    });
    expect(refuseReportReviewer(who({ roles: ['admin'] }), project)).toBeUndefined();
    expect(
      refusalOf(refuseManager(who({ roles: ['coordinator'], regions: ['astana'] }), project)).detail,
    ).toContain('akmola');
  });
});
