import { type Actor, Refused, forbidden, noChange, notFound, refuse, regionScope } from '@zhas/domain';
import { type Aggregate, auditOf, findByIds, handleCommand, handleRequest } from '@zhas/messaging';
import { findPage, listFilter, type PaginationQuery } from '@zhas/service-kit';
import { type ApplicationsContext, commandOptions } from '../../shared/context';
import { newId, reviewerIdOf } from '../../shared/ids';
import { type BidState, bidHeading } from '../bids/domain';
import { isAssignedReviewer } from '../bids/policy';
import { type ParticipantState } from '../participants/domain';
import * as registry from '../reviewers/domain';
import { type ReviewerState } from '../reviewers/domain';
import * as domain from './domain';
import {
  type ConflictReason,
  type DraftRubric,
  type PlanBid,
  type Rubric,
  assignmentOf,
  isReadyForDecision,
  reviewPlanIdOf,
} from './domain';
import { canAssignReviewers, canReview } from './policy';

// Review commands state no version: a review decided on a bid another reviewer changed meanwhile is decided again.

type Bid = Aggregate<BidState>;

// ----- The reviewers' registry -----

/** The caller joins (or refreshes) the registry with the name and scope of their sign-in. */
export async function joinRegistry(
  app: ApplicationsContext,
  actor: Actor,
  name: string | undefined,
  requestId: string,
): Promise<Aggregate<ReviewerState>> {
  const reviewerId = reviewerIdOf(actor.subject);
  const { aggregate } = await handleCommand(
    app.reviewers.store,
    reviewerId,
    (existing, now) =>
      registry.joinRegistry(actor, reviewerId, actor.name ?? name ?? reviewerId, existing, now),
    { ...commandOptions(app, requestId, { audit: auditOf(actor, 'reviewer.joined') }), create: true },
  );
  return aggregate;
}

/** The reviewer ids that may review the bid: its host organization's staff, or the region's committee. */
async function poolOf(app: ApplicationsContext, bid: Pick<BidState, 'hostOrganizationId' | 'region'>) {
  const members =
    bid.hostOrganizationId === null
      ? await app.reviewers.committeeOf(bid.region)
      : await app.reviewers.staffOf(bid.hostOrganizationId);
  return members.map((member) => member.reviewerId);
}

function planBidOf(bid: BidState, pool: readonly string[]): PlanBid {
  return {
    bidId: bid.bidId,
    pool,
    assigned: assignmentOf(bid).assigned,
    excluded: [
      ...bid.reviews.map((entry) => entry.reviewerId),
      ...bid.conflicts.map((conflict) => conflict.reviewerId),
    ],
  };
}

/** How many bids of the round's region each reviewer is assigned. */
async function assignmentLoad(app: ApplicationsContext, roundId: string, region: string) {
  const rows = await app.bids.store.collection
    .aggregate<{ _id: string; n: number }>([
      { $match: { roundId, region } },
      { $unwind: '$assignedReviewerIds' },
      { $group: { _id: '$assignedReviewerIds', n: { $sum: 1 } } },
    ])
    .toArray();
  return new Map(rows.map((row) => [row._id, row.n]));
}

function refuseUnlessCoordinatorOf(actor: Actor, region: string): void {
  if (!canAssignReviewers(actor, { region })) {
    throw new Refused(forbidden(`Only a coordinator of region ${region} assigns its reviewers.`));
  }
}

/**
 * Sets the region's review plan and tops every bid in review up to `reviewersPerBid` reviewers of its pool, the
 * work spread evenly (domain.planAssignments). Running it again assigns only what is missing.
 */
