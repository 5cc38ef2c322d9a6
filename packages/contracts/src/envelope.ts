import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { type DataSchema, type EventDefinition } from './define-event';
import { personalDataFindings } from './personal-data';
import { idSchema, instantSchema } from './primitives';
import { type ContractIssue, ContractViolation, issuesFromZod, unknownKeyIssues } from './validation';

/** '<service>.<aggregate>.<name>.v<version>': lowercase kebab-case segments, the version last. */
export const eventTypePattern = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.v[1-9][0-9]*$/;

/**
 * An event as it travels on Kafka: CloudEvents 1.0 attributes (JSON format, data inline) plus extensions, whose
 * names CloudEvents restricts to lowercase letters and digits. W3C trace context is not here: it travels in the
 * Kafka headers, so tracing works for any message and the event stays the same when replayed.
 */
export interface EventEnvelope<TType extends string = string, TData = unknown> {
  readonly specversion: '1.0';
  /** Unique per event; consumers use it to recognise a redelivery. */
  readonly id: string;
  /** 'zhas/<service>', the producing service. */
  readonly source: string;
  readonly type: TType;
  /** The aggregate id: also the Kafka message key, so one aggregate's events stay in order. */
  readonly subject: string;
  /** When the change happened, ISO 8601 UTC. */
  readonly time: string;
  readonly datacontenttype: 'application/json';
  /** The aggregate's kind, e.g. 'bid'. */
  readonly aggregatetype: string;
  /** The aggregate's version after this change: consumers upsert only when it is newer than what they hold. */
  readonly aggregateversion: number;
  /** Shared by everything one user action caused, across services. */
  readonly correlationid: string;
  /** The id of the event or request that caused this one. */
  readonly causationid?: string;
  readonly data: TData;
}

const traceIdSchema = z.string().min(1).max(200);

/**
 * The envelope's own attributes, data unchecked. Unknown attributes are ignored (stripped), since CloudEvents
 * lets producers add extensions and consumers must tolerate them.
 */
export const envelopeSchema = z.object({
  specversion: z.literal('1.0'),
  id: z.uuid(),
  source: z.string().regex(/^zhas\/[a-z][a-z0-9-]*$/, { message: "Expected 'zhas/<service>'" }),
  type: z.string().regex(eventTypePattern, { message: "Expected '<service>.<aggregate>.<name>.v<version>'" }),
  subject: idSchema,
  time: instantSchema,
  datacontenttype: z.literal('application/json'),
  aggregatetype: z.string().regex(/^[a-z][a-z0-9-]*$/),
  aggregateversion: z.int().positive(),
  correlationid: traceIdSchema,
  causationid: traceIdSchema.optional(),
  data: z.record(z.string(), z.unknown()),
});

/** What createEvent checks besides the time (taken from a Date) and the data (checked by the event's schema). */
const producedAttributesSchema = envelopeSchema.omit({ time: true, data: true });

export interface CreateEventInput<TData> {
  /** Defaults to a random UUID; pass one to make the event reproducible (e.g. derived from a command id). */
  readonly id?: string;
  readonly subject: string;
  readonly aggregateVersion: number;
  readonly data: TData;
  readonly correlationId: string;
  readonly causationId?: string;
  /** The clock is the caller's: domain code passes the time it decided at. */
  readonly time: Date;
}

/** The data field that must equal the subject, when the data has it as a string. */
export function subjectInData(
  definition: { readonly subjectKey: string },
  data: unknown,
): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const value: unknown = (data as Record<string, unknown>)[definition.subjectKey];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Builds an event for a producer. It is stricter than what consumers accept: unknown keys in data are rejected
 * (a typo would otherwise vanish silently), and so is anything that looks like personal data. Throws
 * ContractViolation naming every failing path.
 */
export function createEvent<TType extends string, TSchema extends DataSchema>(
  definition: EventDefinition<TType, TSchema>,
  input: CreateEventInput<z.input<TSchema>>,
): EventEnvelope<TType, z.output<TSchema>> {
  const issues: ContractIssue[] = [];
  const time = Number.isNaN(input.time.getTime()) ? undefined : input.time.toISOString();
  if (time === undefined) issues.push({ path: 'time', code: 'invalid_date', message: 'Invalid Date' });

  const attributes = producedAttributesSchema.safeParse({
    specversion: '1.0',
    id: input.id ?? randomUUID(),
    source: definition.source,
    type: definition.type,
    subject: input.subject,
    datacontenttype: 'application/json',
    aggregatetype: definition.aggregate,
    aggregateversion: input.aggregateVersion,
    correlationid: input.correlationId,
    causationid: input.causationId,
  });
  if (!attributes.success) issues.push(...issuesFromZod(attributes.error));

  const data = z.safeParse(definition.schema, input.data);
  if (data.success) {
    issues.push(...unknownKeyIssues(input.data, data.data, ['data']));
    if (subjectInData(definition, data.data) !== input.subject) {
      issues.push({
        path: 'subject',
        code: 'subject_mismatch',
        message: `The subject must equal data.${definition.subjectKey} (the aggregate id)`,
      });
    }
  } else {
    issues.push(...issuesFromZod(data.error, ['data']));
  }
  for (const finding of personalDataFindings(input.data, ['data'])) {
    issues.push({ path: finding.path, code: 'personal_data', message: finding.detail });
  }

  if (issues.length > 0 || !attributes.success || !data.success || time === undefined) {
    throw new ContractViolation(definition.type, issues);
  }
  const { causationid, ...attribute } = attributes.data;
  // Built attribute by attribute so that the JSON reads in the CloudEvents order.
  return {
    specversion: attribute.specversion,
    id: attribute.id,
    source: definition.source,
    type: definition.type,
    subject: attribute.subject,
    time,
    datacontenttype: attribute.datacontenttype,
    aggregatetype: attribute.aggregatetype,
    aggregateversion: attribute.aggregateversion,
    correlationid: attribute.correlationid,
    // Omitted rather than undefined, so the JSON on the wire and the object in memory agree.
    ...(causationid === undefined ? {} : { causationid }),
    data: data.data,
  };
}
