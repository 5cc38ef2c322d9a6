import fc from 'fast-check';
import { z } from 'zod';
import { HttpProblem } from './problem';
import {
  decodeCursor,
  encodeCursor,
  page,
  paginatedResponse,
  paginationQuery,
  queryList,
} from './pagination';

const position = z.object({ after: z.string(), submittedAt: z.number().int() });

function problemOf(action: () => unknown): HttpProblem {
  try {
    action();
  } catch (error) {
    if (error instanceof HttpProblem) return error;
    throw error;
  }
  throw new Error('expected a problem');
}

describe('cursors', () => {
  it('round-trip any position', () => {
    fc.assert(
      fc.property(fc.record({ after: fc.string(), submittedAt: fc.integer() }), (value) => {
        const cursor = encodeCursor(value);
        expect(cursor).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(decodeCursor(cursor, position)).toEqual(value);
      }),
    );
  });

  it('an absent cursor is the first page', () => {
    expect(decodeCursor(undefined, position)).toBeUndefined();
  });

  it.each([
    ['not base64url', 'a+b/c='],
    ['not JSON', Buffer.from('{oops', 'utf8').toString('base64url')],
    ['another shape', encodeCursor({ offset: 3 })],
    ['empty', ''],
  ])('a cursor that is %s is a 400 naming query.cursor', (_what, cursor) => {
    const problem = problemOf(() => decodeCursor(cursor, position));
    expect(problem.status).toBe(400);
    expect(problem.toDocument()).toMatchObject({
      type: '/problems/validation',
      errors: [{ field: 'query.cursor', message: expect.stringContaining('malformed') as unknown }],
    });
  });
});

describe('paginationQuery', () => {
  it('defaults the limit to 20 and coerces query strings', () => {
    expect(paginationQuery.parse({})).toEqual({ limit: 20 });
    expect(paginationQuery.parse({ limit: '50', cursor: 'abc' })).toEqual({ limit: 50, cursor: 'abc' });
  });

  it.each(['0', '101', '2.5', 'ten'])('rejects limit=%s', (limit) => {
    const result = paginationQuery.safeParse({ limit });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['limit']);
  });
});

describe('page', () => {
  it('has the shape its schema describes', () => {
    const schema = paginatedResponse(z.object({ id: z.string() }));
    expect(schema.parse(page([{ id: 'a' }], encodeCursor({ after: 'a' })))).toEqual({
      items: [{ id: 'a' }],
      nextCursor: expect.any(String) as unknown,
    });
    expect(schema.parse(page([], null))).toEqual({ items: [], nextCursor: null });
  });
});

describe('queryList', () => {
  const regions = queryList(z.enum(['almaty', 'astana', 'abai']));

  it('accepts repeated and comma-separated values', () => {
    expect(regions.parse('almaty')).toEqual(['almaty']);
    expect(regions.parse('almaty, astana')).toEqual(['almaty', 'astana']);
    expect(regions.parse(['almaty', 'astana,abai'])).toEqual(['almaty', 'astana', 'abai']);
  });

  it('names the failing entry', () => {
    const result = regions.safeParse('almaty,atlantis');
    expect(result.error?.issues[0]?.path).toEqual([1]);
  });

  it('can be optional', () => {
    expect(z.object({ region: regions.optional() }).parse({})).toEqual({});
  });
});
