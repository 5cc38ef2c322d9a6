import { type Actor as Principal, change, changeOf, noChange, refusalOf } from '@zhas/domain';
import { roundCopy } from '../../testing/fixtures';
import {
  type TeamState,
  acceptInvitation,
  changeHostOrganization,
  confirmHostOrganization,
  createTeam,
  declineHostOrganization,
  formTeam,
  invite,
  joinWithCode,
  leaveTeam,
  opensTeam,
  peopleOf,
  revokeInvitationCode,
  setInvitationCode,
} from './domain';
import { canSeeTeam as canViewTeam } from './policy';

const round = roundCopy();
const now = new Date('2019-03-10T00:00:00.000Z');
const leader: Principal = { subject: 'u-1', roles: ['applicant'], participantId: 'p-1' };
const invitee = (id: string): Principal => ({ subject: `u-${id}`, roles: ['applicant'], participantId: id });
const host: Principal = { subject: 'h', roles: ['host_org'], hostOrgId: 'h-1' };
const start = (hostOrganizationId: string | null = null): TeamState =>
  changeOf(
    createTeam(
      leader,
      { teamId: 't-1', region: 'akmola', hostOrganizationId },
      { round, leaderEligibility: [], hostOrganizationSelected: hostOrganizationId !== null },
      now,
    ),
  ).state;
const withMembers = (team: TeamState, ...ids: string[]) =>
  ids.reduce(
    (current, id) =>
      changeOf(
        acceptInvitation(
          invitee(id),
          changeOf(invite(leader, current, id, round, now)).state,
          id,
          { round, eligibility: [] },
          now,
        ),
      ).state,
    team,
  );