export async function assignReviewers(
  app: ApplicationsContext,
  actor: Actor,
  input: { roundId: string; region: string; reviewersPerBid: number; dueAt: string },
  requestId: string,
) {
  refuseUnlessCoordinatorOf(actor, input.region);
  const round = await app.rounds.get(input.roundId);
  if (!round.regions.includes(input.region)) {
    throw new Refused(refuse('region-not-in-round', `The round's regions are ${round.regions.join(', ')}.`));
  }
  const audit = (action: string) => auditOf(actor, action);
  await handleCommand(
    app.reviewPlans.store,
    reviewPlanIdOf(input.roundId, input.region),
    (existing) => domain.setReviewPlan(actor, input, existing),
    { ...commandOptions(app, requestId, { audit: audit('review-plan.set') }), create: true },
  );
  const ids = await app.bids.idsOf({ ...input, status: ['in-review'] });
  const bids = await findByIds<BidState>(app.bids.store.collection, ids);
  const pools = new Map<string, readonly string[]>();
  const planned: PlanBid[] = [];
  for (const bid of bids) {
    const key = bid.hostOrganizationId ?? '';
    if (!pools.has(key)) pools.set(key, await poolOf(app, bid));
    planned.push(planBidOf(bid, pools.get(key) ?? []));
  }
  const plan = domain.planAssignments(planned, input.reviewersPerBid);
  let assignments = 0;
  for (const [bidId, added] of plan) {
    const { changed } = await handleCommand(
      app.bids.store,
      bidId,
      (bid) => domain.assignReviewers(actor, bid, added),
      commandOptions(app, requestId, { audit: audit('bid.reviewers-assigned') }),
    );
    if (changed) assignments += added.length;
  }
  const short = planned.filter(
    (bid) => bid.assigned.length + (plan.get(bid.bidId)?.length ?? 0) < input.reviewersPerBid,
  ).length;
  return { bidsInReview: bids.length, assignmentsAdded: assignments, bidsShortOfReviewers: short };
}

/** The caller declares a conflict: the bid leaves their queue, and another reviewer of its pool takes it. */
export async function declareConflict(
  app: ApplicationsContext,
  actor: Actor,
  bidId: string,
  { reason }: { readonly reason: ConflictReason },
  requestId: string,
): Promise<void> {
  const reviewerId = reviewerIdOf(actor.subject);
  const request = { actor, action: 'bid.conflict-declared', requestId };
  await handleRequest(app, app.bids.store, bidId, request, async (bid, now) => {
    const replacement = assignmentOf(bid).assigned.includes(reviewerId)
      ? domain.replacementFor(
          planBidOf(bid, await poolOf(app, bid)),
          await assignmentLoad(app, bid.roundId, bid.region),
        )
      : undefined;
    return domain.declareConflict(actor, bid, reviewerId, reason, replacement, now);
  });
}

export async function saveReviewDraft(
  app: ApplicationsContext,
  actor: Actor,
  bidId: string,
  rubric: DraftRubric,
  requestId: string,
): Promise<Bid> {
  const reviewerId = reviewerIdOf(actor.subject);
  const { aggregate } = await handleCommand(
    app.bids.store,
    bidId,
    async (bid, now) =>
      domain.saveReviewDraft(actor, bid, reviewerId, rubric, await app.rounds.get(bid.roundId), now),
    commandOptions(app, requestId),
  );
  return aggregate;
}

export async function review(
  app: ApplicationsContext,
  actor: Actor,
  bidId: string,
  rubric: Rubric,
  requestId: string,
): Promise<Bid> {
  const reviewId = newId('r');
  const request = { actor, action: 'bid.reviewed', requestId };
  return handleRequest(app, app.bids.store, bidId, request, async (bid, now) =>
    domain.review(
      actor,
      bid,
      { reviewId, reviewerId: reviewerIdOf(actor.subject), rubric },
      await app.rounds.get(bid.roundId),
      now,
    ),
  );
}

export async function decideQualification(
  app: ApplicationsContext,
  actor: Actor,
  bidId: string,
  requestId: string,
): Promise<Bid> {
  const request = { actor, action: 'bid.qualification-decided', requestId };
  return handleRequest(app, app.bids.store, bidId, request, async (bid, now) =>
    domain.decideQualification(actor, bid, await app.rounds.get(bid.roundId), now),
  );
}

/**
 * Decides every bid of the region that is ready (in review, scored, no assigned reviewer still to score): what the
 * coordinator confirms as one bulk action. Bids not ready are left as they are.
 */
export async function decideReadyBids(
  app: ApplicationsContext,
  actor: Actor,
  input: { roundId: string; region: string },
  requestId: string,
) {
  refuseUnlessCoordinatorOf(actor, input.region);
  const round = await app.rounds.get(input.roundId);
  const ids = await app.bids.idsOf({ ...input, status: ['in-review'] });
  let qualified = 0;
  let notQualified = 0;
  for (const bidId of ids) {
    const { changed, aggregate } = await handleCommand(
      app.bids.store,
      bidId,
      (bid, now) => (isReadyForDecision(bid) ? domain.decideQualification(actor, bid, round, now) : noChange),
      commandOptions(app, requestId, { audit: auditOf(actor, 'bid.qualification-decided') }),
    );
    if (!changed) continue;
    if (aggregate.state.status === 'qualified') qualified += 1;
    else notQualified += 1;
  }
  return { qualified, notQualified, stillInReview: ids.length - qualified - notQualified };
}

