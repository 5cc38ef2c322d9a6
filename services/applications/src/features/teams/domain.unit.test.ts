import { problemLike } from '../../testing/problem-like';
import { type Principal } from '@zhas/service-kit';
import { roundCopy } from '../../testing/fixtures';
import {
  type TeamState,
  acceptInvitation,
  canViewTeam,
  changeHostOrganization,
  confirmHostOrganization,
  createTeam,
  declineHostOrganization,
  formTeam,
  invite,
  leaveTeam,
} from './domain';

const round = roundCopy();
const now = new Date('2019-03-10T00:00:00.000Z');
const leader: Principal = { subject: 'u-1', roles: ['applicant'], participantId: 'p-1' };
const invitee = (id: string): Principal => ({ subject: `u-${id}`, roles: ['applicant'], participantId: id });
const host: Principal = { subject: 'h', roles: ['host_org'], hostOrgId: 'h-1' };
const start = (hostOrganizationId: string | null = null): TeamState =>
  createTeam(
    leader,
    { teamId: 't-1', region: 'akmola', hostOrganizationId },
    { round, leaderEligibility: [], hostOrganizationSelected: hostOrganizationId !== null },
    now,
  );
const withMembers = (team: TeamState, ...ids: string[]) =>
  ids.reduce(
    (current, id) =>
      acceptInvitation(
        invitee(id),
        invite(leader, current, id, round, now),
        id,
        { round, eligibility: [] },
        now,
      ),
    team,
  );

