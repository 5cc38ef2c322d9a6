import { type Actor } from '@zhas/domain';
import { canManageRounds, canSeeRound, visibleRoundStatuses } from './policy';

describe('who may do what with a round', () => {
  it.each([
    // actor, manages rounds, sees a draft
    ['a national coordinator', { subject: 'k', roles: ['coordinator'] }, true, true],
    ['an admin', { subject: 'a', roles: ['admin'] }, true, true],
    ["a region's coordinator", { subject: 'k', roles: ['coordinator'], regions: ['akmola'] }, false, true],
    ['a committee member', { subject: 'c', roles: ['committee'] }, false, false],
    ['a host organization', { subject: 'h', roles: ['host_org'], hostOrgId: 'org-1' }, false, false],
    ['an applicant', { subject: 'u', roles: ['applicant'] }, false, false],
  ] as const)('%s', (_who, actor: Actor, manages, seesDraft) => {
    expect(canManageRounds(actor)).toBe(manages);
    expect(canSeeRound(actor, { status: 'draft' })).toBe(seesDraft);
    expect(canSeeRound(actor, { status: 'published' })).toBe(true);
    expect(visibleRoundStatuses(actor).includes('draft')).toBe(seesDraft);
  });

  it('shows the public no drafts', () => {
    expect(canSeeRound(undefined, { status: 'draft' })).toBe(false);
    expect(canSeeRound(undefined, { status: 'closed' })).toBe(true);
  });
});
