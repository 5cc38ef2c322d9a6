import { bidCheckReasonCodes } from '@zhas/contracts';
import { type Actor, Refused, forbidden, hasRole, regionScope } from '@zhas/domain';
import { findByIds } from '@zhas/messaging';
import { type ApplicationsContext } from '../../shared/context';
import { type BidStatus, bidStatuses } from '../bids/domain';
import { type LotteryState, lotteryIdOf, statusOf } from '../lottery/domain';
import { reviewPlanIdOf } from '../reviews/domain';

// The bid pipeline of a round, region by region (what a coordinator watches): counts by status, the technical
// check's failures by reason, where the bids in review stand, and the lottery's step. Counted by the database
// ($group), so that no screen reads a whole round.

const reviewStages = ['unassigned', 'awaiting', 'complete'] as const;

export async function pipeline(
  app: ApplicationsContext,
  actor: Actor,
  input: { readonly roundId: string; readonly region?: readonly string[] },
) {
  if (!hasRole(actor, 'coordinator', 'viewer')) throw new Refused(forbidden('For coordinators and viewers.'));
  const round = await app.rounds.get(input.roundId);
  const regions = (regionScope(actor, input.region) ?? round.regions).filter((region) =>
    round.regions.includes(region),
  );
  const collection = app.bids.store.collection;
  const grouped = async (match: Record<string, unknown>, key: string) =>
    collection
      .aggregate<{ _id: { region: string; key: string | null }; n: number }>([
        { $match: { roundId: input.roundId, region: { $in: regions }, ...match } },
        { $group: { _id: { region: '$region', key: `$${key}` }, n: { $sum: 1 } } },
      ])
      .toArray();
  const byStatus = await grouped({}, 'status');
  // Region by region: the MongoDB-compatible server keeps only the unwound field after $unwind, so the region
  // cannot be a key of the group that follows it.
  const failures = (
    await Promise.all(
      regions.map(async (region) =>
        (
          await collection
            .aggregate<{ _id: string | null; n: number }>([
              { $match: { roundId: input.roundId, region, status: 'check-failed' } },
              { $unwind: '$checkReasons' },
              { $group: { _id: '$checkReasons.code', n: { $sum: 1 } } },
            ])
            .toArray()
        ).map((row) => ({ _id: { region, key: row._id }, n: row.n })),
      ),
    )
  ).flat();
  const stages = await grouped({ status: 'in-review' }, 'reviewStage');
  const lotteries = new Map(
    (
      await findByIds<LotteryState>(
        app.lotteries.store.collection,
        regions.map((region) => lotteryIdOf(input.roundId, region)),
      )
    ).map((lottery) => [lottery.region, lottery]),
  );
  const plans = await app.reviewPlans.ofMany(regions.map((region) => ({ roundId: input.roundId, region })));
  const count = (rows: typeof byStatus, region: string, key: string) =>
    rows.find((row) => row._id.region === region && row._id.key === key)?.n ?? 0;
  return {
    roundId: input.roundId,
    items: regions.map((region) => {
      const lottery = lotteries.get(region);
      const plan = plans.get(reviewPlanIdOf(input.roundId, region));
      return {
        region,
        projectQuota: round.rules.regionQuotas.find((quota) => quota.region === region)?.projectQuota ?? 0,
        byStatus: Object.fromEntries(
          bidStatuses.map((status) => [status, count(byStatus, region, status)]),
        ) as Record<BidStatus, number>,
        checkFailures: bidCheckReasonCodes
          .map((code) => ({ code, count: count(failures, region, code) }))
          .filter((row) => row.count > 0),
        review: {
          // Bids saved before review stages existed count as unassigned.
          ...Object.fromEntries(reviewStages.map((stage) => [stage, count(stages, region, stage)])),
          unassigned:
            count(stages, region, 'unassigned') +
            (stages.find((row) => row._id.region === region && row._id.key === null)?.n ?? 0),
          reviewersPerBid: plan?.reviewersPerBid ?? null,
          dueAt: plan?.dueAt ?? null,
        } as {
          unassigned: number;
          awaiting: number;
          complete: number;
          reviewersPerBid: number | null;
          dueAt: string | null;
        },
        lottery: lottery
          ? { lotteryId: lottery.lotteryId, status: statusOf(lottery) }
          : { lotteryId: lotteryIdOf(input.roundId, region), status: 'not-started' as const },
      };
    }),
  };
}
