import { regionIdSchema, type RegionId } from '@zhas/kz';
import { ConcurrencyConflict, isDuplicateKey } from '@zhas/messaging';
import {
  decodeCursor,
  encodeCursor,
  idempotencyKeyHeader,
  paginatedResponse,
  paginationQuery,
  problems,
  queryList,
  requireRegion,
  requireRole,
  type ServiceDependencies,
} from '@zhas/service-kit';
import { type Collection } from 'mongodb';
import { z } from 'zod';
import { type Config } from '../../config';
import { windowPhase } from '../rounds/domain';
import { loadRound } from '../rounds/routes';
import { type Organization } from '../organizations/domain';
import {
  applyOutcome,
  type HostApplicationState,
  outsideWindow,
  rankRegion,
  type RankingCandidate,
  type RegionOutcome,
} from './domain';
import { type HostApplicationDeps } from './routes';

// The selection of host organizations per region. Confirming writes the decided outcomes first, as one document
// (the decision), then applies each to its application with its event. A confirmation interrupted half-way is
// finished by confirming again: outcomes already applied are skipped, so each event is published once.

export interface HostSelection {
  readonly _id: string;
  readonly roundId: string;
  readonly region: RegionId;
  readonly seats: number;
  readonly rulesVersion: number;
  readonly outcomes: readonly RegionOutcome[];
  readonly confirmedAt: string;
  readonly confirmedBy: string;
}

export function selectionIdOf(roundId: string, region: string): string {
  return `${roundId}:${region}`;
}

const outcomeSchema = z.object({
  hostApplicationId: z.string(),
  hostOrganizationId: z.string(),
  outcome: z.enum(['selected', 'rejected']),
  rank: z.int().optional(),
  reason: z.enum(['ineligible', 'below-cutoff', 'seats-filled', 'disqualified']).optional(),
  totalScore: z.number().optional(),
});

const rankingSchema = z.object({
  roundId: z.string(),
  region: z.string(),
  seats: z.int(),
  confirmed: z.boolean(),
  confirmedAt: z.string().optional(),
  outcomes: z.array(outcomeSchema),
  unscored: z
    .array(z.string())
    .meta({ description: 'Eligible applications nobody has scored yet: the selection waits for them.' }),
});

const selectedOrganizationSchema = z.object({
  region: z.string(),
  rank: z.int(),
  hostOrganizationId: z.string(),
  name: z.string(),
  totalScore: z.number(),
  hostApplicationId: z.string(),
  confirmedAt: z.string(),
});

