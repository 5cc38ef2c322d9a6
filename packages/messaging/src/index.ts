export { createKafka, kafkaHealthCheck } from './kafka';
export { ensureTopics, replicationFor } from './topics';
export type { TopicSpec } from './topics';
export { AggregateStore, auditOf, ConcurrencyConflict, ensureOutboxIndex } from './aggregate-store';
export { commandOptions, handleCommand } from './command';
export type { CommandOptions, CommandResult, CreateOptions } from './command';
export { handleRequest } from './request';
export type { ChangeRequest } from './request';
export {
  changeEach,
  deleteIfMatches,
  FERRETDB_UPDATES_PER_COMMAND,
  filtersOnlyById,
  findByIds,
  isDuplicateKey,
  writeIfMatches,
  writeIfMatchesLocked,
} from './documents';
export type { DocumentChange, GuardedWrite, GuardedWriteResult } from './documents';
export type {
  Aggregate,
  AuditActor,
  AuditEntry,
  AuditInput,
  ChangeContext,
  NewEvent,
  OutboxSnapshot,
  StateCodec,
} from './aggregate-store';
export type { OutboxEntry, OutboxFields, InFlight } from './outbox';
export { OutboxRelay } from './relay';
export type { RelayOptions } from './relay';
export { EventConsumer } from './consumer';
export type {
  BatchHandler,
  ConsumedEvent,
  DeadLetter,
  EventConsumerOptions,
  EventHandler,
  EventHandlers,
  MessageContext,
  RetryPolicy,
} from './consumer';
export { applyIfNewer, applyOnce } from './idempotency';
export { captureTraceHeaders, contextFromHeaders, headersToStrings } from './trace';
export { messagingMetrics } from './metrics';
export { readTopic } from './read-topic';
export type { TopicMessage } from './read-topic';
export { withDocumentLock, withDocumentLocks, documentKey } from './document-lock';
