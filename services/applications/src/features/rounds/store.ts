import { type RoundRules } from '@zhas/contracts';
import { Refused, notFound } from '@zhas/domain';
import { applyIfNewer } from '@zhas/messaging';
import { type Db } from 'mongodb';

// Local copies of what competitions publishes (docs/architecture.md, "Services"): the rounds with their rules, and
// which host organizations were selected in each round and region. Written only by the event handlers
// (handlers.ts), version-guarded, so a redelivered or replayed event changes nothing.

export type RoundStatus = 'published' | 'completed' | 'cancelled';

export interface RoundCopy {
  readonly roundId: string;
  readonly year: number;
  /** kk/ru/en; absent on copies kept before titles were (public pages then show the year). */
  readonly title?: { readonly kk: string; readonly ru: string; readonly en: string };
  readonly regions: readonly string[];
  readonly youthApplicationWindow: { readonly opensAt: string; readonly closesAt: string };
  readonly rules: RoundRules;
  readonly rulesVersion: number;
  readonly status: RoundStatus;
}

export interface HostSelectionCopy {
  readonly hostOrganizationId: string;
  readonly roundId: string;
  readonly region: string;
  readonly status: 'selected' | 'rejected';
}

interface RoundDocument extends Omit<RoundCopy, 'roundId'> {
  _id: string;
  version: number;
}

interface HostSelectionDocument extends HostSelectionCopy {
  _id: string;
  version: number;
}

export class RoundCopies {
  constructor(private readonly db: Db) {}

  private get rounds() {
    return this.db.collection<RoundDocument>('rounds');
  }

  private get hostSelections() {
    return this.db.collection<HostSelectionDocument>('hostSelections');
  }

  async ensureIndexes(): Promise<void> {
    await this.hostSelections.createIndex({ roundId: 1, region: 1, hostOrganizationId: 1 });
  }

  async find(roundId: string): Promise<RoundCopy | undefined> {
    const doc = await this.rounds.findOne({ _id: roundId });
    if (!doc) return undefined;
    const { _id, version: _version, ...rest } = doc;
    return { roundId: _id, ...rest };
  }

  /** The round as competitions last published it; refused as not found when this service has not heard of it. */
  async get(roundId: string): Promise<RoundCopy> {
    const round = await this.find(roundId);
    if (!round) throw new Refused(notFound('Round', roundId));
    return round;
  }

  async isHostOrganizationSelected(roundId: string, region: string, hostOrganizationId: string) {
    const found = await this.hostSelections.findOne({
      roundId,
      region,
      hostOrganizationId,
      status: 'selected',
    });
    return found !== null;
  }

  /** Replaces the round's rules and windows from a newer event; a late revision never reopens a closed round. */
  async replace(version: number, round: Omit<RoundCopy, 'status'>): Promise<void> {
    const { roundId, year, title, regions, youthApplicationWindow, rules, rulesVersion } = round;
    await applyIfNewer(this.db.collection('rounds'), roundId, version, {
      $set: {
        year,
        ...(title === undefined ? {} : { title }),
        regions,
        youthApplicationWindow,
        rules,
        rulesVersion,
      },
      $setOnInsert: { status: 'published' },
    });
  }

  async close(version: number, roundId: string, outcome: Exclude<RoundStatus, 'published'>): Promise<void> {
    await applyIfNewer(this.db.collection('rounds'), roundId, version, { $set: { status: outcome } });
  }

  async recordHostSelection(version: number, hostApplicationId: string, selection: HostSelectionCopy) {
    await applyIfNewer(this.db.collection('hostSelections'), hostApplicationId, version, { $set: selection });
  }
}
