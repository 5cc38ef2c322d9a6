import { randomUUID } from 'node:crypto';
import { type Actor, Refused, notFound } from '@zhas/domain';
import { type Aggregate, auditOf, handleCommand } from '@zhas/messaging';
import { type PaginationQuery } from '@zhas/service-kit';
import { type CompetitionsContext, commandOptions } from '../../shared/context';
import * as domain from './domain';
import { type RoundDraft, type RoundOutcome, type RoundState, type RoundStatus } from './domain';
import { canSeeRound, visibleRoundStatuses } from './policy';

// Round commands name the version the coordinator edited: a stale one is refused, never overwritten.

type Round = Aggregate<RoundState>;

/** The round, when the actor may know it exists (drafts: coordinators only); otherwise not found. */
export async function readRound(
  app: CompetitionsContext,
  actor: Actor | undefined,
  roundId: string,
): Promise<Round> {
  const found = await app.rounds.store.get(roundId);
  if (!found || !canSeeRound(actor, found.state)) throw new Refused(notFound('Round', roundId));
  return found;
}

export async function createRound(
  app: CompetitionsContext,
  actor: Actor,
  draft: RoundDraft,
  requestId: string,
): Promise<Round> {
  const { aggregate } = await handleCommand(
    app.rounds.store,
    `rnd-${randomUUID()}`,
    () => domain.createRoundDraft(actor, draft),
    {
      ...commandOptions(app, requestId, { audit: auditOf(actor, 'round.created') }),
      create: true,
      expectedVersion: 0,
    },
  );
  return aggregate;
}

/** A new draft from an earlier round (its rules, a year later), to edit, check and publish. */
export async function copyRound(
  app: CompetitionsContext,
  actor: Actor,
  sourceId: string,
  requestId: string,
): Promise<Round> {
  const source = await readRound(app, actor, sourceId);
  const { aggregate } = await handleCommand(
    app.rounds.store,
    `rnd-${randomUUID()}`,
    () => domain.copyRound(actor, source.state),
    {
      ...commandOptions(app, requestId, { audit: auditOf(actor, 'round.copied') }),
      create: true,
      expectedVersion: 0,
    },
  );
  return aggregate;
}

/**
 * The checks publishing makes, without publishing: every failing field of the draft (an empty list when it may be
 * published now). A published round is checked as a revision would be.
 */
export async function checkRound(app: CompetitionsContext, actor: Actor, roundId: string) {
  const round = await readRound(app, actor, roundId);
  const checked = domain.validateRoundContent(round.state.draft, app.now(), roundId, {
    firstPublication: round.state.status === 'draft',
  });
  const errors =
    checked.kind === 'valid'
      ? []
      : ((checked.error.facts?.errors as { field: string; message: string; code?: string }[] | undefined) ?? [
          { field: '(round)', message: checked.error.detail },
        ]);
  return { valid: errors.length === 0, errors, version: round.version };
}

/** Loads the round as the actor may see it, then decides on the version they edited. */
async function changeRound(
  app: CompetitionsContext,
  actor: Actor,
  roundId: string,
  version: number,
  decide: (round: RoundState, now: Date) => domain.RoundDecision,
  requestId: string,
  action: string,
): Promise<Round> {
  await readRound(app, actor, roundId);
  const { aggregate } = await handleCommand(
    app.rounds.store,
    roundId,
    decide,
    commandOptions(app, requestId, { expectedVersion: version, audit: auditOf(actor, action) }),
  );
  return aggregate;
}

export function editRound(
  app: CompetitionsContext,
  actor: Actor,
  roundId: string,
  { version, ...patch }: RoundDraft & { readonly version: number },
  requestId: string,
) {
  return changeRound(
    app,
    actor,
    roundId,
    version,
    (round) => domain.editRoundDraft(actor, round, patch),
    requestId,
    'round.edited',
  );
}

export function publishRound(
  app: CompetitionsContext,
  actor: Actor,
  roundId: string,
  version: number,
  requestId: string,
) {
  return changeRound(
    app,
    actor,
    roundId,
    version,
    (round, now) => domain.publishRound(actor, round, roundId, now),
    requestId,
    'round.published',
  );
}

export function reviseRound(
  app: CompetitionsContext,
  actor: Actor,
  roundId: string,
  { version, ...content }: RoundDraft & { readonly version: number },
  requestId: string,
) {
  return changeRound(
    app,
    actor,
    roundId,
    version,
    (round, now) => domain.reviseRound(actor, round, roundId, content, now),
    requestId,
    'round.revised',
  );
}

export function closeRound(
  app: CompetitionsContext,
  actor: Actor,
  roundId: string,
  { version, outcome }: { readonly version: number; readonly outcome: RoundOutcome },
  requestId: string,
) {
  return changeRound(
    app,
    actor,
    roundId,
    version,
    (round, now) => domain.closeRound(actor, round, roundId, outcome, now),
    requestId,
    'round.closed',
  );
}

/** Newest first; drafts for coordinators only. */
export function listRounds(
  app: CompetitionsContext,
  actor: Actor,
  query: PaginationQuery & { status?: readonly RoundStatus[]; year?: number; region?: readonly string[] },
) {
  const visible = visibleRoundStatuses(actor);
  const statuses = query.status ? query.status.filter((status) => visible.includes(status)) : visible;
  return app.rounds.list({ statuses, year: query.year, regions: query.region }, query);
}
