import { type Actor } from '@zhas/domain';
import { type Aggregate } from '@zhas/messaging';
import { type IdempotentResult } from './idempotency';
import { type Page } from './pagination';

/*
 * How a route answers and the handlers of the usual shapes, written once for every service: a route declaration
 * names the command or read it runs and how its result is shown, and nothing else. The answer (or view) also
 * receives the actor, for a record shown differently to different people (a team's invitation code only to its
 * members); most answers ignore it.
 */

/** An aggregate as an API shows it: its state and the version a client sends back to change it. */
export const versioned = <S>({ state, version }: Aggregate<S>) => ({ ...state, version });

/** A 200 answer with the aggregate as the API shows it. */
export const ok = <S>(saved: Aggregate<S>) => ({ status: 200 as const, body: versioned(saved) });

/** A 201 answer with the aggregate just made, as the API shows it. */
export const created = <S>(saved: Aggregate<S>) => ({ status: 201 as const, body: versioned(saved) });

/** A 200 answer with a whole list (no paging). */
export const itemsOf = <T>(items: readonly T[]) => ({ status: 200 as const, body: { items } });

/** A page of a list, each item shown by `view`. */
export function pageOf<T, V>(found: Page<T>, view: (item: T) => V) {
  return { status: 200 as const, body: { items: found.items.map(view), nextCursor: found.nextCursor } };
}

/** What runs a command once per Idempotency-Key: the service's `deps.idempotent` (a `CommandContext` has it). */
export type IdempotentRunner = <R extends IdempotentResult>(
  request: { scope: string; key: string; payload: unknown },
  operation: () => Promise<R>,
) => Promise<R>;

interface KeyedRequest {
  readonly principal: { readonly subject: string };
  readonly headers: { readonly 'Idempotency-Key': string };
  readonly params: unknown;
  readonly body: unknown;
}

/**
 * Runs `run` once per caller and Idempotency-Key (scope `<act>:<subject>`): a retried request, with the same
 * params and body, gets the first answer.
 */
export function once<C extends KeyedRequest, R extends { status: number }>(
  { idempotent }: { readonly idempotent: IdempotentRunner },
  act: string,
  request: C,
  run: (request: C) => Promise<R>,
): Promise<R> {
  const { principal, headers, params, body } = request;
  return idempotent(
    { scope: `${act}:${principal.subject}`, key: headers['Idempotency-Key'], payload: { params, body } },
    () => run(request),
  );
}

/** The handler of a list read a page at a time: runs `list` with the request's query and shows each item with `view`. */
export function pageHandler<Ctx, Q, T, V>(
  context: Ctx,
  list: (context: Ctx, actor: Actor, query: Q) => Promise<Page<T>>,
  view: (item: T, actor: Actor) => V,
) {
  return async (request: { readonly query: Q; readonly principal: Actor }) =>
    pageOf(await list(context, request.principal, request.query), (item) => view(item, request.principal));
}

/** The handler of a read of what the path parameter `key` names: runs `read` and shows what it finds with `answer`. */
export function readHandler<Ctx, K extends string, R, A>(
  context: Ctx,
  key: K,
  read: (context: Ctx, actor: Actor, id: string) => Promise<R>,
  answer: (found: R, actor: Actor) => A,
) {
  return async (request: {
    readonly params: Readonly<Record<K, string>>;
    readonly principal: Actor;
  }): Promise<Awaited<A>> =>
    await answer(await read(context, request.principal, request.params[key]), request.principal);
}

/**
 * The handler of a person's change to the record named by the path parameter `key`: runs `command` with the request's
 * body and shows the record it returns with `answer`.
 */
export function changeHandler<Ctx, K extends string, B, R, A>(
  context: Ctx,
  key: K,
  command: (context: Ctx, actor: Actor, id: string, body: B, requestId: string) => Promise<R>,
  answer: (saved: R, actor: Actor) => A,
) {
  return async (request: {
    readonly params: Readonly<Record<K, string>>;
    readonly body: B;
    readonly principal: Actor;
    readonly requestId: string;
  }): Promise<Awaited<A>> =>
    await answer(
      await command(context, request.principal, request.params[key], request.body, request.requestId),
      request.principal,
    );
}

/**
 * The handler of a person's act on the record named by the path parameter `key` that carries no body (submit, form,
 * draw): runs `command` and shows what it returns with `answer`.
 */
export function actHandler<Ctx, K extends string, R, A>(
  context: Ctx,
  key: K,
  command: (context: Ctx, actor: Actor, id: string, requestId: string) => Promise<R>,
  answer: (saved: R, actor: Actor) => A,
) {
  return async (request: {
    readonly params: Readonly<Record<K, string>>;
    readonly principal: Actor;
    readonly requestId: string;
  }): Promise<Awaited<A>> =>
    await answer(
      await command(context, request.principal, request.params[key], request.requestId),
      request.principal,
    );
}

/** A 200 answer with what a read or command returned, as it is (a view it computed already). */
export const shown = <T>(body: T) => ({ status: 200 as const, body });

/** A 204 answer: the change is made and there is nothing to show (the actor's own draft, a declaration). */
export const noContent = () => ({ status: 204 as const });
