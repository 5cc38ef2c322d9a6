import { createEvent, type EventEnvelope, type Service, topicFor } from '@zhas/contracts';
import { type NewEvent } from '@zhas/domain';
import { type Collection, type Document } from 'mongodb';
import { documentKey, noteWritten, withDocumentLock, writeSerial } from './document-lock';
import { filtersOnlyById, isDuplicateKey, writeIfMatchesLocked } from './documents';
import {
  CE_ID_HEADER,
  CE_TYPE_HEADER,
  type InFlight,
  type OutboxClaim,
  type OutboxEntry,
  type OutboxFields,
  RESERVED_FIELDS,
} from './outbox';
import { captureTraceHeaders } from './trace';

/** An event a domain decision produced (defined with the decisions in @zhas/domain). */
export type { NewEvent };

/** Who and what caused a change: carried into the events' correlation and causation ids. */
export interface ChangeContext {
  readonly correlationId: string;
  /** The id of the request or event that caused the change. */
  readonly causationId?: string;
  /** The clock: the time the decision was made, written into the events. */
  readonly now: Date;
  /** A person's action: recorded in the aggregate's audit trail with the change (see AuditEntry). */
  readonly audit?: AuditInput;
}

/** Who acted, as the audit trail keeps it: staff by name, everyone by role; never an applicant's name. */
export interface AuditActor {
  readonly subject: string;
  readonly roles: readonly string[];
  readonly name?: string;
}

export interface AuditInput {
  readonly actor: AuditActor;
  /** What was done, a stable code such as `bid.reviewed` or `lottery.seed-fixed` (screens translate it). */
  readonly action: string;
}

/**
 * The audit input for a person's action. Staff are named (their name is part of the record of who decided); an
 * applicant is recorded by role and subject only, since an applicant's name is personal data the trail need not hold.
 */
export function auditOf(
  actor: { readonly subject: string; readonly roles: readonly string[]; readonly name?: string },
  action: string,
): AuditInput {
  const staff = actor.roles.some((role) => role !== 'applicant');
  return {
    action,
    actor: {
      subject: actor.subject,
      roles: [...actor.roles],
      ...(staff && actor.name !== undefined ? { name: actor.name } : {}),
    },
  };
}

/**
 * One line of an aggregate's audit trail: who did what when, and which version and events it gave. It is written in
 * the same single-document write as the change itself, so the trail never misses a change nor records one that did
 * not happen. It stays in the service's database (staff names are personal data): never in events or logs.
 */
export interface AuditEntry {
  readonly at: Date;
  readonly version: number;
  readonly action: string;
  readonly actor: AuditActor;
  readonly eventTypes: readonly string[];
}

export interface Aggregate<TState> {
  readonly id: string;
  /** Increases by one per recorded event (by one for a change without events), so events carry consecutive versions. */
  readonly version: number;
  readonly state: TState;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The aggregate exists already (create) or is at another version than expected (update). */
export class ConcurrencyConflict extends Error {
  override readonly name = 'ConcurrencyConflict';
  constructor(
    readonly aggregateId: string,
    readonly expectedVersion: number | undefined,
    readonly actualVersion: number | undefined,
  ) {
    super(
      expectedVersion === undefined
        ? `aggregate ${aggregateId} already exists`
        : `aggregate ${aggregateId} is at version ${actualVersion ?? 'none'}, not ${expectedVersion}`,
    );
  }
}

type StoredDocument = Document & {
  _id: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
} & OutboxFields;

/**
 * How a state is written to and read from its document, when it is not as it is: e.g. personal fields sealed
 * (encrypted) on the way in and opened on the way out. Every read of the store goes through `fromStored`, so there
 * is one way to get the readable state.
 */
export interface StateCodec<TState> {
  readonly toStored: (id: string, state: TState) => Record<string, unknown>;
  readonly fromStored: (id: string, stored: Record<string, unknown>) => TState;
}

/**
 * The outbox of an aggregate as a save of this process left it, handed to the relay of this process so that it
 * need not read the document again: valid while the document's write serial is still `serial` (document-lock.ts).
 */
export interface OutboxSnapshot {
  readonly version: number;
  readonly pendingEvents: readonly OutboxEntry[];
  /** A relay's claim and in-flight note as the save found them (a save leaves both as they were). */
  readonly outboxClaim: OutboxClaim | null;
  readonly outboxInFlight: InFlight | null;
  readonly serial: number;
}

/** An aggregate as `load` read it, with what `update` needs to save a change of it without reading it again. */
export interface LoadedAggregate<TState> {
  readonly aggregate: Aggregate<TState>;
  readonly document: Readonly<Document>;
  /** The document's write serial noted before it was read. */
  readonly serial: number;
}

/**
 * Loads and saves one kind of aggregate. A save writes the new state and the events it caused in one
 * version-guarded single-document write, so either both happen or neither does.
 *
 * The state is stored as top-level fields of the document (so lists can filter and index them); the fields of
 * RESERVED_FIELDS belong to the store.
 */
export class AggregateStore<TState extends Record<string, unknown>> {
  constructor(
    private readonly options: {
      readonly collection: Collection<Document>;
      readonly aggregateType: string;
      /** The owning service: it publishes only its own events, on its own topic. */
      readonly service?: Service;
      /** Test isolation: prefixes every topic name. */
      readonly topicPrefix?: string;
      /**
       * Called after every successful save with events, with the outbox as the save left it, so that a relay in
       * this process can publish them at once without reading them back.
       */
      readonly onEventsRecorded?: (id: string, outbox: OutboxSnapshot) => void;
      readonly codec?: StateCodec<TState>;
    },
  ) {}

