import { type RoundOutcome } from '@zhas/contracts';
import { randomUUID } from 'node:crypto';
import { type Actor, Refused, notFound } from '@zhas/domain';
import { type Aggregate, auditOf, handleCommand, handleRequest } from '@zhas/messaging';
import { type PaginationQuery } from '@zhas/service-kit';
import { type CompetitionsContext, commandOptions } from '../../shared/context';
import * as domain from './domain';
import { type RoundDraft, type RoundState, type RoundStatus } from './domain';
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

/** What a change of a round decides on: who asks, the round as stored, and their input with the version they edited. */
interface RoundChange<Input> {
  readonly actor: Actor;
  readonly round: RoundState;
  readonly roundId: string;
  readonly input: Input;
  readonly now: Date;
}

/**
 * A change of a round: loads it as the actor may see it, decides on the version they edited and saves it with an
 * audit entry named `action`. The commands below differ only in what they decide.
 */
function roundChange<Input extends { readonly version: number }>(
  action: string,
  decide: (change: RoundChange<Input>) => domain.RoundDecision,
) {
  return async (
    app: CompetitionsContext,
    actor: Actor,
    roundId: string,
    input: Input,
    requestId: string,
  ): Promise<Round> => {
    await readRound(app, actor, roundId);
    const request = { actor, action, requestId, expectedVersion: input.version };
    return handleRequest(app, app.rounds.store, roundId, request, (round, now) =>
      decide({ actor, round, roundId, input, now }),
    );
  };
}

export const editRound = roundChange(
  'round.edited',
  ({ actor, round, input }: RoundChange<RoundDraft & { readonly version: number }>) => {
    const { version: _version, ...patch } = input;
    return domain.editRoundDraft(actor, round, patch);
  },
);

export const publishRound = roundChange('round.published', ({ actor, round, roundId, now }) =>
  domain.publishRound(actor, round, roundId, now),
);

export const reviseRound = roundChange(
  'round.revised',
  ({ actor, round, roundId, input, now }: RoundChange<RoundDraft & { readonly version: number }>) => {
    const { version: _version, ...content } = input;
    return domain.reviseRound(actor, round, roundId, content, now);
  },
);

export const closeRound = roundChange(
  'round.closed',
  ({
    actor,
    round,
    roundId,
    input,
    now,
  }: RoundChange<{ readonly version: number; readonly outcome: RoundOutcome }>) =>
    domain.closeRound(actor, round, roundId, input.outcome, now),
);

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
