import { type Actor } from '@zhas/domain';
import { canAnswerAsHost, canLeadTeam, canSeeInvitationCode, canSeeTeam, teamListScope } from './policy';

const team = {
  leaderParticipantId: 'p-1',
  memberParticipantIds: ['p-1', 'p-2'],
  invitedParticipantIds: ['p-3'],
  hostOrganizationId: 'h-1',
  region: 'akmola',
};
const leader: Actor = { subject: 'u-1', roles: ['applicant'], participantId: 'p-1' };
const member: Actor = { subject: 'u-2', roles: ['applicant'], participantId: 'p-2' };
const invitee: Actor = { subject: 'u-3', roles: ['applicant'], participantId: 'p-3' };
const stranger: Actor = { subject: 'u-9', roles: ['applicant'], participantId: 'p-9' };
const host: Actor = { subject: 'h', roles: ['host_org'], hostOrgId: 'h-1' };
const otherHost: Actor = { subject: 'h2', roles: ['host_org'], hostOrgId: 'h-2' };
const coordinator: Actor = { subject: 'k', roles: ['coordinator'] };
const regionalCoordinator: Actor = { subject: 'k2', roles: ['coordinator'], regions: ['mangystau'] };
const committee: Actor = { subject: 'c', roles: ['committee'], regions: ['akmola'] };
const otherCommittee: Actor = { subject: 'c2', roles: ['committee'], regions: ['mangystau'] };
const viewer: Actor = { subject: 'v', roles: ['viewer'] };

describe('who may do what with a team', () => {
  it.each([
    // actor, leads, answers for the host, sees it, sees its invitation code
    ['the leader', leader, true, false, true, true],
    ['a member', member, false, false, true, true],
    ['an invitee', invitee, false, false, true, false],
    ['another applicant', stranger, false, false, false, false],
    ["the team's host organization", host, false, true, true, false],
    ['another host organization', otherHost, false, false, false, false],
    ['a coordinator', coordinator, true, true, true, true],
    ["another region's coordinator", regionalCoordinator, false, false, false, false],
    ["the region's committee", committee, false, false, true, false],
    ["another region's committee", otherCommittee, false, false, false, false],
    ['a viewer', viewer, false, false, true, false],
  ] as const)('%s', (_who, actor, leads, answers, sees, seesCode) => {
    expect(canLeadTeam(actor, team)).toBe(leads);
    expect(canSeeInvitationCode(actor, team)).toBe(seesCode);
    expect(canAnswerAsHost(actor, team.hostOrganizationId, team)).toBe(answers);
    expect(canSeeTeam(actor, team)).toBe(sees);
  });

  it.each([
    [leader, { kind: 'member', participantId: 'p-1' }],
    [host, { kind: 'host-organization', hostOrganizationId: 'h-1' }],
    [committee, { kind: 'all' }],
    [viewer, { kind: 'all' }],
    [{ subject: 'x', roles: ['applicant'] } satisfies Actor, { kind: 'none' }],
  ] as const)('lists for %o: %o', (actor, scope) => {
    expect(teamListScope(actor)).toEqual(scope);
  });
});
