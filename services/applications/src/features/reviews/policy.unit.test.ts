import { type Actor } from '@zhas/domain';
import { staff } from '../../testing/actors';
import { canDrawLottery } from '../lottery/policy';
import { canAssignReviewers, canDecideQualification, canReview } from './policy';

const bid = { hostOrganizationId: null, region: 'akmola' };
const assigned = { ...bid, assignedReviewerIds: ['rv-assigned'] };

describe('who reviews, decides and draws', () => {
  it.each([
    // actor, reviews the independent bid, decides its qualification, draws the region's lottery
    ['a host organization', staff.hostOrganization, false, false, false],
    ['a coordinator', staff.coordinator, false, true, true],
    ["the region's coordinator", staff.akmolaCoordinator, false, true, true],
    [
      "the region's committee",
      { subject: 'c', roles: ['committee'], regions: ['akmola'] },
      true,
      false,
      false,
    ],
    ["another region's coordinator", staff.atyrauCoordinator, false, false, false],
    ['an admin', staff.admin, false, true, true],
    ['a viewer', staff.viewer, false, false, false],
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
