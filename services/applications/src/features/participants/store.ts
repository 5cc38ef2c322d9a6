import { createHmac } from 'node:crypto';
import { Refused, notFound } from '@zhas/domain';
import { type AggregateStore, type StateCodec } from '@zhas/messaging';
import { type PersonalDataVault, sealedPersonalDataSchema } from '@zhas/service-kit';
import { type PersonFacts } from './eligibility';
import { PERSONAL_FIELDS, type ParticipantState } from './domain';

/**
 * How a participant is stored: the IIN, name, phone and e-mail sealed (`personal`, AES-256-GCM under a data key of the
 * record's own, itself wrapped under the configured key-encryption key), never readable in the database or its
 * backups. Every read of the store opens them again (`participants.store.get(id)`, `store.aggregateOf(document)`):
 * there is no other way to read them, so no code path reads them half-decrypted. An erased record has no `personal`
 * block at all.
 */
export function participantCodec(vault: PersonalDataVault): StateCodec<ParticipantState> {
  return {
    toStored: (id, state) => {
      const { iin, fullName, phone, email, ...rest } = state;
      if (state.erasedAt !== undefined) return rest;
      const fields = { iin, fullName, phone, ...(email === undefined ? {} : { email }) };
      return { ...rest, personal: vault.seal(id, fields) };
    },
    fromStored: (id, stored) => {
      const { personal, ...rest } = stored;
      if (personal === undefined) {
        // Erased (or written before sealing, by an older version: its plain fields are read as they are).
        const empty = Object.fromEntries(PERSONAL_FIELDS.map((field) => [field, stored[field] ?? '']));
        return { ...rest, ...empty } as ParticipantState;
      }
      const opened = vault.open(id, sealedPersonalDataSchema.parse(personal));
      return {
        ...rest,
        iin: opened.iin ?? '',
        fullName: opened.fullName ?? '',
        phone: opened.phone ?? '',
        ...(opened.email === undefined ? {} : { email: opened.email }),
      } as ParticipantState;
    },
  };
}

/** The participants: one record per person, found by the HMAC of their IIN under a unique index. */
export class Participants {
  constructor(
    readonly store: AggregateStore<ParticipantState>,
    private readonly indexKey: string,
    private readonly vault: PersonalDataVault,
  ) {}

  /**
   * Key rotation: wraps every record's data key under the current key-encryption key (the data itself stays as
   * it is), and seals records written readable by an older version. Each write is guarded by what was read, so a
   * record changed meanwhile is left for the next run. Returns how many records it changed.
   */
  async rotateKeys(): Promise<{ readonly rewrapped: number; readonly sealed: number }> {
    let rewrapped = 0;
    let sealed = 0;
    for await (const document of this.store.collection.find(
      {},
      { projection: { personal: 1, iin: 1, fullName: 1, phone: 1, erasedAt: 1 } },
    )) {
      const id = String(document._id);
      if (document.personal !== undefined) {
        const current = sealedPersonalDataSchema.parse(document.personal);
        const next = this.vault.rewrap(id, current);
        if (!next) continue;
        const { modifiedCount } = await this.store.collection.updateOne(
          { _id: id as never, 'personal.dataKey': current.dataKey },
          { $set: { personal: next } },
        );
        rewrapped += modifiedCount;
      } else if (typeof document.iin === 'string' && document.iin !== '' && document.erasedAt === undefined) {
        const fields = {
          iin: document.iin,
          fullName: String(document.fullName ?? ''),
          phone: String(document.phone ?? ''),
        };
        const { modifiedCount } = await this.store.collection.updateOne(
          { _id: id as never, iin: document.iin },
          {
            $set: { personal: this.vault.seal(id, fields) },
            $unset: { iin: '', fullName: '', phone: '', email: '' },
          },
        );
        sealed += modifiedCount;
      }
    }
    return { rewrapped, sealed };
  }

  async ensureIndexes(): Promise<void> {
    await this.store.collection.createIndex({ iinDigest: 1 }, { unique: true });
  }

  /** The IIN's digest: the index and its backups reveal nothing without the key. */
  digest(iin: string): string {
    return createHmac('sha256', this.indexKey).update(iin).digest('hex');
  }

  /** The id of the person with this IIN digest, if registered. */
  async idByDigest(iinDigest: string): Promise<string | undefined> {
    const found = await this.store.collection.findOne({ iinDigest }, { projection: { _id: 1 } });
    return found ? String(found._id) : undefined;
  }

  /**
   * The name a person's team sees beside their eligibility (the one piece of personal data shared with the team);
   * undefined when not registered.
   */
  async nameOf(participantId: string): Promise<string | undefined> {
    return (await this.store.get(participantId))?.state.fullName;
  }

  /** What the team rules need to know about a person; a person not registered is refused as not found. */
  async facts(participantId: string): Promise<PersonFacts> {
    const found = await this.store.get(participantId);
    if (!found) throw new Refused(notFound('Participant', participantId));
    const { birthDate, region, consents } = found.state;
    return { participantId, birthDate, region, consents };
  }
}
