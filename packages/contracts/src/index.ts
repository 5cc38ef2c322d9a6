// The shared contracts of the platform's events: envelope, topics, every event's schema and their versions.
export {
  type AnyEventType,
  type AnyZhasEvent,
  type ApplicationsEvent,
  type Catalogue,
  catalogue,
  type CompetitionsEvent,
  createCatalogue,
  type DataOf,
  definitionOf,
  definitionsOf,
  eventDefinitions,
  type EventOfService,
  type EventOfType,
  eventTypes,
  isEventType,
  latestEventDefinitions,
  type ParsedEvent,
  parseEvent,
  type ReportingEvent,
  supersededEventDefinitions,
  type TrackingEvent,
  type ZhasEvent,
  type ZhasEventType,
} from './catalogue';
export {
  type AnyEventDefinition,
  type DataSchema,
  defineEvent,
  type EventDefinition,
  type EventSpec,
  type Upcaster,
} from './define-event';
export {
  createEvent,
  type CreateEventInput,
  envelopeSchema,
  type EventEnvelope,
  eventTypePattern,
} from './envelope';
export * from './events/applications';
export * from './events/competitions';
export * from './events/reporting';
export * from './events/tracking';
export { fixturePath, fixturesDir, fixtureTypes, readFixture } from './fixtures';
export {
  isPersonalFieldName,
  type PersonalDataFinding,
  type PersonalDataKind,
  personalDataFindings,
} from './personal-data';
export * from './primitives';
export {
  consumerGroup,
  deadLetterTopic,
  eventTopics,
  isService,
  type Service,
  services,
  topicFor,
} from './topics';
export { type ContractIssue, ContractViolation } from './validation';
export * from './vocabulary';
export { sampleRound2019 } from './samples';
