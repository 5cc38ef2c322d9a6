import { type AnyEventDefinition } from '@zhas/contracts';

/** An event a decision produced: which event, and its data (validated against the contract when it is saved). */
export interface NewEvent {
  readonly definition: AnyEventDefinition;
  readonly data: Record<string, unknown>;
}

/**
 * A rule refused a command. `code` is one of the service's error codes (a union per service, mapped to a problem
 * document by one table per service); `detail` is a sentence for people; `facts` are what a client may act on
 * (the window's dates, the missing criteria) and become members of the problem document.
 */
export interface DomainError<C extends string = string> {
  readonly code: C;
  readonly detail: string;
  readonly facts?: Readonly<Record<string, unknown>>;
}

/** The codes every service's union includes: handleCommand and the policies use them. */
export type CommonErrorCode = 'not-found' | 'forbidden';

/** The new state and the events that say what happened; both are saved in one write. */
export interface Change<S> {
  readonly kind: 'change';
  readonly state: S;
  readonly events: readonly NewEvent[];
}

/** The command asks for what is already so (a repeat): nothing is written. */
export interface NoChange {
  readonly kind: 'no-change';
}

export interface Refusal<E extends DomainError = DomainError> {
  readonly kind: 'refusal';
  readonly error: E;
}

/**
 * What a domain function decides about a command. Domain functions return it, never throw it, so that unit tests
 * assert refusals as values; `handleCommand` (in @zhas/messaging) saves a change and throws a refusal as `Refused`.
 */
export type Decision<S, E extends DomainError = DomainError> = Change<S> | NoChange | Refusal<E>;

export function change<S>(state: S, events: readonly NewEvent[] = []): Change<S> {
  return { kind: 'change', state, events };
}

export const noChange: NoChange = { kind: 'no-change' };

export function refuse<C extends string>(
  code: C,
  detail: string,
  facts?: Readonly<Record<string, unknown>>,
): Refusal<DomainError<C>> {
  return { kind: 'refusal', error: facts === undefined ? { code, detail } : { code, detail, facts } };
}

export function notFound(what: string, id?: string): Refusal<DomainError<'not-found'>> {
  return refuse('not-found', id === undefined ? `${what} not found.` : `${what} ${id} not found.`);
}

export function forbidden(detail: string): Refusal<DomainError<'forbidden'>> {
  return refuse('forbidden', detail);
}

/**
 * A refusal on its way out of a command: thrown by `handleCommand` and by command code that refuses before a
 * decision (`throw new Refused(notFound('Round', id))`). The HTTP layer turns it into a problem document with the
 * service's table of error codes.
 */
export class Refused<E extends DomainError = DomainError> extends Error {
  override readonly name = 'Refused';
  readonly error: E;
  constructor(refusal: Refusal<E>) {
    super(refusal.error.detail);
    this.error = refusal.error;
  }
}

/**
 * Throws a refusal as `Refused` and passes anything else through: a decision's change or no-change, or the
 * `undefined` of a check that allows (`unlessRefused(refuseRead(actor, bid))`).
 */
export function unlessRefused<T>(result: T): Exclude<T, Refusal> {
  if (isRefusal(result)) throw new Refused(result);
  return result as Exclude<T, Refusal>;
}

function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'refusal';
}

/** The change a decision made; anything else is an error (tests use it to read what was decided). */
export function changeOf<S>(decision: Decision<S, DomainError>): Change<S> {
  if (decision.kind !== 'change') throw new Error(`Expected a change, got ${describe(decision)}.`);
  return decision;
}

/** The domain error of a refusal; anything else is an error (tests use it to assert which rule refused). */
export function refusalOf(decision: { readonly kind: string } | undefined): DomainError {
  if (!isRefusal(decision)) throw new Error(`Expected a refusal, got ${describe(decision)}.`);
  return decision.error;
}

function describe(decision: { readonly kind: string } | undefined): string {
  if (decision === undefined) return 'no refusal';
  return isRefusal(decision)
    ? `a refusal (${decision.error.code}: ${decision.error.detail})`
    : `a ${decision.kind}`;
}
