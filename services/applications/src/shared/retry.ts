import { type Aggregate, type AggregateStore, ConcurrencyConflict } from '@zhas/messaging';
import { problems } from '@zhas/service-kit';

/**
 * Runs a load-decide-save step again when another change won the race. Only for commands whose caller did not
 * state a version (a review, a lottery outcome): a client that edits a version it saw gets its 409 instead.
 */
export async function retryOnConflict<T>(step: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof ConcurrencyConflict) || attempt >= attempts) throw error;
    }
  }
}

/** Loads an aggregate or answers 404. */
export async function load<S extends Record<string, unknown>>(
  store: AggregateStore<S>,
  what: string,
  id: string,
): Promise<Aggregate<S>> {
  const found = await store.get(id);
  if (!found) throw problems.notFound(what, id);
  return found;
}

/** Saves a change the client made to the version it saw: a stale version is a 409, not a silent overwrite. */
export async function saveVersion<S extends Record<string, unknown>>(
  save: () => Promise<Aggregate<S>>,
): Promise<Aggregate<S>> {
  try {
    return await save();
  } catch (error) {
    if (error instanceof ConcurrencyConflict && error.expectedVersion !== undefined) {
      // A concurrent save of the same version may still be writing: the resource is at least one version on.
      const actual = error.actualVersion ?? error.expectedVersion;
      const current = actual === error.expectedVersion ? actual + 1 : actual;
      throw problems.staleVersion(error.expectedVersion, current);
    }
    throw error;
  }
}
