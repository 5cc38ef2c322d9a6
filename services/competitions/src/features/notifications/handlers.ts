import { type EventHandlers } from '@zhas/messaging';
import { type Notifications, sendTells, type Tell } from '@zhas/notifications';
import { kazakhstanDateOf } from '@zhas/kz';
import * as decide from './domain';
import { type StaffNotificationsStore } from './store';

/**
 * What competitions tells host organizations, reviewers and coordinators, from its own events and from
 * applications' and tracking's. Each notice is one per person and key, so a redelivered event adds nothing.
 */
export function staffNotificationHandlers(
  store: StaffNotificationsStore,
  notifications: Notifications,
): EventHandlers {
  const send = (told: Tell | undefined, cause: { id: string }) => sendTells(notifications, told, cause);
  const staffOf = async (hostOrganizationId: string) =>
    decide.staffOf(await store.allContacts(), hostOrganizationId);

  /** A team formed or changed, naming a host organization: its staff are asked to answer. */
  const teamRequestsHost = async (event: {
    readonly id: string;
    readonly data: Parameters<typeof decide.teamRequestsHost>[0];
  }) =>
    send(
      decide.teamRequestsHost(
        event.data,
        event.data.hostOrganizationId ? await staffOf(event.data.hostOrganizationId) : [],
      ),
      event,
    );

  return {
    'competitions.host-application.selected.v1': async (event) =>
      send(decide.hostSelected(event.data, await staffOf(event.data.hostOrganizationId)), event),
    'competitions.host-application.rejected.v1': async (event) =>
      send(decide.hostRejected(event.data, await staffOf(event.data.hostOrganizationId)), event),

    'applications.team.formed.v1': teamRequestsHost,
    'applications.team.changed.v1': teamRequestsHost,
    'applications.bid.submitted.v1': async (event) => {
      const { bidId, region, hostOrganizationId } = event.data;
      await store.assign({ _id: bidId, region, hostOrganizationId: hostOrganizationId ?? null });
    },
    'applications.bid.check-passed.v1': async (event) => {
      // bid.submitted comes first: the same bid, the same partition.
      const assignment = await store.assignment(event.data.bidId);
      const contacts = await store.allContacts();
      const reviewers = assignment?.hostOrganizationId
        ? decide.staffOf(contacts, assignment.hostOrganizationId)
        : decide.committeeOf(contacts, event.data.region);
      await send(decide.bidAssigned(event.data, reviewers), event);
    },

    'tracking.grievance.lodged.v1': (event) =>
      store.openWork({
        _id: `grievance:${event.data.grievanceId}`,
        kind: 'grievance',
        region: event.data.region,
        dueOn: event.data.responseDueOn,
        open: true,
      }),
    'tracking.grievance.resolved.v1': (event) =>
      store.closeWork(`grievance:${event.data.grievanceId}`, 'grievance', event.data.region),
    'tracking.report.submitted.v1': (event) =>
      store.openWork({
        _id: `report:${event.data.reportId}:${event.data.submissionNumber}`,
        kind: 'report',
        region: event.data.region,
        dueOn: null,
        open: true,
      }),
    'tracking.report.accepted.v1': (event) => closeReport(store, event.data),
    'tracking.report.returned.v1': (event) => closeReport(store, event.data),
    'tracking.tranche.payable.v1': (event) =>
      store.openWork({
        _id: `tranche:${event.data.trancheId}`,
        kind: 'tranche',
        region: event.data.region,
        dueOn: null,
        open: true,
      }),
    'tracking.tranche.disbursed.v1': (event) =>
      store.closeWork(`tranche:${event.data.trancheId}`, 'tranche', event.data.region),
  };
}

/** A report decision closes every submission of it seen so far (the decision is about the latest). */
async function closeReport(
  store: StaffNotificationsStore,
  data: { reportId: string; region: string },
): Promise<void> {
  for (const item of await store.openWorkItems()) {
    if (item.kind === 'report' && item._id.startsWith(`report:${data.reportId}:`)) {
      await store.closeWork(item._id, 'report', data.region);
    }
  }
}

/**
 * The coordinators' daily digest: once a day, each coordinator is told what waits in their regions (overdue
 * grievances, reports to accept, tranches to pay); the notice's key is the day, so running it again that day adds
 * nothing.
 */
export async function sendCoordinatorDigests(
  store: StaffNotificationsStore,
  notifications: Notifications,
  now: Date,
): Promise<number> {
  const today = kazakhstanDateOf(now);
  const work = await store.openWorkItems();
  let told = 0;
  for (const contact of (await store.allContacts()).filter(decide.isCoordinator)) {
    const digest = decide.coordinatorDigest(contact, work, today);
    if (!digest) continue;
    await notifications.notify(digest.recipients, digest.notice, {
      key: digest.key,
      causationId: `digest:${today}`,
    });
    told += 1;
  }
  return told;
}
