import { deadLetterTopic, eventTopics, isService, services, topicFor } from './topics';

describe('topics', () => {
  it('gives each producing service one event topic', () => {
    expect(services.map((service) => topicFor(service))).toEqual([
      'zhas.competitions.events',
      'zhas.applications.events',
      'zhas.tracking.events',
      'zhas.reporting.events',
    ]);
    expect(services.map((service) => eventTopics[service])).toEqual(
      services.map((service) => topicFor(service)),
    );
  });

  it('prefixes topics for tests, with or without the trailing dot', () => {
    expect(topicFor('applications', 't123')).toBe('t123.zhas.applications.events');
    expect(topicFor('applications', 't123.')).toBe('t123.zhas.applications.events');
    expect(deadLetterTopic('tracking', 't123')).toBe('t123.zhas.tracking.dead-letter');
  });

  it('names a dead-letter topic per consuming service', () => {
    expect(deadLetterTopic('reporting')).toBe('zhas.reporting.dead-letter');
  });

  it('refuses a prefix Kafka would not accept', () => {
    expect(() => topicFor('tracking', 'bad prefix')).toThrow(RangeError);
    expect(() => topicFor('tracking', 'x'.repeat(240))).toThrow(RangeError);
  });

  it('recognises service names', () => {
    expect(isService('tracking')).toBe(true);
    expect(isService('payments')).toBe(false);
    expect(isService(undefined)).toBe(false);
  });
});
