import * as contracts from './index';

describe('the public API', () => {
  it('exposes the producer, consumer and test helpers', () => {
    for (const name of [
      'createEvent',
      'parseEvent',
      'defineEvent',
      'createCatalogue',
      'topicFor',
      'deadLetterTopic',
      'personalDataFindings',
      'readFixture',
      'ContractViolation',
    ] as const) {
      expect(typeof contracts[name]).toBe('function');
    }
  });

  it('exposes every definition under its own name', () => {
    const exported = new Set<unknown>(Object.values(contracts));
    for (const definition of contracts.eventDefinitions) expect(exported.has(definition)).toBe(true);
  });

  it('reads the fixtures of other packages’ consumer tests', () => {
    const result = contracts.parseEvent(contracts.readFixture('tracking.stipend.paid.v1'));
    expect(result.kind).toBe('event');
    expect(contracts.fixtureTypes()).toContain('tracking.stipend.paid.v1');
  });
});