describe('a team', () => {
  it('starts with its leader, who must be registered and eligible', () => {
    expect(start()).toMatchObject({
      leaderParticipantId: 'p-1',
      memberParticipantIds: ['p-1'],
      status: 'forming',
    });
    expect(
      refusalOf(
        createTeam(
          { subject: 'x', roles: ['applicant'] },
          { teamId: 't', region: 'akmola', hostOrganizationId: null },
          { round, leaderEligibility: [], hostOrganizationSelected: false },
          now,
        ),
      ),
    ).toMatchObject({ code: 'forbidden' });
    expect(
      refusalOf(
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
      ),
    ).toMatchObject({ code: 'not-eligible' });
    expect(
      refusalOf(
        createTeam(
          leader,
          { teamId: 't', region: 'akmola', hostOrganizationId: 'h-x' },
          { round, leaderEligibility: [], hostOrganizationSelected: false },
          now,
        ),
      ),
    ).toMatchObject({ code: 'host-organization-not-selected' });
    expect(start().status).toBe('forming');
    expect(
      refusalOf(
        createTeam(
          leader,
          { teamId: 't', region: 'akmola', hostOrganizationId: null },
          { round, leaderEligibility: [], hostOrganizationSelected: false },
          new Date('2019-04-16T00:00:00Z'),
        ),
      ),
    ).toMatchObject({ code: 'outside-window' });
  });

  it('is formed by the leader within the size rules, publishing its members', () => {
    expect(refusalOf(formTeam(leader, withMembers(start(), 'p-2'), round, now))).toMatchObject({
      code: 'team-size',
    });
    const team = withMembers(start(), 'p-2', 'p-3');
    expect(refusalOf(formTeam(invitee('p-2'), team, round, now))).toMatchObject({ code: 'forbidden' });
    const { state, events } = changeOf(formTeam(leader, team, round, now));
    expect(state.status).toBe('formed');
    expect(events[0]!.data).toMatchObject({
      leaderParticipantId: 'p-1',
      memberParticipantIds: ['p-1', 'p-2', 'p-3'],
    });
    expect(refusalOf(invite(leader, state, 'p-4', round, now))).toMatchObject({ code: 'wrong-state' });
  });

  it('has at most the maximum size, counting invitations', () => {
    const full = ['p-2', 'p-3', 'p-4', 'p-5'].reduce(
      (team, id) => changeOf(invite(leader, team, id, round, now)).state,
      start(),
    );
    expect(refusalOf(invite(leader, full, 'p-6', round, now))).toMatchObject({ code: 'team-full' });
    expect(refusalOf(invite(leader, full, 'p-2', round, now))).toMatchObject({ code: 'already-invited' });
  });

  it('is joined only by the invited person, when eligible', () => {
    const invited = changeOf(invite(leader, start(), 'p-2', round, now)).state;
    expect(
      refusalOf(acceptInvitation(invitee('p-3'), invited, 'p-2', { round, eligibility: [] }, now)),
    ).toMatchObject({ code: 'forbidden' });
    expect(
      refusalOf(acceptInvitation(invitee('p-3'), invited, 'p-3', { round, eligibility: [] }, now)),
    ).toMatchObject({ code: 'not-found' });
    expect(
      refusalOf(
        acceptInvitation(
          invitee('p-2'),
          invited,
          'p-2',
          { round, eligibility: [{ code: 'member-in-another-team', detail: '' }] },
          now,
        ),
      ),
    ).toMatchObject({ code: 'not-eligible' });
  });

  it('waits for its host organization, which confirms or declines once formed', () => {
    const formed = changeOf(formTeam(leader, withMembers(start('h-1'), 'p-2', 'p-3'), round, now)).state;
    expect(refusalOf(confirmHostOrganization({ ...host, hostOrgId: 'h-2' }, formed, now))).toMatchObject({
      code: 'forbidden',
    });
    const confirmed = changeOf(confirmHostOrganization(host, formed, now));
    expect(confirmed.state.hostOrganizationStatus).toBe('confirmed');
    expect(refusalOf(declineHostOrganization(host, confirmed.state, 'no-capacity', now))).toMatchObject({
      code: 'wrong-state',
    });
    const declined = changeOf(declineHostOrganization(host, formed, 'no-capacity', now));
    expect(declined.events[0]!.data).toMatchObject({ reason: 'no-capacity', hostOrganizationId: 'h-1' });
    const independent = changeOf(
      changeHostOrganization(
        leader,
        declined.state,
        null,
        { round, hostOrganizationSelected: false, bidSubmitted: false },
        now,
      ),
    );
    expect(independent.state.hostOrganizationStatus).toBe('none');
    expect(independent.events[0]!.data).not.toHaveProperty('hostOrganizationId');
    expect(
      refusalOf(
        changeHostOrganization(
          leader,
          declined.state,
          null,
          { round, hostOrganizationSelected: false, bidSubmitted: true },
          now,
        ),
      ),
    ).toMatchObject({ code: 'bid-submitted' });
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
    const formed = changeOf(formTeam(leader, withMembers(start(), 'p-2', 'p-3'), round, now)).state;
    const facts = { round, bidSubmitted: false };
    const { state, events } = changeOf(leaveTeam(invitee('p-2'), formed, 'p-2', facts, now));
    expect(state.memberParticipantIds).toEqual(['p-1', 'p-3']);
    expect(events[0]!.data).toMatchObject({
      leftParticipantIds: ['p-2'],
      memberParticipantIds: ['p-1', 'p-3'],
    });
    expect(changeOf(leaveTeam(leader, formed, 'p-3', facts, now)).state.memberParticipantIds).toEqual([
      'p-1',
      'p-2',
    ]);
    expect(refusalOf(leaveTeam(invitee('p-3'), formed, 'p-2', facts, now))).toMatchObject({
      code: 'forbidden',
    });
    expect(refusalOf(leaveTeam(leader, formed, 'p-1', facts, now))).toMatchObject({ code: 'leader-stays' });
    expect(
      refusalOf(leaveTeam(invitee('p-2'), formed, 'p-2', { round, bidSubmitted: true }, now)),
    ).toMatchObject({ code: 'bid-submitted' });
    const invited = changeOf(invite(leader, start(), 'p-4', round, now)).state;
    expect(leaveTeam(invitee('p-4'), invited, 'p-4', facts, now)).toEqual(
      change({ ...invited, invitedParticipantIds: [] }),
    );
  });

  describe('with an invitation code', () => {
    const open = { round, bidSubmitted: false };
    const coded = (team: TeamState, code = 'K7QXM-2PA9F') =>
      changeOf(setInvitationCode(leader, team, code, open, now)).state;
    const join = (team: TeamState, id: string, code = 'K7QXM-2PA9F', more = {}) =>
      joinWithCode(invitee(id), team, code, { round, eligibility: [], bidSubmitted: false, ...more }, now);

    it('is given a code by its leader only, not once the bid is submitted; a new code replaces the old', () => {
      expect(refusalOf(setInvitationCode(invitee('p-2'), start(), 'C', open, now))).toMatchObject({
        code: 'forbidden',
      });
      expect(
        refusalOf(setInvitationCode(leader, start(), 'C', { round, bidSubmitted: true }, now)),
      ).toMatchObject({ code: 'bid-submitted' });
      const renewed = coded(coded(start()), 'AAAAA-BBBBB');
      expect(opensTeam(renewed, 'AAAAA-BBBBB')).toBe(true);
      expect(opensTeam(renewed, 'K7QXM-2PA9F')).toBe(false);
      const revoked = changeOf(revokeInvitationCode(leader, renewed)).state;
      expect(opensTeam(revoked, 'AAAAA-BBBBB')).toBe(false);
      expect(revokeInvitationCode(leader, revoked)).toBe(noChange);
      // Teams saved before codes existed have none.
      expect(opensTeam(start(), 'K7QXM-2PA9F')).toBe(false);
    });

    it('is joined by a registered, eligible person holding the current code, once', () => {
      const team = coded(start());
      const joined = changeOf(join(team, 'p-2')).state;
      expect(joined.memberParticipantIds).toEqual(['p-1', 'p-2']);
      expect(changeOf(join(team, 'p-2')).events).toEqual([]);
      expect(join(joined, 'p-2')).toBe(noChange);
      expect(refusalOf(join(team, 'p-2', 'WRONG-CODE1'))).toMatchObject({ code: 'not-found' });
      expect(
        refusalOf(
          joinWithCode({ subject: 'x', roles: ['applicant'] }, team, 'K7QXM-2PA9F', open as never, now),
        ),
      ).toMatchObject({ code: 'forbidden' });
      expect(
        refusalOf(
          join(team, 'p-2', undefined, { eligibility: [{ code: 'member-age-out-of-range', detail: '' }] }),
        ),
      ).toMatchObject({ code: 'not-eligible' });
      expect(refusalOf(join(team, 'p-2', undefined, { bidSubmitted: true }))).toMatchObject({
        code: 'bid-submitted',
      });
    });

    it('counts invitations towards the maximum size, and takes an invitee in their invitation', () => {
      const invited = ['p-2', 'p-3', 'p-4', 'p-5'].reduce(
        (team, id) => changeOf(invite(leader, team, id, round, now)).state,
        coded(start()),
      );
      expect(refusalOf(join(invited, 'p-6'))).toMatchObject({ code: 'team-full' });
      const joined = changeOf(join(invited, 'p-2')).state;
      expect(joined).toMatchObject({
        memberParticipantIds: ['p-1', 'p-2'],
        invitedParticipantIds: ['p-3', 'p-4', 'p-5'],
      });
      expect(peopleOf(joined).map(({ participantId, role }) => `${participantId}:${role}`)).toEqual([
        'p-1:leader',
        'p-2:member',
        'p-3:invited',
        'p-4:invited',
        'p-5:invited',
      ]);
    });

    it('is joined after it was formed, until submission, publishing the change', () => {
      const formed = coded(changeOf(formTeam(leader, withMembers(start(), 'p-2', 'p-3'), round, now)).state);
      const { state, events } = changeOf(join(formed, 'p-4'));
      expect(state.memberParticipantIds).toEqual(['p-1', 'p-2', 'p-3', 'p-4']);
      expect(events.map((event) => event.definition.type)).toEqual(['applications.team.changed.v1']);
      expect(events[0]!.data).toMatchObject({ joinedParticipantIds: ['p-4'], leftParticipantIds: [] });
    });
  });
});
