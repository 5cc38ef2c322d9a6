import { type Actor } from '@zhas/domain';
import { bidListScope, canActForTeam, canEditDraft, canSeeBid, isAssignedReviewer } from './policy';

const team = { leaderParticipantId: 'p-1', memberParticipantIds: ['p-1', 'p-2'], region: 'akmola' };
const hosted = { hostOrganizationId: 'h-1', region: 'akmola' };
const independent = { hostOrganizationId: null, region: 'akmola' };
const leader: Actor = { subject: 'u-1', roles: ['applicant'], participantId: 'p-1' };
const member: Actor = { subject: 'u-2', roles: ['applicant'], participantId: 'p-2' };
const stranger: Actor = { subject: 'u-9', roles: ['applicant'], participantId: 'p-9' };
const host: Actor = { subject: 'h', roles: ['host_org'], hostOrgId: 'h-1' };
const otherHost: Actor = { subject: 'h2', roles: ['host_org'], hostOrgId: 'h-2' };
const committee: Actor = { subject: 'c', roles: ['committee'], regions: ['akmola'] };
const otherCommittee: Actor = { subject: 'c2', roles: ['committee'], regions: ['mangystau'] };
const coordinator: Actor = { subject: 'k', roles: ['coordinator'] };
const regionalViewer: Actor = { subject: 'v', roles: ['viewer'], regions: ['mangystau'] };

describe('who may do what with a bid', () => {
  it.each([
    // actor, acts for the team, edits the draft, reviews the hosted bid, reviews the independent bid, sees it
    ['the leader', leader, true, true, false, false, true],
    ['a member', member, false, true, false, false, true],
    ['another applicant', stranger, false, false, false, false, false],
    ["the team's host organization", host, false, false, true, false, true],
    ['another host organization', otherHost, false, false, false, false, false],
    ["the region's committee", committee, false, false, false, true, false],
    ["another region's committee", otherCommittee, false, false, false, false, false],
    ['a coordinator', coordinator, true, true, false, false, true],
    ["another region's viewer", regionalViewer, false, false, false, false, false],
    [
      "another region's coordinator",
      { subject: 'k2', roles: ['coordinator'], regions: ['mangystau'] } satisfies Actor,
      false,
      false,
      false,
      false,
      false,
    ],
  ] as const)('%s', (_who, actor, acts, edits, reviewsHosted, reviewsIndependent, sees) => {
    expect(canActForTeam(actor, team)).toBe(acts);
    expect(canEditDraft(actor, team)).toBe(edits);
    expect(isAssignedReviewer(actor, hosted)).toBe(reviewsHosted);
    expect(isAssignedReviewer(actor, independent)).toBe(reviewsIndependent);
    expect(canSeeBid(actor, hosted, team)).toBe(sees);
  });

  it('lists the submitted bids assigned to reviewers, and every bid to staff', () => {
    expect(bidListScope(host)).toEqual({ kind: 'host-organization', hostOrganizationId: 'h-1' });
    expect(bidListScope(committee)).toEqual({ kind: 'committee' });
    expect(bidListScope(coordinator)).toEqual({ kind: 'all' });
    expect(bidListScope(leader)).toEqual({ kind: 'none' });
  });
});
