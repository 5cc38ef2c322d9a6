import { type z } from 'zod';
import { type AnyEventDefinition, type EventDefinition } from './define-event';
import { envelopeSchema, type EventEnvelope, subjectInData } from './envelope';
import {
  bidAwardedV1,
  bidDraftSavedV1,
  bidCheckFailedV1,
  bidCheckPassedV1,
  bidNotAwardedV1,
  bidNotQualifiedV1,
  bidQualifiedV1,
  bidReviewedV1,
  bidSubmittedV1,
  bidWithdrawnV1,
  lotteryDrawnV1,
  participantProfileUpdatedV1,
  participantRegisteredV1,
  participantRegisteredV2,
  teamChangedV1,
  teamFormedV1,
  teamHostOrganizationConfirmedV1,
  teamHostOrganizationDeclinedV1,
  teamMemberInvitedV1,
} from './events/applications';
import {
  hostApplicationEligibilityDecidedV1,
  hostApplicationRejectedV1,
  hostApplicationScoredV1,
  hostApplicationSelectedV1,
  hostApplicationSubmittedV1,
  hostApplicationWithdrawnV1,
  roundClosedV1,
  roundPublishedV1,
  roundRulesRevisedV1,
} from './events/competitions';
import { indicatorSnapshotPublishedV1 } from './events/reporting';
import {
  agreementSignedV1,
  grievanceAssignedV1,
  grievanceLodgedV1,
  grievanceResolvedV1,
  mentorAssignedV1,
  mentorProfileUpdatedV1,
  mentorRegisteredV1,
  mentorUnassignedV1,
  projectCompletedV1,
  projectFollowUpRecordedV1,
  projectMemberExitedV1,
  projectOpenedV1,
  projectTerminatedV1,
  recoveryOpenedV1,
  recoverySettledV1,
  reportAcceptedV1,
  reportReturnedV1,
  reportSubmittedV1,
  stipendPaidV1,
  stipendPayableV1,
  surveyRecordedV1,
  tranchePayableV1,
  trancheDisbursedV1,
} from './events/tracking';
import { type Service } from './topics';
import { type ContractIssue, issuesFromZod } from './validation';

/** The latest version of every event: what producers write and what consumers receive from parseEvent. */
export const latestEventDefinitions = [
  // competitions
  roundPublishedV1,
  roundRulesRevisedV1,
  roundClosedV1,
  hostApplicationSubmittedV1,
  hostApplicationWithdrawnV1,
  hostApplicationEligibilityDecidedV1,
  hostApplicationScoredV1,
  hostApplicationSelectedV1,
  hostApplicationRejectedV1,
  // applications
  participantRegisteredV2,
  participantProfileUpdatedV1,
  teamFormedV1,
  teamChangedV1,
  teamHostOrganizationConfirmedV1,
  teamHostOrganizationDeclinedV1,
  teamMemberInvitedV1,
  bidDraftSavedV1,
  bidSubmittedV1,
  bidCheckFailedV1,
  bidCheckPassedV1,
  bidReviewedV1,
  bidQualifiedV1,
  bidNotQualifiedV1,
  lotteryDrawnV1,
  bidAwardedV1,
  bidNotAwardedV1,
  bidWithdrawnV1,
  // tracking
  projectOpenedV1,
  agreementSignedV1,
  tranchePayableV1,
  trancheDisbursedV1,
  reportSubmittedV1,
  reportAcceptedV1,
  reportReturnedV1,
  stipendPayableV1,
  stipendPaidV1,
  surveyRecordedV1,
  projectMemberExitedV1,
  recoveryOpenedV1,
  recoverySettledV1,
  projectCompletedV1,
  projectTerminatedV1,
  projectFollowUpRecordedV1,
  grievanceLodgedV1,
  grievanceAssignedV1,
  grievanceResolvedV1,
  mentorRegisteredV1,
  mentorProfileUpdatedV1,
  mentorAssignedV1,
  mentorUnassignedV1,
  // reporting
  indicatorSnapshotPublishedV1,
] as const;

/** Older versions still found on the topics (they keep their history): parsed, then upcast to the latest. */
export const supersededEventDefinitions = [participantRegisteredV1] as const;

/** Every version of every event. */
export const eventDefinitions: readonly AnyEventDefinition[] = [
  ...latestEventDefinitions,
  ...supersededEventDefinitions,
];

