import { type Actor } from '@zhas/domain';
import { actHandler, changeHandler, created, once, pageHandler, readHandler, shown } from './handlers';

const actor: Actor = { subject: 'user-1', roles: ['coordinator'] };
const context = { name: 'the context' };
const aggregate = {
  id: 'p-1',
  version: 3,
  state: { id: 'p-1', title: 'Clean river' },
  createdAt: new Date('2026-12-01T00:00:00Z'),
  updatedAt: new Date('2026-12-02T00:00:00Z'),
};

describe('the handlers every service declares its routes with', () => {
  it('a change runs the command on the record the path names, with the body and request id, and shows the result', async () => {
    const calls: unknown[] = [];
    const handler = changeHandler(
      context,
      'projectId',
      (ctx, who, id, body: { note: string }, requestId) => {
        calls.push([ctx, who, id, body, requestId]);
        return Promise.resolve(aggregate);
      },
      created,
    );

    const answer = await handler({
      params: { projectId: 'p-1' },
      body: { note: 'hi' },
      principal: actor,
      requestId: 'req-9',
    });

    expect(calls).toEqual([[context, actor, 'p-1', { note: 'hi' }, 'req-9']]);
    expect(answer).toEqual({ status: 201, body: { id: 'p-1', title: 'Clean river', version: 3 } });
  });

  it('a read runs the read with the path parameter and answers what it found', async () => {
    const handler = readHandler(
      context,
      'trancheId',
      (_ctx, who, id) => Promise.resolve(`${who.subject}:${id}`),
      (found) => ({ status: 200 as const, body: { found } }),
    );
    await expect(handler({ params: { trancheId: 't-2' }, principal: actor })).resolves.toEqual({
      status: 200,
      body: { found: 'user-1:t-2' },
    });
  });

  it('a page shows each item with the view and keeps the cursor', async () => {
    const handler = pageHandler(
      context,
      (_ctx, _who, query: { region: string }) =>
        Promise.resolve({ items: [1, 2], nextCursor: `after-${query.region}` }),
      (item: number) => ({ n: item * 10 }),
    );
    await expect(handler({ query: { region: 'KZ-ALA' }, principal: actor })).resolves.toEqual({
      status: 200,
      body: { items: [{ n: 10 }, { n: 20 }], nextCursor: 'after-KZ-ALA' },
    });
  });

  it('once scopes the idempotent run by the act and the caller, with the params and body as its payload', async () => {
    const seen: unknown[] = [];
    const answer = await once(
      {
        idempotent: (request, operation) => {
          seen.push(request);
          return operation();
        },
      },
      'tranche-disburse',
      {
        principal: actor,
        headers: { 'Idempotency-Key': 'key-1' },
        params: { trancheId: 't-1' },
        body: { disbursedOn: '2026-12-01' },
      },
      () => Promise.resolve({ status: 200 }),
    );
    expect(answer).toEqual({ status: 200 });
    expect(seen).toEqual([
      {
        scope: 'tranche-disburse:user-1',
        key: 'key-1',
        payload: { params: { trancheId: 't-1' }, body: { disbursedOn: '2026-12-01' } },
      },
    ]);
  });

  it('an act runs the command on the record the path names, without a body, and its answer may show it per actor', async () => {
    const calls: unknown[] = [];
    const handler = actHandler(
      context,
      'teamId',
      (ctx, who, id, requestId) => {
        calls.push([ctx, who, id, requestId]);
        return Promise.resolve({ teamId: id, code: 'K7QXM2PA9F' });
      },
      (team, who) => shown({ ...team, code: who.roles.includes('applicant') ? team.code : null }),
    );

    const answer = await handler({ params: { teamId: 't-1' }, principal: actor, requestId: 'req-3' });

    expect(calls).toEqual([[context, actor, 't-1', 'req-3']]);
    expect(answer).toEqual({ status: 200, body: { teamId: 't-1', code: null } });
  });

  it('a page may show each item as the actor may see it', async () => {
    const handler = pageHandler(
      context,
      () => Promise.resolve({ items: ['a'], nextCursor: null }),
      (item: string, who) => `${item} for ${who.subject}`,
    );
    await expect(handler({ query: {}, principal: actor })).resolves.toEqual({
      status: 200,
      body: { items: ['a for user-1'], nextCursor: null },
    });
  });
});