describe('a team', () => {
  it('starts with its leader, who must be registered and eligible', () => {
    expect(start()).toMatchObject({
      leaderParticipantId: 'p-1',
      memberParticipantIds: ['p-1'],
      status: 'forming',
    });
    expect(() =>
      createTeam(
        { subject: 'x', roles: ['applicant'] },
        { teamId: 't', region: 'akmola', hostOrganizationId: null },
        { round, leaderEligibility: [], hostOrganizationSelected: false },
        now,
      ),
    ).toThrow(problemLike({ status: 403 }));
    expect(() =>
      createTeam(
        leader,
        { teamId: 't', region: 'akmola', hostOrganizationId: null },
        {
          round,
          leaderEligibility: [{ code: 'member-age-out-of-range', detail: '' }],
          hostOrganizationSelected: false,
        },
        now,
      ),
    ).toThrow(problemLike({ status: 422, type: '/problems/not-eligible' }));
    expect(() =>
      createTeam(
        leader,
        { teamId: 't', region: 'akmola', hostOrganizationId: 'h-x' },
        { round, leaderEligibility: [], hostOrganizationSelected: false },
        now,
      ),
    ).toThrow(problemLike({ type: '/problems/host-organization-not-selected' }));
    expect(() => start()).not.toThrow();
    expect(() =>
      createTeam(
        leader,
        { teamId: 't', region: 'akmola', hostOrganizationId: null },
        { round, leaderEligibility: [], hostOrganizationSelected: false },
        new Date('2019-04-16T00:00:00Z'),
      ),
    ).toThrow(problemLike({ type: '/problems/outside-window' }));
  });

  it('is formed by the leader within the size rules, publishing its members', () => {
    expect(() => formTeam(leader, withMembers(start(), 'p-2'), round, now)).toThrow(
      problemLike({ type: '/problems/team-size' }),
    );
    const team = withMembers(start(), 'p-2', 'p-3');
    expect(() => formTeam(invitee('p-2'), team, round, now)).toThrow(problemLike({ status: 403 }));
    const { state, events } = formTeam(leader, team, round, now);
    expect(state.status).toBe('formed');
    expect(events[0]!.data).toMatchObject({
      leaderParticipantId: 'p-1',
      memberParticipantIds: ['p-1', 'p-2', 'p-3'],
    });
    expect(() => invite(leader, state, 'p-4', round, now)).toThrow(problemLike({ status: 409 }));
  });

  it('has at most the maximum size, counting invitations', () => {
    const full = ['p-2', 'p-3', 'p-4', 'p-5'].reduce(
      (team, id) => invite(leader, team, id, round, now),
      start(),
    );
    expect(() => invite(leader, full, 'p-6', round, now)).toThrow(
      problemLike({ type: '/problems/team-full' }),
    );
    expect(() => invite(leader, full, 'p-2', round, now)).toThrow(
      problemLike({ type: '/problems/already-invited' }),
    );
  });

  it('is joined only by the invited person, when eligible', () => {
    const invited = invite(leader, start(), 'p-2', round, now);
    expect(() => acceptInvitation(invitee('p-3'), invited, 'p-2', { round, eligibility: [] }, now)).toThrow(
      problemLike({ status: 403 }),
    );
    expect(() => acceptInvitation(invitee('p-3'), invited, 'p-3', { round, eligibility: [] }, now)).toThrow(
      problemLike({ status: 404 }),
    );
    expect(() =>
      acceptInvitation(
        invitee('p-2'),
        invited,
        'p-2',
        { round, eligibility: [{ code: 'member-in-another-team', detail: '' }] },
        now,
      ),
    ).toThrow(problemLike({ status: 422 }));
  });

  it('waits for its host organization, which confirms or declines once formed', () => {
    const formed = formTeam(leader, withMembers(start('h-1'), 'p-2', 'p-3'), round, now).state;
    expect(() => confirmHostOrganization({ ...host, hostOrgId: 'h-2' }, formed, now)).toThrow(
      problemLike({ status: 403 }),
    );
    const confirmed = confirmHostOrganization(host, formed, now);
    expect(confirmed.state.hostOrganizationStatus).toBe('confirmed');
    expect(() => declineHostOrganization(host, confirmed.state, 'no-capacity', now)).toThrow(
      problemLike({ status: 409 }),
    );
    const declined = declineHostOrganization(host, formed, 'no-capacity', now);
    expect(declined.events[0]!.data).toMatchObject({ reason: 'no-capacity', hostOrganizationId: 'h-1' });
    const independent = changeHostOrganization(
      leader,
      declined.state,
      null,
      { round, hostOrganizationSelected: false, bidSubmitted: false },
      now,
    );
    expect(independent.state.hostOrganizationStatus).toBe('none');
    expect(independent.events[0]!.data).not.toHaveProperty('hostOrganizationId');
    expect(() =>
      changeHostOrganization(
        leader,
        declined.state,
        null,
        { round, hostOrganizationSelected: false, bidSubmitted: true },
        now,
      ),
    ).toThrow(problemLike({ status: 409 }));
  });

  it('is seen by its members, its host organization and staff of its region', () => {
    const team = start('h-1');
    expect(canViewTeam(leader, team)).toBe(true);
    expect(canViewTeam(invitee('p-9'), team)).toBe(false);
    expect(canViewTeam(host, team)).toBe(true);
    expect(canViewTeam({ subject: 'c', roles: ['committee'], regions: ['mangystau'] }, team)).toBe(false);
    expect(canViewTeam({ subject: 'v', roles: ['viewer'] }, team)).toBe(true);
  });

  it('lets a member leave before the bid is submitted, but not the leader', () => {
    const formed = formTeam(leader, withMembers(start(), 'p-2', 'p-3'), round, now).state;
    const facts = { round, bidSubmitted: false };
    const { state, events } = leaveTeam(invitee('p-2'), formed, 'p-2', facts, now);
    expect(state.memberParticipantIds).toEqual(['p-1', 'p-3']);
    expect(events[0]!.data).toMatchObject({
      leftParticipantIds: ['p-2'],
      memberParticipantIds: ['p-1', 'p-3'],
    });
    expect(leaveTeam(leader, formed, 'p-3', facts, now).state.memberParticipantIds).toEqual(['p-1', 'p-2']);
    expect(() => leaveTeam(invitee('p-3'), formed, 'p-2', facts, now)).toThrow(problemLike({ status: 403 }));
    expect(() => leaveTeam(leader, formed, 'p-1', facts, now)).toThrow(
      problemLike({ type: '/problems/leader-stays' }),
    );
    expect(() => leaveTeam(invitee('p-2'), formed, 'p-2', { round, bidSubmitted: true }, now)).toThrow(
      problemLike({ status: 409 }),
    );
    const invited = invite(leader, start(), 'p-4', round, now);
    expect(leaveTeam(invitee('p-4'), invited, 'p-4', facts, now)).toEqual({
      state: { ...invited, invitedParticipantIds: [] },
      events: [],
    });
  });
});
