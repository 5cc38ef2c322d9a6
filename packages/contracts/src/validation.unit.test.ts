import { z } from 'zod';
import { ContractViolation, formatPath, issuesFromZod, unknownKeyPaths } from './validation';

describe('formatPath', () => {
  it('writes object keys with dots and array indexes in brackets', () => {
    expect(formatPath(['data', 'members', 0, 'participantId'])).toBe('data.members[0].participantId');
    expect(formatPath([0, 'a'])).toBe('[0].a');
    expect(formatPath([])).toBe('');
  });
});

describe('unknownKeyPaths', () => {
  const schema = z.object({
    a: z.string(),
    nested: z.object({ b: z.number() }).optional(),
    list: z.array(z.object({ c: z.boolean() })),
    choice: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('x') }),
      z.object({ kind: z.literal('y'), y: z.number() }),
    ]),
  });

  it('finds keys the schema dropped, at any depth, through arrays and unions', () => {
    const input = {
      a: 'a',
      extra: 1,
      nested: { b: 1, deeper: true },
      list: [{ c: true }, { c: false, d: 1 }],
      choice: { kind: 'x', y: 2 },
    };
    expect(unknownKeyPaths(input, schema.parse(input))).toEqual([
      'extra',
      'nested.deeper',
      'list[1].d',
      'choice.y',
    ]);
  });

  it('finds nothing when every key is known, and ignores undefined values', () => {
    const input = { a: 'a', list: [], choice: { kind: 'y', y: 1 }, ignored: undefined };
    expect(unknownKeyPaths(input, schema.parse(input))).toEqual([]);
  });
});

describe('ContractViolation', () => {
  it('names the type and every failing path in its message', () => {
    const error = z.object({ a: z.string() }).safeParse({ a: 1 }).error;
    if (!error) throw new Error('expected an error');
    const violation = new ContractViolation('x.y.z.v1', issuesFromZod(error, ['data']));
    expect(violation.message).toMatch(/^x\.y\.z\.v1 violates its contract: data\.a: /);
    expect(violation.issues).toMatchObject([{ path: 'data.a', code: 'invalid_type' }]);
  });
});
