import { type Actor, Refused, forbidden, notFound, refuse } from '@zhas/domain';
import { handleCommand } from '@zhas/messaging';
import { type CompetitionsContext, commandOptions } from '../../shared/context';
import { readRound } from '../rounds/commands';
import { type RoundState } from '../rounds/domain';
import { applyOutcome, rankRegion, type RankingCandidate, refuseSelection } from './domain';
import { canConfirmSelection, canSeeRanking } from './policy';
import { type HostSelection, selectionIdOf } from './store';

export interface Ranking {
  readonly roundId: string;
  readonly region: string;
  readonly seats: number;
  readonly confirmed: boolean;
  readonly confirmedAt?: string;
  readonly outcomes: HostSelection['outcomes'];
  readonly unscored: readonly string[];
}

function confirmedRanking(selection: HostSelection): Ranking {
  const { roundId, region, seats, confirmedAt, outcomes } = selection;
  return { roundId, region, seats, confirmed: true, confirmedAt, outcomes, unscored: [] };
}

function seatsOf(content: NonNullable<RoundState['content']>, region: string): number {
  return content.rules.regionQuotas.find((quota) => quota.region === region)?.hostOrganizationSeats ?? 0;
}

async function candidates(
  app: CompetitionsContext,
  roundId: string,
  region: string,
): Promise<RankingCandidate[]> {
  const found = await app.applications.inRegion(roundId, region, [
    'eligible',
    'ineligible',
    'selected',
    'rejected',
  ]);
  return found.map(({ id, state }) => ({
    hostApplicationId: id,
    hostOrganizationId: state.hostOrganizationId,
    status: state.status,
    ...(state.submittedAt ? { submittedAt: state.submittedAt } : {}),
    ...(state.result ? { totalScore: state.result.totalScore } : {}),
  }));
}

/** The round's content when it runs in the region; otherwise the region of the round is not found. */
async function regionOfRound(app: CompetitionsContext, actor: Actor, roundId: string, region: string) {
  const round = await readRound(app, actor, roundId);
  const content = round.state.content;
  if (!content || !content.regions.includes(region as never))
    throw new Refused(notFound('Region of round', region));
  return { round, content };
}

/** The proposal (by score, ties to the earlier submission, up to the seats), or the confirmed selection. */
export async function ranking(app: CompetitionsContext, actor: Actor, roundId: string, region: string) {
  if (!canSeeRanking(actor, region))
    throw new Refused(forbidden(`Your access does not cover region ${region}.`));
  const { round, content } = await regionOfRound(app, actor, roundId, region);
  const confirmed = await app.selections.find(round.id, region);
  if (confirmed) return confirmedRanking(confirmed);
  const seats = seatsOf(content, region);
  const proposal = rankRegion(await candidates(app, round.id, region), seats);
  return { roundId: round.id, region, seats, confirmed: false, ...proposal };
}

/**
 * Confirms the region's selection: the outcomes are recorded first, as one document, then applied to each
 * application with its event. Confirming again finishes an interrupted confirmation and changes nothing else.
 */
export async function confirmSelection(
  app: CompetitionsContext,
  actor: Actor,
  roundId: string,
  region: string,
  requestId: string,
): Promise<{ readonly ranking: Ranking; readonly first: boolean }> {
  if (!canConfirmSelection(actor, region)) {
    throw new Refused(forbidden(`Your access does not cover region ${region}.`));
  }
  const round = await readRound(app, actor, roundId);
  const content = round.state.content;
  if (round.state.status !== 'published' || !content) {
    throw new Refused(
      refuse('round-not-open', `Round ${round.id} is ${round.state.status}.`, {
        roundStatus: round.state.status,
      }),
    );
  }
  await regionOfRound(app, actor, roundId, region);
  const existing = await app.selections.find(round.id, region);
  if (existing) {
    await applySelection(app, existing, requestId);
    return { ranking: confirmedRanking(existing), first: false };
  }
  const now = app.now();
  const seats = seatsOf(content, region);
  const proposal = rankRegion(await candidates(app, round.id, region), seats);
  const refused = refuseSelection(content, proposal.unscored, now);
  if (refused) throw new Refused(refused);
  const { selection, first } = await app.selections.record({
    _id: selectionIdOf(round.id, region),
    roundId: round.id,
    region: region as HostSelection['region'],
    seats,
    rulesVersion: round.state.rulesVersion,
    outcomes: proposal.outcomes,
    confirmedAt: now.toISOString(),
    confirmedBy: actor.subject,
  });
  await applySelection(app, selection, requestId);
  return { ranking: confirmedRanking(selection), first };
}

/** Applies each outcome once: already applied ones (or applications withdrawn meanwhile) are left alone. */
async function applySelection(app: CompetitionsContext, selection: HostSelection, requestId: string) {
  for (const outcome of selection.outcomes) {
    if (!(await app.applications.store.get(outcome.hostApplicationId))) continue;
    await handleCommand(
      app.applications.store,
      outcome.hostApplicationId,
      (application, now) => applyOutcome(application, outcome, now),
      commandOptions(app, requestId),
    );
  }
}

/** The selected organizations of a round by region and rank, with names and without BINs (public). */
export async function selectedOrganizations(
  app: CompetitionsContext,
  roundId: string,
  regions: readonly string[] | undefined,
) {
  await readRound(app, undefined, roundId);
  const confirmed = await app.selections.ofRound(roundId, regions);
  const all = confirmed.flatMap((selection) =>
    selection.outcomes
      .flatMap((outcome) => (outcome.outcome === 'selected' ? [{ selection, outcome }] : []))
      .sort((a, b) => a.outcome.rank - b.outcome.rank),
  );
  const names = await app.organizations.namesOf(all.map(({ outcome }) => outcome.hostOrganizationId));
  return all.map(({ selection, outcome }) => ({
    region: selection.region,
    rank: outcome.rank,
    hostOrganizationId: outcome.hostOrganizationId,
    name: names.get(outcome.hostOrganizationId) ?? '',
    totalScore: outcome.totalScore,
    hostApplicationId: outcome.hostApplicationId,
    confirmedAt: selection.confirmedAt,
  }));
}
