/**
 * The outbox lives inside each aggregate document (docs/architecture.md, "Consistency rules"). The embedded
 * database has no multi-document transactions, so a state change and the events it causes are one
 * single-document write: the document carries its pending events, guarded by its version. The relay publishes
 * them and clears them.
 */

/** One event waiting in an aggregate document to be published. */
export interface OutboxEntry {
  /** The event id (CloudEvents `id`). */
  readonly id: string;
  readonly type: string;
  readonly topic: string;
  /** The aggregate id; Kafka's partitioner keeps one aggregate's events in one partition, in order. */
  readonly key: string;
  /** The envelope as JSON, exactly as it will be written to Kafka. */
  readonly value: string;
  /** W3C trace context captured when the change was made, plus CloudEvents id and type for tools. */
  readonly headers: Record<string, string>;
  readonly recordedAt: Date;
}

/**
 * Set by the relay just before it sends, cleared with the events. If the relay dies in between, the next relay
 * finds it and reads the partition from `fromOffset` to learn which of `ids` reached Kafka, so nothing is
 * published twice and nothing is lost.
 */
export interface InFlight {
  readonly topic: string;
  readonly partition: number;
  readonly fromOffset: string;
  readonly ids: readonly string[];
}

export interface OutboxClaim {
  readonly owner: string;
  readonly until: Date;
  /** The relay's batch that holds the aggregate: its clear and release are guarded by it. */
  readonly batch?: string;
}

/** The fields the outbox adds to an aggregate document. */
export interface OutboxFields {
  pendingEvents: OutboxEntry[];
  /** True while pendingEvents is not empty; indexed, so the relay finds work without scanning. */
  outboxPending: boolean;
  outboxClaim?: OutboxClaim | null;
  outboxInFlight?: InFlight | null;
}

export const RESERVED_FIELDS = [
  '_id',
  'version',
  'createdAt',
  'updatedAt',
  'pendingEvents',
  'outboxPending',
  'outboxClaim',
  'outboxInFlight',
  'audit',
] as const;

export const CE_ID_HEADER = 'ce_id';
export const CE_TYPE_HEADER = 'ce_type';