export function declareSelectionRoutes(
  deps: ServiceDependencies<Config>,
  stores: HostApplicationDeps & { readonly organizations: Collection<Organization> },
): void {
  const { api } = deps;
  const { applications, rounds, organizations, selections } = stores;
  const tags = ['host-selection'];
  const ranking = api.schema('HostRanking', rankingSchema);
  const regionParams = z.object({ roundId: z.string().min(1).max(64), region: regionIdSchema });

  async function candidates(roundId: string, region: string): Promise<RankingCandidate[]> {
    const docs = await applications.collection
      .find({ roundId, region, status: { $in: ['eligible', 'ineligible', 'selected', 'rejected'] } })
      .toArray();
    return docs.map((doc) => {
      const state = doc as unknown as HostApplicationState;
      return {
        hostApplicationId: String(doc._id),
        hostOrganizationId: state.hostOrganizationId,
        status: state.status,
        ...(state.submittedAt ? { submittedAt: state.submittedAt } : {}),
        ...(state.result ? { totalScore: state.result.totalScore } : {}),
      };
    });
  }

  async function applySelection(selection: HostSelection, requestId: string): Promise<void> {
    for (const outcome of selection.outcomes) {
      // A committee score or a withdrawal may race with us: reload and decide again on a stale version.
      for (let attempt = 0; ; attempt += 1) {
        const current = await applications.get(outcome.hostApplicationId);
        if (!current) break;
        const now = deps.now();
        const change = applyOutcome(current.state, outcome, now);
        if (!change) break;
        try {
          await applications.update(current.id, current.version, change.state, change.events, {
            correlationId: requestId,
            now,
          });
          break;
        } catch (error) {
          if (!(error instanceof ConcurrencyConflict) || attempt >= 4) throw error;
        }
      }
    }
  }

  function seatsOf(
    content: { rules: { regionQuotas: readonly { region: string; hostOrganizationSeats: number }[] } },
    region: string,
  ) {
    return content.rules.regionQuotas.find((quota) => quota.region === region)?.hostOrganizationSeats ?? 0;
  }

  api.route({
    method: 'get',
    path: '/rounds/{roundId}/regions/{region}/host-ranking',
    summary: "A region's ranking of host organizations",
    description:
      'The proposal (by score, ties to the earlier submission, up to the seats), or the confirmed selection.',
    tags,
    auth: { roles: ['coordinator', 'committee'] },
    params: regionParams,
    responses: { 200: { description: 'The ranking', schema: ranking } },
    handler: async ({ params, principal }) => {
      requireRegion(principal, params.region);
      const round = await loadRound(rounds, principal, params.roundId);
      const content = round.state.content;
      if (!content || !content.regions.includes(params.region))
        throw problems.notFound('Region of round', params.region);
      const confirmed = await selections.findOne({ _id: selectionIdOf(round.id, params.region) });
      if (confirmed)
        return {
          status: 200,
          body: {
            roundId: round.id,
            region: params.region,
            seats: confirmed.seats,
            confirmed: true,
            confirmedAt: confirmed.confirmedAt,
            outcomes: [...confirmed.outcomes],
            unscored: [],
          },
        };
      const seats = seatsOf(content, params.region);
      const proposal = rankRegion(await candidates(round.id, params.region), seats);
      return {
        status: 200,
        body: { roundId: round.id, region: params.region, seats, confirmed: false, ...proposal },
      };
    },
  });

  api.route({
    method: 'post',
    path: '/rounds/{roundId}/regions/{region}/host-selection',
    summary: "Confirm a region's selection of host organizations",
    description:
      'After the window has closed and every eligible application is scored (409 /problems/scoring-incomplete ' +
      'otherwise). Publishes `selected` (with the rank) or `rejected` (with the reason) for each application. ' +
      'Confirming again finishes an interrupted confirmation and changes nothing else.',
    tags,
    auth: { roles: ['coordinator'] },
    params: regionParams,
    headers: idempotencyKeyHeader,
    responses: {
      200: { description: 'The selection was already confirmed', schema: ranking },
      201: { description: 'The confirmed selection', schema: ranking },
    },
    handler: ({ params, headers, principal, requestId }) =>
      deps.idempotent(
        { scope: `host-selection:${principal.subject}`, key: headers['Idempotency-Key'], payload: params },
        async () => {
          requireRole(principal, 'coordinator');
          requireRegion(principal, params.region);
          const round = await loadRound(rounds, principal, params.roundId);
          const content = round.state.content;
          if (round.state.status !== 'published' || !content)
            throw problems.conflict(
              '/problems/round-not-open',
              `Round ${round.id} is ${round.state.status}.`,
              {
                roundStatus: round.state.status,
              },
            );
          if (!content.regions.includes(params.region))
            throw problems.notFound('Region of round', params.region);
          const view = (selection: HostSelection) => ({
            roundId: selection.roundId,
            region: selection.region,
            seats: selection.seats,
            confirmed: true,
            confirmedAt: selection.confirmedAt,
            outcomes: [...selection.outcomes],
            unscored: [],
          });
          const id = selectionIdOf(round.id, params.region);
          const existing = await selections.findOne({ _id: id });
          if (existing) {
            await applySelection(existing, requestId);
            return { status: 200 as const, body: view(existing) };
          }
          const now = deps.now();
          if (windowPhase(content.hostApplicationWindow, now) !== 'after') {
            const problem = outsideWindow(content.hostApplicationWindow, now);
            throw problems.conflict(
              '/problems/window-still-open',
              `Organizations may apply until ${content.hostApplicationWindow.closesAt}; select after that.`,
              { ...(problem?.extensions ?? {}), closesAt: content.hostApplicationWindow.closesAt },
            );
          }
          const seats = seatsOf(content, params.region);
          const proposal = rankRegion(await candidates(round.id, params.region), seats);
          if (proposal.unscored.length > 0)
            throw problems.conflict(
              '/problems/scoring-incomplete',
              `${proposal.unscored.length} eligible application(s) have no committee score yet.`,
              { unscored: proposal.unscored },
            );
          const selection: HostSelection = {
            _id: id,
            roundId: round.id,
            region: params.region,
            seats,
            rulesVersion: round.state.rulesVersion,
            outcomes: proposal.outcomes,
            confirmedAt: now.toISOString(),
            confirmedBy: principal.subject,
          };
          try {
            await selections.insertOne(selection);
          } catch (error) {
            if (!isDuplicateKey(error)) throw error;
            // Confirmed concurrently: finish that one.
            const other = await selections.findOne({ _id: id });
            if (!other) throw error;
            await applySelection(other, requestId);
            return { status: 200 as const, body: view(other) };
          }
          await applySelection(selection, requestId);
          return { status: 201 as const, body: view(selection) };
        },
      ),
  });

  api.route({
    method: 'get',
    path: '/rounds/{roundId}/selected-host-organizations',
    summary: 'The selected host organizations of a round (public)',
    description:
      'By region and rank, with the organizations’ names; regions appear once their selection is confirmed. ' +
      'No BINs: an individual entrepreneur’s BIN is their IIN.',
    tags,
    auth: 'public',
    params: z.object({ roundId: z.string().min(1).max(64) }),
    query: paginationQuery.extend({ region: queryList(regionIdSchema).optional() }),
    responses: {
      200: {
        description: 'A page of selected organizations',
        schema: paginatedResponse(selectedOrganizationSchema),
      },
    },
    handler: async ({ params, query }) => {
      await loadRound(rounds, undefined, params.roundId);
      const offset = decodeCursor(query.cursor, z.object({ offset: z.int().min(0) }))?.offset ?? 0;
      const confirmed = await selections
        .find({ roundId: params.roundId, ...(query.region ? { region: { $in: query.region } } : {}) })
        .sort({ region: 1 })
        .toArray();
      const all = confirmed.flatMap((selection) =>
        selection.outcomes
          .filter((outcome) => outcome.outcome === 'selected')
          .map((outcome) => ({ selection, outcome }))
          .sort((a, b) => a.outcome.rank - b.outcome.rank),
      );
      const slice = all.slice(offset, offset + query.limit);
      const names = new Map(
        (
          await organizations
            .find({ _id: { $in: slice.map(({ outcome }) => outcome.hostOrganizationId) } })
            .toArray()
        ).map((organization) => [organization._id, organization.name]),
      );
      return {
        status: 200,
        body: {
          items: slice.map(({ selection, outcome }) => ({
            region: selection.region,
            rank: outcome.rank,
            hostOrganizationId: outcome.hostOrganizationId,
            name: names.get(outcome.hostOrganizationId) ?? '',
            totalScore: outcome.totalScore,
            hostApplicationId: outcome.hostApplicationId,
            confirmedAt: selection.confirmedAt,
          })),
          nextCursor:
            offset + query.limit < all.length ? encodeCursor({ offset: offset + query.limit }) : null,
        },
      };
    },
  });
}