type LatestDefinition = (typeof latestEventDefinitions)[number];
type AnyDefinition = LatestDefinition | (typeof supersededEventDefinitions)[number];
type EnvelopeOf<TDefinition> =
  TDefinition extends EventDefinition<infer TType, infer TSchema>
    ? EventEnvelope<TType, z.output<TSchema>>
    : never;

/** Every event a consumer can receive, discriminated by `type`: switch on it exhaustively. */
export type ZhasEvent = EnvelopeOf<LatestDefinition>;
export type ZhasEventType = ZhasEvent['type'];
/** Every version of every event, superseded ones included (what may be on a topic before upcasting). */
export type AnyZhasEvent = EnvelopeOf<AnyDefinition>;
export type AnyEventType = AnyZhasEvent['type'];

/** The envelope of one event type: EventOfType<'applications.bid.submitted.v1'>. */
export type EventOfType<TType extends AnyEventType> = Extract<AnyZhasEvent, { type: TType }>;
/** The data of one event type: DataOf<'applications.bid.submitted.v1'>. */
export type DataOf<TType extends AnyEventType> = EventOfType<TType>['data'];

export type EventOfService<TService extends Service> = Extract<ZhasEvent, { type: `${TService}.${string}` }>;
export type CompetitionsEvent = EventOfService<'competitions'>;
export type ApplicationsEvent = EventOfService<'applications'>;
export type TrackingEvent = EventOfService<'tracking'>;
export type ReportingEvent = EventOfService<'reporting'>;

/** The outcome of reading a message; consumers switch on `kind`. */
export type ParsedEvent<TEvent extends EventEnvelope = ZhasEvent> =
  | {
      readonly kind: 'event';
      /** Always of the latest version. */
      readonly event: TEvent;
      /** The type as written, older than event.type when the event was upcast. */
      readonly receivedType: string;
    }
  | {
      /**
       * A well-formed envelope of a type this build does not know: consumers log it and skip it. When the type is
       * a newer version of a known event (newerThanKnown), the consumer is out of date and should dead-letter it
       * instead, so the event can be replayed after an upgrade.
       */
      readonly kind: 'unknown';
      readonly type: string;
      readonly id: string;
      readonly newerThanKnown: boolean;
    }
  | {
      /** Not a valid event: the consumer dead-letters it with these issues. */
      readonly kind: 'invalid';
      readonly type: string | undefined;
      readonly id: string | undefined;
      readonly issues: readonly ContractIssue[];
    };

/** A set of event definitions, indexed, with the consumer's parser. */
export interface Catalogue {
  readonly definitions: readonly AnyEventDefinition[];
  /** One per event family, the highest version. */
  readonly latest: readonly AnyEventDefinition[];
  definitionOf(type: string): AnyEventDefinition | undefined;
  parse(raw: unknown): ParsedEvent<EventEnvelope<string, Record<string, unknown>>>;
}

function familyOf(type: string): string {
  return type.replace(/\.v\d+$/, '');
}

function versionOf(type: string): number {
  return Number(/\.v(\d+)$/.exec(type)?.[1] ?? 0);
}

