import { problemLike } from '../../testing/problem-like';
import { type Principal } from '@zhas/service-kit';
import { completeContent, roundCopy } from '../../testing/fixtures';
import { type TeamState } from '../teams/domain';
import { emptyContent } from './content';
import {
  type BidState,
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
const team: TeamState = {
  teamId: 't-1',
  roundId: 'rnd-2019',
  region: 'akmola',
  leaderParticipantId: 'p-1',
  memberParticipantIds: ['p-1', 'p-2', 'p-3'],
  invitedParticipantIds: [],
  hostOrganizationId: null,
  hostOrganizationStatus: 'none',
  hostDeclineReason: null,
  status: 'formed',
  formedAt: '2019-03-05T00:00:00.000Z',
};
const members = team.memberParticipantIds.map((participantId) => ({
  person: { participantId, birthDate: '2000-01-01', region: 'akmola', consents },
  activeTeamId: 't-1',
}));
const round = roundCopy();
const inWindow = new Date('2019-03-10T00:00:00.000Z');
const draft = (content = completeContent): BidState =>
  createBid(leader, { bidId: 'b-1', registrationNumber: 'ZHAS-2019-AKM-000001' }, team, content);

describe('a bid', () => {
  it('is started and edited by the leader only', () => {
    expect(draft(emptyContent)).toMatchObject({
      status: 'draft',
      submissionNumber: 0,
      hostOrganizationId: null,
    });
    expect(() => createBid(member, { bidId: 'b-1', registrationNumber: 'x' }, team, emptyContent)).toThrow(
      problemLike({ status: 403 }),
    );
    expect(() => saveDraft(member, draft(), team, completeContent)).toThrow(problemLike({ status: 403 }));
  });

  it('is submitted with its check result; a passed bid is in review and no longer edited', () => {
    const { state, events } = submit(leader, draft(), { team, round, members }, inWindow);
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
    expect(() => saveDraft(leader, state, team, completeContent)).toThrow(problemLike({ status: 409 }));
  });

  it('fails the check with reasons and may be amended and submitted again', () => {
    const failed = submit(
      leader,
      draft({ ...completeContent, nonCommercialDeclared: false }),
      { team, round, members },
      inWindow,
    );
    expect(failed.state).toMatchObject({
      status: 'check-failed',
      checkReasons: [{ code: 'commercial-activity', field: 'nonCommercialDeclared' }],
    });
    expect(failed.events[1]!.data).toMatchObject({
      reasons: [{ code: 'commercial-activity', field: 'nonCommercialDeclared' }],
    });
    const amended = saveDraft(leader, failed.state, team, completeContent);
    expect(submit(leader, amended, { team, round, members }, inWindow).state).toMatchObject({
      status: 'in-review',
      submissionNumber: 2,
    });
  });

  it('is refused when incomplete, outside the window or before the team is formed', () => {
    expect(() =>
      submit(leader, draft({ ...completeContent, goal: '' }), { team, round, members }, inWindow),
    ).toThrow(problemLike({ status: 422, type: '/problems/bid-incomplete' }));
    for (const at of ['2019-03-01T03:59:59.999Z', '2019-04-15T18:00:00.000Z']) {
      expect(() => submit(leader, draft(), { team, round, members }, new Date(at))).toThrow(
        problemLike({ status: 409, type: '/problems/outside-window' }),
      );
    }
    expect(
      submit(leader, draft(), { team, round, members }, new Date('2019-04-15T17:59:59.999Z')).state.status,
    ).toBe('in-review');
    expect(() =>
      submit(leader, draft(), { team: { ...team, status: 'forming' }, round, members }, inWindow),
    ).toThrow(problemLike({ type: '/problems/team-not-formed' }));
    expect(() => submit(member, draft(), { team, round, members }, inWindow)).toThrow(
      problemLike({ status: 403 }),
    );
  });

  it('is withdrawn before the decision, with an event only once it was submitted', () => {
    expect(withdraw(leader, draft(), team, 'team-decision', inWindow).events).toEqual([]);
    const submitted = submit(leader, draft(), { team, round, members }, inWindow).state;
    const { state, events } = withdraw(leader, submitted, team, 'team-decision', inWindow);
    expect(state.status).toBe('withdrawn');
    expect(events.map((event) => event.definition.type)).toEqual(['applications.bid.withdrawn.v1']);
    expect(() => withdraw(leader, { ...submitted, status: 'awarded' }, team, 'other', inWindow)).toThrow(
      problemLike({ status: 409 }),
    );
  });

  it('has a registration number with the year, a region code and a serial', () => {
    expect(registrationNumberOf(2019, 'almaty-city', 123)).toBe('ZHAS-2019-ALC-000123');
    expect(regionCode('akmola')).toBe('AKM');
    expect(regionCode('east-kazakhstan')).toBe('EAK');
    expect(regionCode('almaty-region')).not.toBe(regionCode('almaty-city'));
  });
});
