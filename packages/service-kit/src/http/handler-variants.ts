import { type Actor } from '@zhas/domain';

/*
 * Variants of the handlers in handlers.ts for the shapes they leave out; each is built on them, so a route still
 * names the command it runs and how its result is shown, and nothing else.
 */

/**
 * A handler whose answer depends on who asks (a view that shows each role what it may see of a record): `handlerOf`
 * makes the handler for the caller of each request, e.g.
 * `forCaller((caller) => readHandler(app, 'id', commands.read, (found) => answerFor(found, caller)))`.
 */
export function forCaller<R extends { readonly principal: Actor }, A>(
  handlerOf: (caller: Actor) => (request: R) => A,
): (request: R) => A {
  return (request) => handlerOf(request.principal)(request);
}

/** A 200 answer with what a read returned, as it is (a read that builds the view itself: a check, a ranking, a table). */
export const asIs = <T>(body: T) => ({ status: 200 as const, body });