// ----- What a reviewer sees -----

/** The bids waiting for the caller's scores, oldest submission first within the page order (by id). */
export async function queue(
  app: ApplicationsContext,
  actor: Actor,
  query: PaginationQuery & { roundId?: string; region?: readonly string[] },
) {
  const reviewerId = reviewerIdOf(actor.subject);
  const found = await findPage(
    app.bids.store.collection,
    listFilter(
      { roundId: query.roundId, region: query.region, status: 'in-review' },
      { awaitingReviewerIds: reviewerId },
    ),
    query,
  );
  const bids = found.items.map((doc) => app.bids.store.aggregateOf(doc).state);
  const plans = await app.reviewPlans.ofMany(bids);
  return {
    nextCursor: found.nextCursor,
    items: bids.map((bid) => ({
      bidId: bid.bidId,
      registrationNumber: bid.registrationNumber,
      roundId: bid.roundId,
      region: bid.region,
      title: bid.content.title,
      requestedAmountKzt: bid.content.requestedAmountKzt,
      submittedAt: bid.submittedAt,
      draftSavedAt:
        assignmentOf(bid).drafts.find((draft) => draft.reviewerId === reviewerId)?.savedAt ?? null,
      dueAt: plans.get(reviewPlanIdOf(bid.roundId, bid.region))?.dueAt ?? null,
    })),
  };
}

/** Per round and region: how many bids wait for the caller, how many they were given, and when scores are due. */
export async function queueSummary(app: ApplicationsContext, actor: Actor) {
  const reviewerId = reviewerIdOf(actor.subject);
  const countBy = async (match: Record<string, unknown>) => {
    const rows = await app.bids.store.collection
      .aggregate<{ _id: { roundId: string; region: string }; n: number }>([
        { $match: match },
        { $group: { _id: { roundId: '$roundId', region: '$region' }, n: { $sum: 1 } } },
      ])
      .toArray();
    return rows;
  };
  const assigned = await countBy({ assignedReviewerIds: reviewerId });
  const awaiting = await countBy({ status: 'in-review', awaitingReviewerIds: reviewerId });
  const key = (pair: { roundId: string; region: string }) => `${pair.roundId}|${pair.region}`;
  const waiting = new Map(awaiting.map((row) => [key(row._id), row.n]));
  const pairs = assigned.map((row) => row._id);
  const plans = await app.reviewPlans.ofMany(pairs);
  const rounds = new Map<string, Awaited<ReturnType<typeof app.rounds.find>>>();
  for (const { roundId } of pairs)
    if (!rounds.has(roundId)) rounds.set(roundId, await app.rounds.find(roundId));
  return {
    items: assigned
      .map((row) => {
        const round = rounds.get(row._id.roundId);
        return {
          roundId: row._id.roundId,
          roundYear: round?.year ?? null,
          roundTitle: round?.title ?? null,
          region: row._id.region,
          assigned: row.n,
          awaiting: waiting.get(key(row._id)) ?? 0,
          dueAt: plans.get(reviewPlanIdOf(row._id.roundId, row._id.region))?.dueAt ?? null,
        };
      })
      .sort((a, b) => key(a).localeCompare(key(b))),
  };
}

/**
 * Everything a reviewer needs beside the rubric: the bid's content, the team's names unless the round reviews
 * blind, the round's criteria, and the caller's draft, score or conflict. A declared conflict hides the bid.
 */
