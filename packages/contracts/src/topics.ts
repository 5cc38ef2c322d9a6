/** The services of the platform, which are also the producers of event topics. */
export const services = ['competitions', 'applications', 'tracking', 'reporting'] as const;
export type Service = (typeof services)[number];

export function isService(value: unknown): value is Service {
  return typeof value === 'string' && (services as readonly string[]).includes(value);
}

/** The event topic of each producing service, without a prefix. */
export const eventTopics = {
  competitions: 'zhas.competitions.events',
  applications: 'zhas.applications.events',
  tracking: 'zhas.tracking.events',
  reporting: 'zhas.reporting.events',
} as const satisfies Record<Service, string>;

// Kafka's own limits for topic names; a prefix outside them would fail only when the topic is first created.
const legalTopicName = /^[A-Za-z0-9._-]{1,249}$/;

/**
 * A prefix isolates topics (tests use 't123'): 't123' and 't123.' both give 't123.zhas...', so callers need not
 * care about the separator.
 */
function withPrefix(prefix: string, name: string): string {
  if (prefix === '') return name;
  const full = prefix.endsWith('.') ? `${prefix}${name}` : `${prefix}.${name}`;
  if (!legalTopicName.test(full)) {
    throw new RangeError(`Topic prefix '${prefix}' makes an illegal Kafka topic name`);
  }
  return full;
}

/** The topic a service publishes its events to, keyed by aggregate id: e.g. 'zhas.applications.events'. */
export function topicFor(service: Service, prefix = ''): string {
  return withPrefix(prefix, eventTopics[service]);
}

/**
 * The consumer group a service reads the other services' topics with: '<prefix>.<service>', or the service's name
 * without a prefix. Reporting reads the group's offsets to tell how far its read models are.
 */
export function consumerGroup(service: Service, prefix = ''): string {
  return prefix ? `${prefix}.${service}` : service;
}

/** Where a consuming service parks messages it could not process after its retries: 'zhas.<service>.dead-letter'. */
export function deadLetterTopic(service: Service, prefix = ''): string {
  return withPrefix(prefix, `zhas.${service}.dead-letter`);
}
