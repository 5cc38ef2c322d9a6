import { type Decision, type DomainError } from '@zhas/domain';
import { type Aggregate, type AggregateStore, auditOf } from './aggregate-store';
import { commandOptions, handleCommand } from './command';

/** A person's request to change one aggregate: who asks, what their change is recorded as, and the request's id. */
export interface ChangeRequest {
  readonly actor: Parameters<typeof auditOf>[0];
  /** The audit trail's code for the change, such as `bid.submitted`. */
  readonly action: string;
  readonly requestId: string;
  /** The version the client edited (expected-version mode); without it, a lost race is decided again. */
  readonly expectedVersion?: number;
}

/**
 * handleCommand for a person's request on an existing aggregate, on the service's clock: the change is recorded in
 * the aggregate's audit trail, and the answer is the aggregate after it (the saved one, or the loaded one when
 * nothing changed).
 */
export async function handleRequest<S extends Record<string, unknown>, E extends DomainError>(
  clock: { readonly now: () => Date },
  store: AggregateStore<S>,
  id: string,
  request: ChangeRequest,
  decide: (current: S, now: Date) => Decision<S, E> | Promise<Decision<S, E>>,
): Promise<Aggregate<S>> {
  const { actor, action, requestId, expectedVersion } = request;
  const options = commandOptions(clock, requestId, {
    audit: auditOf(actor, action),
    ...(expectedVersion === undefined ? {} : { expectedVersion }),
  });
  const { aggregate } = await handleCommand(store, id, decide, options);
  return aggregate;
}
