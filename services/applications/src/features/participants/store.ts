import { createHmac } from 'node:crypto';
import { Refused, notFound } from '@zhas/domain';
import { type AggregateStore } from '@zhas/messaging';
import { type PersonFacts } from './eligibility';
import { type ParticipantState } from './domain';

/** The participants: one record per person, found by the HMAC of their IIN under a unique index. */
export class Participants {
  constructor(
    readonly store: AggregateStore<ParticipantState>,
    private readonly indexKey: string,
  ) {}

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
