import { type Actor } from '@zhas/domain';
import { type Aggregate } from '@zhas/messaging';
import { type Page } from '@zhas/service-kit';
import { type Tracking } from './context';

// How tracking's routes answer: one way to show an aggregate, a list or a page of them, and a create that may be
// retried.

/** An aggregate as the API shows it: its state and the version a client sends back to change it. */
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

interface KeyedRequest {
  readonly principal: { readonly subject: string };
  readonly headers: { readonly 'Idempotency-Key': string };
  readonly params: unknown;
  readonly body: unknown;
}

/**
 * Runs `act` once per caller and Idempotency-Key (scope `<act>:<subject>`): a retried request, with the same
 * params and body, gets the first answer.
 */
export function once<C extends KeyedRequest, R extends { status: number }>(
  tracking: Tracking,
  act: string,
  request: C,
  run: (request: C) => Promise<R>,
): Promise<R> {
  const { principal, headers, params, body } = request;
  return tracking.deps.idempotent(
    { scope: `${act}:${principal.subject}`, key: headers['Idempotency-Key'], payload: { params, body } },
    () => run(request),
  );
}

/** The handler of a list read a page at a time: runs `list` with the request's query and shows each item with `view`. */
export function pageHandler<Q, T, V>(
  tracking: Tracking,
  list: (tracking: Tracking, actor: Actor, query: Q) => Promise<Page<T>>,
  view: (item: T) => V,
) {
  return async (request: { readonly query: Q; readonly principal: Actor }) =>
    pageOf(await list(tracking, request.principal, request.query), view);
}

/** The handler of a read of what the path parameter `key` names: runs `read` and shows what it finds with `answer`. */
export function readHandler<K extends string, R, A>(
  tracking: Tracking,
  key: K,
  read: (tracking: Tracking, actor: Actor, id: string) => Promise<R>,
  answer: (found: R) => A,
) {
  return async (request: {
    readonly params: Readonly<Record<K, string>>;
    readonly principal: Actor;
  }): Promise<Awaited<A>> => await answer(await read(tracking, request.principal, request.params[key]));
}

/**
 * The handler of a person's change to the record named by the path parameter `key`: runs `command` with the request's
 * body and shows the record it returns with `answer`.
 */
export function changeHandler<K extends string, B, R, A>(
  tracking: Tracking,
  key: K,
  command: (tracking: Tracking, actor: Actor, id: string, body: B, requestId: string) => Promise<R>,
  answer: (saved: R) => A,
) {
  return async (request: {
    readonly params: Readonly<Record<K, string>>;
    readonly body: B;
    readonly principal: Actor;
    readonly requestId: string;
  }): Promise<Awaited<A>> => {
    const saved = await command(
      tracking,
      request.principal,
      request.params[key],
      request.body,
      request.requestId,
    );
    return await answer(saved);
  };
}
