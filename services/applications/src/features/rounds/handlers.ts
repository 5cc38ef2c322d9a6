import { type EventHandlers } from '@zhas/messaging';
import { type HostSelectionCopy, type RoundCopies } from './store';

/**
 * What this service does with competitions' events: keep its copies of rounds and host selections, and, when a
 * round is cancelled, let `onCancelled` (the bids feature's policy) decide the round's bids. `onCancelled` runs
 * again on a redelivery, so it must be idempotent.
 */
export function roundHandlers(
  rounds: RoundCopies,
  onCancelled: (roundId: string, cause: { id: string; correlationid: string }) => Promise<void>,
): EventHandlers {
  /** A host organization selected or rejected in a region: the copy teams choose their host organization from. */
  const recordHost = (
    event: {
      readonly aggregateversion: number;
      readonly data: {
        hostApplicationId: string;
        hostOrganizationId: string;
        roundId: string;
        region: string;
      };
    },
    status: HostSelectionCopy['status'],
  ) => {
    const { hostApplicationId, hostOrganizationId, roundId, region } = event.data;
    return rounds.recordHostSelection(event.aggregateversion, hostApplicationId, {
      hostOrganizationId,
      roundId,
      region,
      status,
    });
  };
  return {
    'competitions.round.published.v1': (event) => rounds.replace(event.aggregateversion, event.data),
    'competitions.round.rules-revised.v1': (event) => rounds.replace(event.aggregateversion, event.data),
    'competitions.round.closed.v1': async (event) => {
      await rounds.close(event.aggregateversion, event.data.roundId, event.data.outcome);
      if (event.data.outcome === 'cancelled') await onCancelled(event.data.roundId, event);
    },
    'competitions.host-application.selected.v1': (event) => recordHost(event, 'selected'),
    'competitions.host-application.rejected.v1': (event) => recordHost(event, 'rejected'),
  };
}