export async function reviewSheet(app: ApplicationsContext, actor: Actor, bidId: string) {
  const found = await app.bids.store.get(bidId);
  if (!found) throw new Refused(notFound('Bid', bidId));
  const bid = found.state;
  const reviewerId = reviewerIdOf(actor.subject);
  if (
    isAssignedReviewer(actor, bid) &&
    bid.conflicts.some((conflict) => conflict.reviewerId === reviewerId)
  ) {
    throw new Refused(
      refuse(
        'conflict-of-interest',
        'You declared a conflict of interest for this bid; it is not shown to you.',
      ),
    );
  }
  if (!isAssignedReviewer(actor, bid) || !canReview(actor, bid, reviewerId)) {
    throw new Refused(forbidden('This bid is not assigned to you.'));
  }
  const round = await app.rounds.get(bid.roundId);
  const blind = round.rules.blindReview === true;
  const team = blind ? undefined : await app.teams.store.get(bid.teamId);
  const members = team
    ? await findByIds<ParticipantState>(app.participants.store.collection, team.state.memberParticipantIds)
    : [];
  const plan = await app.reviewPlans.of(bid.roundId, bid.region);
  const mine = bid.reviews.find((entry) => entry.reviewerId === reviewerId);
  const draft = assignmentOf(bid).drafts.find((entry) => entry.reviewerId === reviewerId);
  return {
    ...bidHeading(bid),
    submittedAt: bid.submittedAt,
    content: bid.content,
    blind,
    team: team
      ? {
          members: members.map((member) => ({
            name: member.fullName,
            leader: member.participantId === team.state.leaderParticipantId,
          })),
        }
      : null,
    criteria: round.rules.bidReviewCriteria.map((criterion) => ({ ...criterion })),
    dueAt: plan?.dueAt ?? null,
    draft: draft ? { criteria: draft.criteria.map((entry) => ({ ...entry })), savedAt: draft.savedAt } : null,
    review: mine
      ? {
          criteria: mine.criteria.map((entry) => ({ ...entry })),
          totalScore: mine.totalScore,
          reviewedAt: mine.reviewedAt,
        }
      : null,
    version: found.version,
  };
}

// ----- What a coordinator sees -----

/**
 * The reviewers of a round's region and their progress: the committee of the region and the staff of the host
 * organizations with bids there, each with the bids assigned, still waiting, scored, and conflicts declared.
 */
export async function progress(
  app: ApplicationsContext,
  actor: Actor,
  input: { roundId: string; region: string },
) {
  refuseUnlessCoordinatorOf(actor, input.region);
  const collection = app.bids.store.collection;
  const countBy = async (field: string, match: Record<string, unknown> = {}) => {
    const rows = await collection
      .aggregate<{ _id: string; n: number }>([
        { $match: { roundId: input.roundId, region: input.region, ...match } },
        { $unwind: `$${field.split('.')[0]}` },
        { $group: { _id: `$${field}`, n: { $sum: 1 } } },
      ])
      .toArray();
    return new Map(rows.map((row) => [row._id, row.n]));
  };
  const assigned = await countBy('assignedReviewerIds');
  const awaiting = await countBy('awaitingReviewerIds', { status: 'in-review' });
  const scored = await countBy('reviews.reviewerId');
  const conflicts = await countBy('conflicts.reviewerId');
  const hostOrganizations = (
    await collection
      .aggregate<{ _id: string | null }>([
        { $match: { roundId: input.roundId, region: input.region, status: { $nin: ['draft'] } } },
        { $group: { _id: '$hostOrganizationId', n: { $sum: 1 } } },
      ])
      .toArray()
  )
    .map((row) => row._id)
    .filter((id): id is string => typeof id === 'string');
  const reviewers = [
    ...(await app.reviewers.committeeOf(input.region)),
    ...(await Promise.all(hostOrganizations.map((id) => app.reviewers.staffOf(id)))).flat(),
  ];
  const known = new Set(reviewers.map((reviewer) => reviewer.reviewerId));
  // Reviewers assigned earlier who left the pool (a changed region claim) still show with their work.
  const others = await app.reviewers.byIds([...assigned.keys()].filter((id) => !known.has(id)));
  const plan = await app.reviewPlans.of(input.roundId, input.region);
  return {
    roundId: input.roundId,
    region: input.region,
    reviewersPerBid: plan?.reviewersPerBid ?? null,
    dueAt: plan?.dueAt ?? null,
    items: [...reviewers, ...others].map((reviewer) => ({
      reviewerId: reviewer.reviewerId,
      name: reviewer.name,
      kind: reviewer.kind,
      hostOrganizationId: reviewer.hostOrganizationId,
      assigned: assigned.get(reviewer.reviewerId) ?? 0,
      awaiting: awaiting.get(reviewer.reviewerId) ?? 0,
      scored: scored.get(reviewer.reviewerId) ?? 0,
      conflicts: conflicts.get(reviewer.reviewerId) ?? 0,
    })),
  };
}

/** A coordinator's region scope applied to a list of regions asked for. */
export function regionsFor(actor: Actor, requested?: readonly string[]) {
  return regionScope(actor, requested);
}
