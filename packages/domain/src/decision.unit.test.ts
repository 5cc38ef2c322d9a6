import {
  Refused,
  change,
  changeOf,
  forbidden,
  noChange,
  notFound,
  refusalOf,
  refuse,
  unlessRefused,
} from './decision';

describe('decisions', () => {
  it('are a change with its events, no change, or a refusal with a code', () => {
    expect(change({ n: 1 })).toEqual({ kind: 'change', state: { n: 1 }, events: [] });
    expect(refuse('team-full', 'A team has at most 5 members.', { maxSize: 5 })).toEqual({
      kind: 'refusal',
      error: { code: 'team-full', detail: 'A team has at most 5 members.', facts: { maxSize: 5 } },
    });
    expect(notFound('Bid', 'b-1').error).toEqual({ code: 'not-found', detail: 'Bid b-1 not found.' });
    expect(forbidden('No.').error.code).toBe('forbidden');
  });

  it('are read in tests by what they must be', () => {
    expect(changeOf(change({ n: 1 })).state).toEqual({ n: 1 });
    expect(() => changeOf(noChange)).toThrow('Expected a change, got a no-change.');
    expect(refusalOf(refuse('x', 'Because.'))).toEqual({ code: 'x', detail: 'Because.' });
    expect(() => refusalOf(undefined)).toThrow('Expected a refusal, got no refusal.');
  });

  it('throw a refusal as Refused at the edge, and let anything else through', () => {
    expect(unlessRefused(undefined)).toBeUndefined();
    expect(unlessRefused(noChange)).toBe(noChange);
    expect(() => unlessRefused(forbidden('Not yours.'))).toThrow(Refused);
    try {
      unlessRefused(refuse('round-closed', 'The round is closed.'));
    } catch (error) {
      expect(error).toMatchObject({
        name: 'Refused',
        message: 'The round is closed.',
        error: { code: 'round-closed' },
      });
    }
  });
});
