import {
  type Aggregate,
  type AggregateStore,
  type ChangeContext,
  ConcurrencyConflict,
  type NewEvent,
} from '@zhas/messaging';
import { problems } from '@zhas/service-kit';

/** Loads an aggregate or answers 404. */
export async function load<S extends Record<string, unknown>>(
  store: AggregateStore<S>,
  what: string,
  id: string,
): Promise<Aggregate<S>> {
  const aggregate = await store.get(id);
  if (!aggregate) throw problems.notFound(what, id);
  return aggregate;
}

/** The client edited `expected`; anything else is a stale edit (409). */
export function requireVersion(aggregate: Aggregate<unknown>, expected: number | undefined): void {
  if (expected !== undefined && expected !== aggregate.version)
    throw problems.staleVersion(expected, aggregate.version);
}

/** Saves a decided change; a concurrent change in between is a 409, and the client reloads and retries. */
export async function saveChange<S extends Record<string, unknown>>(
  store: AggregateStore<S>,
  aggregate: Aggregate<S>,
  state: S,
  events: readonly NewEvent[],
  context: ChangeContext,
): Promise<Aggregate<S>> {
  try {
    return await store.update(aggregate.id, aggregate.version, state, events, context);
  } catch (error) {
    if (error instanceof ConcurrencyConflict)
      throw problems.staleVersion(aggregate.version, error.actualVersion ?? aggregate.version);
    throw error;
  }
}

/** Creates an aggregate unless it exists; returns undefined when it already did (a retry or a redelivery). */
export async function createOnce<S extends Record<string, unknown>>(
  store: AggregateStore<S>,
  id: string,
  state: S,
  events: readonly NewEvent[],
  context: ChangeContext,
): Promise<Aggregate<S> | undefined> {
  try {
    return await store.create(id, state, events, context);
  } catch (error) {
    if (error instanceof ConcurrencyConflict) return undefined;
    throw error;
  }
}
