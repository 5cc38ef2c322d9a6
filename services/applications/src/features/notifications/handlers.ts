import { type ZhasEvent } from '@zhas/contracts';
import { type EventHandlers } from '@zhas/messaging';
import { type Notifications, sendTells, type Tell } from '@zhas/notifications';
import { type ApplicationsContext } from '../../shared/context';
import * as decide from './domain';
import { type BidFacts } from './domain';
import { type ProjectCopies, type ProjectEvent, type WaitingEvent } from './store';

/**
 * What the applications service tells young people, from its own events (teams, bids, the lottery) and from
 * tracking's (the project's money and reports). Every handler may run twice for one event: each notice is
 * recorded once per person and key (see domain.ts), so a redelivery adds nothing.
 */
export function notificationHandlers(
  app: ApplicationsContext,
  notifications: Notifications,
  projects: ProjectCopies,
): EventHandlers {
  const send = (tells: Tell | readonly Tell[] | undefined, cause: { id: string }) =>
    sendTells(notifications, tells, cause);

  const bidFacts = async (bidId: string): Promise<BidFacts | undefined> => {
    const bid = await app.bids.store.get(bidId);
    if (!bid) return undefined;
    const team = await app.teams.store.get(bid.state.teamId);
    if (!team) return undefined;
    return {
      registrationNumber: bid.state.registrationNumber,
      leaderParticipantId: team.state.leaderParticipantId,
      memberParticipantIds: team.state.memberParticipantIds,
    };
  };

  const onBid =
    <E extends { data: { bidId: string }; id: string }>(
      make: (data: E['data'], bid: BidFacts) => Tell | undefined,
    ) =>
    async (event: E) => {
      const bid = await bidFacts(event.data.bidId);
      // A bid this service does not have cannot have members to tell (it was never ours).
      if (bid) await send(make(event.data, bid), event);
    };

  /** Tells a project's members, or keeps the event until tracking's `project.opened` has named them. */
  const onProject = async (event: ProjectEvent & { id: string }) => {
    const copy = await projects.get(event.data.projectId);
    if (copy?.members) {
      await send(projectTells(event, copy.members, copy.reports), event);
      return;
    }
    // The event's own type and data, without its envelope (TypeScript does not pair a union's fields by itself).
    const waiting = { type: event.type, data: event.data, causationId: event.id } as WaitingEvent;
    const updated = await projects.update(event.data.projectId, (current) =>
      current.members !== null || current.waiting.some((held) => held.causationId === event.id)
        ? undefined
        : { ...current, waiting: [...current.waiting, waiting] },
    );
    // The project arrived meanwhile: tell now (a second notify of the same key is harmless).
    if (updated.members) await send(projectTells(event, updated.members, updated.reports), event);
  };

  return {
    'applications.participant.registered.v2': (event) => send(decide.welcome(event.data), event),
    'applications.team.member-invited.v1': (event) => send(decide.teamInvitation(event.data), event),
    'applications.bid.draft-saved.v1': onBid(decide.bidSaved),
    'applications.bid.check-passed.v1': onBid(decide.checkPassed),
    'applications.bid.check-failed.v1': onBid(decide.checkFailed),
    'applications.bid.qualified.v1': onBid(decide.qualified),
    'applications.bid.not-qualified.v1': onBid(decide.notQualified),
    'applications.bid.awarded.v1': onBid(decide.awarded),
    'applications.bid.not-awarded.v1': onBid(decide.notAwarded),

    'tracking.project.opened.v1': async (event) => {
      const { projectId, memberParticipantIds } = event.data;
      const opened = await projects.update(projectId, (current) =>
        current.members !== null ? undefined : { ...current, members: [...memberParticipantIds] },
      );
      for (const held of opened.waiting) {
        await send(projectTells(held, opened.members ?? [], opened.reports), {
          id: held.causationId,
        });
      }
      if (opened.waiting.length > 0)
        await projects.update(projectId, (current) => ({ ...current, waiting: [] }));
    },
    'tracking.project.member-exited.v1': async (event) => {
      const { projectId, participantId } = event.data;
      await projects.update(projectId, (current) =>
        current.members?.includes(participantId)
          ? { ...current, members: current.members.filter((id) => id !== participantId) }
          : undefined,
      );
    },
    'tracking.report.submitted.v1': async (event) => {
      const { projectId, reportId, members } = event.data;
      await projects.update(projectId, (current) => ({
        ...current,
        reports: [...current.reports.filter((report) => report.reportId !== reportId), { reportId, members }],
      }));
    },
    'tracking.agreement.signed.v1': (event) => onProject(event),
    'tracking.tranche.disbursed.v1': (event) => onProject(event),
    'tracking.report.accepted.v1': (event) => onProject(event),
    'tracking.report.returned.v1': (event) => onProject(event),
    'tracking.stipend.paid.v1': (event) => send(decide.stipendPaid(event.data), event),
  } satisfies EventHandlers & Partial<Record<ZhasEvent['type'], unknown>>;
}

function projectTells(
  event: ProjectEvent,
  members: readonly string[],
  reports: readonly { readonly reportId: string; readonly members: readonly decide.MonthConditions[] }[],
): Tell[] {
  switch (event.type) {
    case 'tracking.agreement.signed.v1':
      return [decide.agreementSigned(event.data, members)];
    case 'tracking.tranche.disbursed.v1':
      return [decide.trancheDisbursed(event.data, members)];
    case 'tracking.report.accepted.v1': {
      const submitted = reports.find((report) => report.reportId === event.data.reportId)?.members ?? [];
      return [
        decide.reportAccepted(event.data, members),
        ...decide.stipendsWithheld(event.data, submitted, members),
      ];
    }
    case 'tracking.report.returned.v1':
      return [decide.reportReturned(event.data, members)];
  }
}
