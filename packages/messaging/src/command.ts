import { type Decision, type DomainError, type NewEvent, Refused, notFound } from '@zhas/domain';
import { type Aggregate, type AggregateStore, type AuditInput, ConcurrencyConflict } from './aggregate-store';

/**
 * How a command meets a concurrent change (docs/architecture.md, "Handling a command"):
 *
 * - **expected version**: the client edited the version it saw (`expectedVersion`); if the aggregate is at another
 *   one, the command fails with `ConcurrencyConflict` (unless the decision on the current state is a refusal, which
 *   wins) and the client reloads. `expectedVersion: 0` with
 *   `create` means "only if it does not exist yet".
 * - **retry on conflict** (no `expectedVersion`): the command states no version (a review, a lottery outcome, an
 *   event handler); when another change wins the race, it is loaded and decided again, up to `attempts` times.
 */
export interface CommandOptions {
  readonly correlationId: string;
  /** The id of the request or event that caused the command, when it is not the correlation id. */
  readonly causationId?: string;
  /** The clock, read once per attempt: the decision and its events carry that instant. */
  readonly now: () => Date;
  readonly expectedVersion?: number;
  /** Attempts in retry-on-conflict mode (default 5). */
  readonly attempts?: number;
  /** A person's action: the change is recorded in the aggregate's audit trail (who, what, when). */
  readonly audit?: AuditInput;
}

/**
 * handleCommand's options for a command caused by a request (its id as the correlation), or by an event (pass the
 * event's id as `causationId`), on the service's clock.
 */
export function commandOptions(
  clock: { readonly now: () => Date },
  correlationId: string,
  more: Partial<Omit<CommandOptions, 'correlationId' | 'now'>> = {},
): CommandOptions {
  return { correlationId, now: clock.now, ...more };
}

/** A command that may create the aggregate: `decide` is also called when it does not exist. */
export interface CreateOptions extends CommandOptions {
  readonly create: true;
}

/** What `decide` is given: the current state, or also `undefined` for a command that may create the aggregate. */
type Current<S, O> = O extends { readonly create: true } ? S | undefined : S;

export interface CommandResult<S> {
  /** The aggregate after the command: the saved one, or the loaded one when nothing changed. */
  readonly aggregate: Aggregate<S>;
  /** False when the decision was "no change" (a repeat), so nothing was written. */
  readonly changed: boolean;
  readonly events: readonly NewEvent[];
}

const DEFAULT_ATTEMPTS = 5;

/**
 * The one way a command changes an aggregate: load it, let `decide` (pure domain code, given the current state and
 * the time) choose a change, no change or a refusal, and save the change with its events in one version-guarded
 * write. A refusal is thrown as `Refused` (the HTTP layer maps its code to a problem document); a lost race is
 * retried or thrown as `ConcurrencyConflict` (one 409 problem), by the mode in `options`.
 *
 * Without `create`, a missing aggregate is refused as `not-found` ("Bid b-1 not found."); with it, `decide` gets
 * `undefined` and may create it.
 */
export async function handleCommand<
  S extends Record<string, unknown>,
  E extends DomainError,
  O extends CommandOptions | CreateOptions,
>(
  store: AggregateStore<S>,
  id: string,
  decide: (current: Current<S, O>, now: Date) => Decision<S, E> | Promise<Decision<S, E>>,
  options: O,
): Promise<CommandResult<S>> {
  const attempts = options.expectedVersion === undefined ? (options.attempts ?? DEFAULT_ATTEMPTS) : 1;
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptCommand(store, id, decide, options);
    } catch (error) {
      if (!(error instanceof ConcurrencyConflict) || attempt >= attempts) throw error;
    }
  }
}

async function attemptCommand<
  S extends Record<string, unknown>,
  E extends DomainError,
  O extends CommandOptions | CreateOptions,
>(
  store: AggregateStore<S>,
  id: string,
  decide: (current: Current<S, O>, now: Date) => Decision<S, E> | Promise<Decision<S, E>>,
  options: O,
): Promise<CommandResult<S>> {
  const creates = 'create' in options && options.create;
  const contextAt = (now: Date) => ({
    correlationId: options.correlationId,
    ...(options.causationId === undefined ? {} : { causationId: options.causationId }),
    ...(options.audit === undefined ? {} : { audit: options.audit }),
    now,
  });
  if (creates && options.expectedVersion === 0) {
    // "Only if it does not exist yet" (a new id, mostly): decided as new and inserted without reading first. If it
    // exists after all, the insert is refused and the command is decided on it below, as if it had been read.
    const now = options.now();
    const decision = await decide(undefined as Current<S, O>, now);
    if (decision.kind === 'change') {
      try {
        const aggregate = await store.create(id, decision.state, decision.events, contextAt(now));
        return { aggregate, changed: true, events: decision.events };
      } catch (error) {
        if (!(error instanceof ConcurrencyConflict)) throw error;
      }
    }
  }
  const loaded = await store.load(id);
  const current = loaded?.aggregate;
  const missing = () => new Refused(notFound(nameOf(store.aggregateType), id));
  if (!current && !creates) throw missing();
  const now = options.now();
  // Without `create`, `current` is known to exist here.
  const decision = await decide(current?.state as Current<S, O>, now);
  // A refusal comes first, decided on the state as it is: who may not act learns nothing about versions.
  if (decision.kind === 'refusal') throw new Refused(decision);
  const { expectedVersion } = options;
  if (expectedVersion !== undefined && (current?.version ?? 0) !== expectedVersion) {
    throw new ConcurrencyConflict(id, expectedVersion, current?.version);
  }
  if (decision.kind === 'no-change') {
    // Deciding to create nothing leaves nothing to answer with: as if it had not been found.
    if (!current) throw missing();
    return { aggregate: current, changed: false, events: [] };
  }
  const aggregate = current
    ? await store.update(id, current.version, decision.state, decision.events, contextAt(now), loaded)
    : await store.create(id, decision.state, decision.events, contextAt(now));
  return { aggregate, changed: true, events: decision.events };
}

/** 'bid' gives 'Bid', for "Bid b-1 not found." */
function nameOf(aggregateType: string): string {
  return aggregateType.charAt(0).toUpperCase() + aggregateType.slice(1);
}