  private stored(id: string, state: TState): Record<string, unknown> {
    return this.options.codec ? this.options.codec.toStored(id, state) : state;
  }

  private aggregate(doc: StoredDocument): Aggregate<TState> {
    const raw = toAggregate<Record<string, unknown>>(doc);
    const state = this.options.codec
      ? this.options.codec.fromStored(raw.id, raw.state)
      : (raw.state as TState);
    return { ...raw, state };
  }

  get collection(): Collection<Document> {
    return this.options.collection;
  }

  /** What the aggregate is, e.g. `bid`: names it in "not found" answers. */
  get aggregateType(): string {
    return this.options.aggregateType;
  }

  /** A document a query of the collection read (a list page), as the aggregate it holds. */
  aggregateOf(document: Document): Aggregate<TState> {
    return this.aggregate(document as StoredDocument);
  }

  async get(id: string): Promise<Aggregate<TState> | undefined> {
    return (await this.load(id))?.aggregate;
  }

  /** Reads the aggregate for a change: `update` given the result can skip reading it again (handleCommand does). */
  async load(id: string): Promise<LoadedAggregate<TState> | undefined> {
    const serial = writeSerial(documentKey(this.options.collection, id));
    const doc = (await this.options.collection.findOne({ _id: id as never })) as StoredDocument | null;
    return doc ? { aggregate: this.aggregate(doc), document: doc, serial } : undefined;
  }

  /** Creates the aggregate at version 1 (or more, one per event). A second create of the same id is a conflict. */
  async create(
    id: string,
    state: TState,
    events: readonly NewEvent[],
    context: ChangeContext,
  ): Promise<Aggregate<TState>> {
    assertNoReservedFields(state);
    const version = Math.max(1, events.length);
    const entries = this.entries(id, 0, events, context);
    const audit = auditEntry(context, version, events);
    const doc: StoredDocument = {
      ...this.stored(id, state),
      _id: id,
      version,
      createdAt: context.now,
      updatedAt: context.now,
      pendingEvents: entries,
      outboxPending: entries.length > 0,
      ...(audit ? { audit: [audit] } : {}),
    };
    const key = documentKey(this.options.collection, id);
    const serial = await withDocumentLock(key, async () => {
      try {
        await this.options.collection.insertOne(doc as Document);
      } catch (error) {
        if (isDuplicateKey(error)) throw new ConcurrencyConflict(id, undefined, undefined);
        throw error;
      } finally {
        noteWritten(key);
      }
      return writeSerial(key);
    });
    if (entries.length > 0) {
      this.options.onEventsRecorded?.(id, {
        version,
        pendingEvents: entries,
        outboxClaim: null,
        outboxInFlight: null,
        serial,
      });
    }
    return { id, version, state, createdAt: context.now, updatedAt: context.now };
  }

  /**
   * Replaces the state of the aggregate at `expectedVersion` and records the events. Fields absent from `state`
   * are removed, so the stored state is exactly what the domain decided.
   */
  async update(
    id: string,
    expectedVersion: number,
    state: TState,
    events: readonly NewEvent[],
    context: ChangeContext,
    /** The aggregate as `load` read it: saves reading it again when nothing changed it since. */
    loaded?: LoadedAggregate<TState>,
  ): Promise<Aggregate<TState>> {
    assertNoReservedFields(state);
    return withDocumentLock(documentKey(this.options.collection, id), () =>
      this.updateLocked(id, expectedVersion, state, events, context, loaded),
    );
  }

