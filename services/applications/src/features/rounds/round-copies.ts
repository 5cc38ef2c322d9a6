import { type EventHandlers, applyIfNewer } from '@zhas/messaging';
import { type RoundRules } from '@zhas/contracts';
import { type Db } from 'mongodb';
import { problems } from '../../shared/problems';

// Local copies of what competitions publishes (DESIGN section 3): the rounds with their rules, and which host
// organizations were selected in each round and region. Written only by event handlers, version-guarded, so a
// redelivered or replayed event changes nothing.

export type RoundStatus = 'published' | 'completed' | 'cancelled';

export interface RoundCopy {
  readonly roundId: string;
  readonly year: number;
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

  /** The round as competitions last published it; 404 when this service has not heard of it. */
  async get(roundId: string): Promise<RoundCopy> {
    const round = await this.find(roundId);
    if (!round) throw problems.notFound('Round', roundId);
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

  /** `onCancelled` runs after the copy records a cancellation (again on a redelivery: it must be idempotent). */
  handlers(
    onCancelled: (roundId: string, cause: { id: string; correlationid: string }) => Promise<void>,
  ): EventHandlers {
    const rounds = this.db.collection('rounds');
    const hostSelections = this.db.collection('hostSelections');
    const replaceRound = async (event: {
      aggregateversion: number;
      data: {
        roundId: string;
        year: number;
        regions: string[];
        youthApplicationWindow: { opensAt: string; closesAt: string };
        rules: RoundRules;
        rulesVersion: number;
      };
    }) => {
      const { roundId, year, regions, youthApplicationWindow, rules, rulesVersion } = event.data;
      await applyIfNewer(rounds, roundId, event.aggregateversion, {
        $set: { year, regions, youthApplicationWindow, rules, rulesVersion },
        // A revision of a round that is already closed (an older event arriving late) never reopens it.
        $setOnInsert: { status: 'published' },
      });
    };
    return {
      'competitions.round.published.v1': replaceRound,
      'competitions.round.rules-revised.v1': replaceRound,
      'competitions.round.closed.v1': async (event) => {
        await applyIfNewer(rounds, event.data.roundId, event.aggregateversion, {
          $set: { status: event.data.outcome },
        });
        if (event.data.outcome === 'cancelled') await onCancelled(event.data.roundId, event);
      },
      'competitions.host-application.selected.v1': async (event) => {
        const { hostApplicationId, hostOrganizationId, roundId, region } = event.data;
        await applyIfNewer(hostSelections, hostApplicationId, event.aggregateversion, {
          $set: { hostOrganizationId, roundId, region, status: 'selected' },
        });
      },
      'competitions.host-application.rejected.v1': async (event) => {
        const { hostApplicationId, hostOrganizationId, roundId, region } = event.data;
        await applyIfNewer(hostSelections, hostApplicationId, event.aggregateversion, {
          $set: { hostOrganizationId, roundId, region, status: 'rejected' },
        });
      },
    };
  }
}
