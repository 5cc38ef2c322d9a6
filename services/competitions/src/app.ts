import { kazakhstanClockOf } from '@zhas/kz';
import { type ComposeService, declareFeatures } from '@zhas/service-kit';
import { type Config } from './config';
import * as hostApplications from './features/host-applications/routes';
import { type HostApplicationState } from './features/host-applications/domain';
import { HostApplications } from './features/host-applications/store';
import * as hostCommittee from './features/host-committee/routes';
import { HostCommittees } from './features/host-committee/store';
import * as hostSelection from './features/host-selection/routes';
import { competitionsNotifications } from './features/notifications/contacts';
import { sendCoordinatorDigests, staffNotificationHandlers } from './features/notifications/handlers';
import * as notificationRoutes from './features/notifications/routes';
import { StaffNotificationsStore } from './features/notifications/store';
import { Selections } from './features/host-selection/store';
import * as organizations from './features/organizations/routes';
import { Organizations } from './features/organizations/store';
import * as rounds from './features/rounds/routes';
import { type RoundState } from './features/rounds/domain';
import { Rounds } from './features/rounds/store';
import { type CompetitionsContext } from './shared/context';
import { competitionsProblems } from './shared/problems';

/**
 * The composition root of the competitions service: rounds, host organizations, their applications, committee
 * scores and the selection per region, and the notifications of staff (whose contact details it keeps), for which
 * it consumes applications' and tracking's events.
 */
export const composeService: ComposeService<Config> = async (deps) => {
  const db = deps.mongo.db!;
  const app: CompetitionsContext = {
    rounds: new Rounds(deps.aggregateStore<RoundState>('rounds', 'round')),
    organizations: new Organizations(db),
    applications: new HostApplications(
      deps.aggregateStore<HostApplicationState>('hostApplications', 'host-application'),
    ),
    selections: new Selections(db),
    committees: new HostCommittees(db),
    now: deps.now,
    idempotent: deps.idempotent,
  };
  await declareFeatures(deps.api, app, {
    indexed: [app.rounds, app.organizations, app.applications, app.selections],
    features: [rounds, organizations, hostApplications, hostSelection, hostCommittee],
  });

  // Staff hear of results, requests, bids to review and the day's waiting work (docs/adr/0006).
  const staff = new StaffNotificationsStore(db);
  const notifications = competitionsNotifications({
    db,
    config: deps.config,
    logger: deps.logger,
    now: deps.now,
    store: staff,
  });
  await Promise.all([staff.ensureIndexes(), notifications.ensureIndexes()]);
  notificationRoutes.declareRoutes(deps.api, { store: staff, notifications, now: deps.now });
  const digests = new DailyTask(deps.config.NOTIFY_DIGEST_HOUR, deps.now, async (now) => {
    await sendCoordinatorDigests(staff, notifications, now);
  });

  return {
    problems: competitionsProblems,
    handlers: staffNotificationHandlers(staff, notifications),
    start: () => {
      if (notifications.sending) {
        notifications.start();
        digests.start(deps.logger);
      }
      return Promise.resolve();
    },
    onStop: [() => digests.stop(), () => notifications.stop()],
  };
};

/**
 * Runs `task` once a day, at `hour` (Kazakhstan time) or at the first look after it; it looks every ten minutes.
 * The task's notices are keyed by the day, so a second run on the same day (a restart) adds nothing.
 */
class DailyTask {
  private timer: NodeJS.Timeout | undefined;
  private lastDay: string | undefined;

  constructor(
    private readonly hour: number,
    private readonly now: () => Date,
    private readonly task: (now: Date) => Promise<void>,
  ) {}

  start(logger: { warn: (object: object, message: string) => void }): void {
    const look = () => {
      const now = this.now();
      const { date, hour } = kazakhstanClockOf(now);
      if (hour < this.hour || this.lastDay === date) return;
      this.task(now).then(
        () => {
          this.lastDay = date;
        },
        (error: unknown) =>
          logger.warn({ err: error }, 'the daily notification task failed; trying again later'),
      );
    };
    this.timer = setInterval(look, 10 * 60_000);
    this.timer.unref();
    look();
  }

  stop(): Promise<void> {
    clearInterval(this.timer);
    return Promise.resolve();
  }
}
