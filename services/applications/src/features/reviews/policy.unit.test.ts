import { type Actor } from '@zhas/domain';
import { canDrawLottery } from '../lottery/policy';
import { canAssignReviewers, canDecideQualification, canReview } from './policy';

const bid = { hostOrganizationId: null, region: 'akmola' };
const assigned = { ...bid, assignedReviewerIds: ['rv-assigned'] };

describe('who reviews, decides and draws', () => {
  it.each([
    // actor, reviews the independent bid, decides its qualification, draws the region's lottery
    [
      "the region's committee",
      { subject: 'c', roles: ['committee'], regions: ['akmola'] },
      true,
      false,
      false,
    ],
    ['a host organization', { subject: 'h', roles: ['host_org'], hostOrgId: 'h-1' }, false, false, false],
    ['a coordinator', { subject: 'k', roles: ['coordinator'] }, false, true, true],
    [
      "the region's coordinator",
      { subject: 'k', roles: ['coordinator'], regions: ['akmola'] },
      false,
      true,
      true,
    ],
    [
      "another region's coordinator",
      { subject: 'k', roles: ['coordinator'], regions: ['atyrau'] },
      false,
      false,
      false,
    ],
    ['an admin', { subject: 'a', roles: ['admin'] }, false, true, true],
    ['a viewer', { subject: 'v', roles: ['viewer'] }, false, false, false],
  ] as const)('%s', (_who, actor: Actor, reviews, decides, draws) => {
    expect(canReview(actor, bid, 'rv-any')).toBe(reviews);
    // Once reviewers are assigned, only they review, whoever else is in the pool.
    expect(canReview(actor, assigned, 'rv-any')).toBe(false);
    expect(canReview(actor, assigned, 'rv-assigned')).toBe(reviews);
    expect(canAssignReviewers(actor, bid)).toBe(decides);
    expect(canDecideQualification(actor, bid)).toBe(decides);
    expect(canDrawLottery(actor, bid.region)).toBe(draws);
  });
});
