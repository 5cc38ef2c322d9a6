import { type Actor as Principal, changeOf, noChange, refusalOf } from '@zhas/domain';
import { completeContent, formedTeam, roundCopy } from '../../testing/fixtures';
import { emptyContent } from './content';
import {
  type BidState,
  cancelledRoundOutcome,
  createBid,
  regionCode,
  registrationNumberOf,
  saveDraft,
  submit,
  withdraw,
} from './domain';

const leader: Principal = { subject: 'u-1', roles: ['applicant'], participantId: 'p-1' };
const member: Principal = { subject: 'u-2', roles: ['applicant'], participantId: 'p-2' };
const consents = {
  'programme-participation': true,
  'monitoring-evaluation': true,
  'follow-up-survey': true,
  publicity: true,
};
const team = formedTeam;
const members = team.memberParticipantIds.map((participantId) => ({
  person: { participantId, birthDate: '2000-01-01', region: 'akmola', consents },
  activeTeamId: 't-1',
}));
const round = roundCopy();
const inWindow = new Date('2019-03-10T00:00:00.000Z');
const draft = (content = completeContent): BidState =>
  changeOf(createBid(leader, { bidId: 'b-1', registrationNumber: 'ZHAS-2019-AKM-000001' }, team, content))
    .state;

describe('a bid', () => {
  it('is started by the leader and edited by every member', () => {
    expect(draft(emptyContent)).toMatchObject({
      status: 'draft',
      submissionNumber: 0,
      hostOrganizationId: null,
    });
    expect(
      refusalOf(createBid(member, { bidId: 'b-1', registrationNumber: 'x' }, team, emptyContent)),
    ).toMatchObject({ code: 'forbidden' });
    expect(
      refusalOf(createBid(leader, { bidId: 'b-1', registrationNumber: 'x' }, team, emptyContent, draft())),
    ).toMatchObject({ code: 'bid-exists', facts: { bidId: 'b-1' } });
    expect(
      changeOf(saveDraft(member, draft(emptyContent), team, completeContent, inWindow)).state.content,
    ).toEqual(completeContent);
    const stranger: Principal = { subject: 'u-9', roles: ['applicant'], participantId: 'p-9' };
    expect(refusalOf(saveDraft(stranger, draft(), team, completeContent, inWindow))).toMatchObject({
      code: 'forbidden',
    });
  });

  it('is submitted with its check result; a passed bid is in review and no longer edited', () => {
    const { state, events } = changeOf(submit(leader, draft(), { team, round, members }, inWindow));
    expect(state).toMatchObject({ status: 'in-review', submissionNumber: 1, checkReasons: [] });
    expect(events.map((event) => event.definition.type)).toEqual([
      'applications.bid.submitted.v1',
      'applications.bid.check-passed.v1',
    ]);
    expect(events[0]!.data).toMatchObject({
      requestedAmountKzt: 750_000,
      memberCount: 3,
      submissionNumber: 1,
    });
    expect(events[0]!.data).not.toHaveProperty('title');
    expect(refusalOf(saveDraft(leader, state, team, completeContent, inWindow))).toMatchObject({
      code: 'wrong-state',
    });
  });

  it('fails the check with reasons and may be amended and submitted again', () => {
    const failed = changeOf(
      submit(
        leader,
        draft({ ...completeContent, nonCommercialDeclared: false }),
        { team, round, members },
        inWindow,
      ),
    );
    expect(failed.state).toMatchObject({
      status: 'check-failed',
      checkReasons: [{ code: 'commercial-activity', field: 'nonCommercialDeclared' }],
    });
    expect(failed.events[1]!.data).toMatchObject({
      reasons: [{ code: 'commercial-activity', field: 'nonCommercialDeclared' }],
    });
    const amended = changeOf(saveDraft(leader, failed.state, team, completeContent, inWindow)).state;
    const resubmitted = changeOf(submit(leader, amended, { team, round, members }, inWindow)).state;
    expect(resubmitted).toMatchObject({ status: 'in-review', submissionNumber: 2 });
    // Its way so far, for the team's status over time.
    expect(resubmitted.history?.map(({ step, submissionNumber }) => [step, submissionNumber])).toEqual([
      ['submitted', 1],
      ['check-failed', 1],
      ['submitted', 2],
      ['in-review', 2],
    ]);
  });

  it('is refused when incomplete, outside the window or before the team is formed', () => {
    expect(
      refusalOf(submit(leader, draft({ ...completeContent, goal: '' }), { team, round, members }, inWindow)),
    ).toMatchObject({ code: 'bid-incomplete' });
    for (const at of ['2019-03-01T03:59:59.999Z', '2019-04-15T18:00:00.000Z']) {
      expect(refusalOf(submit(leader, draft(), { team, round, members }, new Date(at)))).toMatchObject({
        code: 'outside-window',
      });
    }
    expect(
      changeOf(submit(leader, draft(), { team, round, members }, new Date('2019-04-15T17:59:59.999Z'))).state
        .status,
    ).toBe('in-review');
    expect(
      refusalOf(submit(leader, draft(), { team: { ...team, status: 'forming' }, round, members }, inWindow)),
    ).toMatchObject({ code: 'team-not-formed' });
    expect(refusalOf(submit(member, draft(), { team, round, members }, inWindow))).toMatchObject({
      code: 'forbidden',
    });
  });

  it('is withdrawn before the decision, with an event only once it was submitted', () => {
    expect(changeOf(withdraw(leader, draft(), team, 'team-decision', inWindow)).events).toEqual([]);
    const submitted = changeOf(submit(leader, draft(), { team, round, members }, inWindow)).state;
    const { state, events } = changeOf(withdraw(leader, submitted, team, 'team-decision', inWindow));
    expect(state.status).toBe('withdrawn');
    expect(events.map((event) => event.definition.type)).toEqual(['applications.bid.withdrawn.v1']);
    expect(
      refusalOf(withdraw(leader, { ...submitted, status: 'awarded' }, team, 'other', inWindow)),
    ).toMatchObject({ code: 'wrong-state' });
  });

  it('has a registration number with the year, a region code and a serial', () => {
    expect(registrationNumberOf(2019, 'almaty-city', 123)).toBe('ZHAS-2019-ALC-000123');
    expect(regionCode('akmola')).toBe('AKM');
    expect(regionCode('east-kazakhstan')).toBe('EAK');
    expect(regionCode('almaty-region')).not.toBe(regionCode('almaty-city'));
  });
});

describe('a cancelled round', () => {
  it('decides every submitted, undecided bid, and nothing else', () => {
    for (const status of ['check-failed', 'in-review', 'qualified', 'not-qualified'] as const) {
      const decision = changeOf(cancelledRoundOutcome({ ...draft(), status }, inWindow));
      expect(decision.state).toMatchObject({ status: 'not-awarded', notAwardedReason: 'round-cancelled' });
      expect(decision.events[0]!.data).toMatchObject({ reason: 'round-cancelled' });
    }
    for (const status of ['draft', 'withdrawn', 'awarded', 'not-awarded'] as const) {
      expect(cancelledRoundOutcome({ ...draft(), status }, inWindow)).toBe(noChange);
    }
  });
});