function stringAttribute(raw: unknown, key: string): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const value: unknown = (raw as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

function upcastTo(
  next: AnyEventDefinition,
  data: Record<string, unknown>,
): { success: true; data: Record<string, unknown> } | { success: false; issues: ContractIssue[] } {
  const failed = (message: string) => ({
    success: false as const,
    issues: [{ path: 'data', code: 'upcast_failed', message: `Upcasting to ${next.type}: ${message}` }],
  });
  if (!next.upcaster) return failed('no upcaster');
  let upcast: unknown;
  try {
    upcast = next.upcaster.upcast(data);
  } catch (error) {
    return failed(error instanceof Error ? error.message : String(error));
  }
  const result = next.schema.safeParse(upcast);
  if (!result.success) {
    return failed(
      issuesFromZod(result.error, ['data'])
        .map((issue) => `${issue.path}: ${issue.message}`)
        .join('; '),
    );
  }
  return { success: true, data: result.data };
}

/**
 * Indexes definitions and checks that they form complete version chains (1, 2, ... each with its upcaster), so a
 * broken catalogue fails when the module loads rather than when an old event arrives.
 */
export function createCatalogue(definitions: readonly AnyEventDefinition[]): Catalogue {
  const byType = new Map<string, AnyEventDefinition>();
  const latestByFamily = new Map<string, AnyEventDefinition>();
  for (const definition of definitions) {
    if (byType.has(definition.type)) throw new Error(`${definition.type} is defined twice`);
    byType.set(definition.type, definition);
    const latest = latestByFamily.get(definition.family);
    if (!latest || latest.version < definition.version) latestByFamily.set(definition.family, definition);
  }
  for (const latest of latestByFamily.values()) {
    for (let version = 1; version <= latest.version; version++) {
      const definition = byType.get(`${latest.family}.v${version}`);
      if (!definition) throw new Error(`${latest.family}.v${version} is missing from the catalogue`);
      if (version > 1 && definition.upcaster?.fromType !== `${latest.family}.v${version - 1}`) {
        throw new Error(`${definition.type} does not upcast from version ${version - 1}`);
      }
    }
  }

  const parse = (raw: unknown): ParsedEvent<EventEnvelope<string, Record<string, unknown>>> => {
    const envelope = envelopeSchema.safeParse(raw);
    if (!envelope.success) {
      return {
        kind: 'invalid',
        type: stringAttribute(raw, 'type'),
        id: stringAttribute(raw, 'id'),
        issues: issuesFromZod(envelope.error),
      };
    }
    const { data: rawData, ...attributes } = envelope.data;
    const { type, id } = attributes;
    const invalid = (issues: readonly ContractIssue[]) => ({ kind: 'invalid' as const, type, id, issues });

    const definition = byType.get(type);
    if (!definition) {
      const latest = latestByFamily.get(familyOf(type));
      return {
        kind: 'unknown',
        type,
        id,
        newerThanKnown: latest !== undefined && versionOf(type) > latest.version,
      };
    }

    const issues: ContractIssue[] = [];
    if (attributes.source !== definition.source) {
      issues.push({
        path: 'source',
        code: 'source_mismatch',
        message: `${type} comes from ${definition.source}`,
      });
    }
    if (attributes.aggregatetype !== definition.aggregate) {
      issues.push({
        path: 'aggregatetype',
        code: 'aggregate_mismatch',
        message: `${type} is about a ${definition.aggregate}`,
      });
    }
    const parsed = definition.schema.safeParse(rawData);
    if (!parsed.success) return invalid([...issues, ...issuesFromZod(parsed.error, ['data'])]);
    if (subjectInData(definition, parsed.data) !== attributes.subject) {
      issues.push({
        path: 'subject',
        code: 'subject_mismatch',
        message: `The subject must equal data.${definition.subjectKey} (the aggregate id)`,
      });
    }
    if (issues.length > 0) return invalid(issues);

    let current = definition;
    let data = parsed.data;
    for (;;) {
      const next = byType.get(`${current.family}.v${current.version + 1}`);
      if (!next) break;
      const upcast = upcastTo(next, data);
      if (!upcast.success) return invalid(upcast.issues);
      current = next;
      data = upcast.data;
    }
    return { kind: 'event', event: { ...attributes, type: current.type, data }, receivedType: type };
  };

  return {
    definitions,
    latest: [...latestByFamily.values()],
    definitionOf: (type) => byType.get(type),
    parse,
  };
}

/** The platform's catalogue: every event of docs/architecture.md, "The grant cycle" and "Services". */
export const catalogue = createCatalogue(eventDefinitions);

/** The latest event types, in catalogue order. */
export const eventTypes: readonly ZhasEventType[] = latestEventDefinitions.map(
  (definition) => definition.type,
);

export function definitionOf(type: string): AnyEventDefinition | undefined {
  return catalogue.definitionOf(type);
}

/** The latest definitions a service publishes, i.e. the event types on its topic. */
export function definitionsOf(service: Service): AnyEventDefinition[] {
  return latestEventDefinitions.filter((definition) => definition.service === service);
}

export function isEventType(value: unknown): value is ZhasEventType {
  return typeof value === 'string' && (eventTypes as readonly string[]).includes(value);
}

/**
 * Reads an event as a consumer: checks the envelope and the data against the catalogue, then upcasts an older
 * version to the latest. Tolerant where the producer may have moved on (unknown keys are dropped, unknown types
 * reported), strict everywhere else. Never throws.
 */
export function parseEvent(raw: unknown): ParsedEvent {
  // The cast restates what the catalogue checked: the data matches the schema of the (latest) event type.
  return catalogue.parse(raw) as ParsedEvent;
}