  private async updateLocked(
    id: string,
    expectedVersion: number,
    state: TState,
    events: readonly NewEvent[],
    context: ChangeContext,
    loaded: LoadedAggregate<TState> | undefined,
  ): Promise<Aggregate<TState>> {
    const key = documentKey(this.options.collection, id);
    // The document as loaded is still the current one on FerretDB when this process has not written it since (one
    // process writes a service's documents there); on MongoDB the version guard in the filter decides anyway.
    const reuse =
      loaded !== undefined &&
      loaded.aggregate.version === expectedVersion &&
      (!(await filtersOnlyById(this.options.collection)) || writeSerial(key) === loaded.serial);
    const current = reuse
      ? (loaded.document as StoredDocument)
      : ((await this.options.collection.findOne({ _id: id as never })) as StoredDocument | null);
    if (!current || current.version !== expectedVersion) {
      throw new ConcurrencyConflict(id, expectedVersion, current?.version);
    }
    const version = expectedVersion + Math.max(1, events.length);
    const entries = this.entries(id, expectedVersion, events, context);
    const stored = this.stored(id, state);
    const audit = auditEntry(context, version, events);
    const removed = Object.keys(current).filter(
      (key) => !(RESERVED_FIELDS as readonly string[]).includes(key) && !(key in stored),
    );
    const pushed: Document = {
      ...(entries.length > 0 ? { pendingEvents: { $each: entries } } : {}),
      ...(audit ? { audit } : {}),
    };
    const update: Document = {
      $set: {
        ...stored,
        version,
        updatedAt: context.now,
        ...(entries.length > 0 ? { outboxPending: true } : {}),
      },
      ...(Object.keys(pushed).length > 0 ? { $push: pushed } : {}),
      ...(removed.length > 0 ? { $unset: Object.fromEntries(removed.map((key) => [key, ''])) } : {}),
    };
    const { written } = await writeIfMatchesLocked(
      this.options.collection,
      id,
      { guard: { version: expectedVersion }, update },
      current,
    );
    if (!written) {
      const now = (await this.options.collection.findOne(
        { _id: id as never },
        { projection: { version: 1 } },
      )) as { version?: number } | null;
      throw new ConcurrencyConflict(id, expectedVersion, now?.version);
    }
    if (entries.length > 0) {
      this.options.onEventsRecorded?.(id, {
        version,
        pendingEvents: [...(current.pendingEvents ?? []), ...entries],
        outboxClaim: current.outboxClaim ?? null,
        outboxInFlight: current.outboxInFlight ?? null,
        serial: writeSerial(key),
      });
    }
    return {
      id,
      version,
      state,
      createdAt: current.createdAt,
      updatedAt: context.now,
    };
  }

  /** The audit trail of the aggregate, oldest first (empty when it has none or does not exist). */
  async auditTrail(id: string): Promise<AuditEntry[]> {
    const doc = (await this.options.collection.findOne(
      { _id: id as never },
      { projection: { audit: 1 } },
    )) as { audit?: AuditEntry[] } | null;
    return doc?.audit ?? [];
  }

  /** Builds and validates the envelopes; a contract violation throws before anything is written. */
  private entries(
    id: string,
    fromVersion: number,
    events: readonly NewEvent[],
    context: ChangeContext,
  ): OutboxEntry[] {
    const traceHeaders = captureTraceHeaders();
    for (const event of events) {
      const { service } = this.options;
      if (service && event.definition.service !== service) {
        throw new Error(
          `${service} may not publish ${event.definition.type}: each service publishes its own events only`,
        );
      }
    }
    return events.map((event, index) => {
      const envelope: EventEnvelope = createEvent(event.definition, {
        subject: id,
        aggregateVersion: fromVersion + index + 1,
        data: event.data,
        correlationId: context.correlationId,
        ...(context.causationId === undefined ? {} : { causationId: context.causationId }),
        time: context.now,
      });
      return {
        id: envelope.id,
        type: envelope.type,
        topic: topicFor(event.definition.service, this.options.topicPrefix ?? ''),
        key: id,
        value: JSON.stringify(envelope),
        headers: { ...traceHeaders, [CE_ID_HEADER]: envelope.id, [CE_TYPE_HEADER]: envelope.type },
        recordedAt: context.now,
      };
    });
  }
}

function auditEntry(
  context: ChangeContext,
  version: number,
  events: readonly NewEvent[],
): AuditEntry | undefined {
  if (!context.audit) return undefined;
  const { subject, roles, name } = context.audit.actor;
  return {
    at: context.now,
    version,
    action: context.audit.action,
    actor: { subject, roles: [...roles], ...(name === undefined ? {} : { name }) },
    eventTypes: events.map((event) => event.definition.type),
  };
}

function toAggregate<TState>(doc: StoredDocument): Aggregate<TState> {
  const state: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    if (!(RESERVED_FIELDS as readonly string[]).includes(key)) state[key] = value;
  }
  return {
    id: doc._id,
    version: doc.version,
    state: state as TState,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

function assertNoReservedFields(state: Record<string, unknown>): void {
  const clash = RESERVED_FIELDS.filter((field) => field in state);
  if (clash.length > 0)
    throw new Error(`aggregate state must not use the store's fields: ${clash.join(', ')}`);
}

/** The index the relay needs on every aggregate collection with an outbox. */
export async function ensureOutboxIndex(collection: Collection<Document>): Promise<void> {
  await collection.createIndex({ outboxPending: 1 });
}
