import { type ComposeService, declareFeatures, PersonalDataVault } from '@zhas/service-kit';
import { type Config } from './config';
import * as bids from './features/bids/routes';
import { decideBidsOfCancelledRound } from './features/bids/commands';
import { type BidState } from './features/bids/domain';
import { Bids } from './features/bids/store';
import * as lottery from './features/lottery/routes';
import { applicationsNotifications } from './features/notifications/contacts';
import { notificationHandlers } from './features/notifications/handlers';
import * as notificationRoutes from './features/notifications/routes';
import { ProjectCopies } from './features/notifications/store';
import { type LotteryState } from './features/lottery/domain';
import { Lotteries } from './features/lottery/store';
import * as participants from './features/participants/routes';
import { type ParticipantState } from './features/participants/domain';
import { participantCodec, Participants } from './features/participants/store';
import * as personalDataReads from './features/personal-data-reads/routes';
import { PersonalDataReads } from './features/personal-data-reads/store';
import * as reviewers from './features/reviewers/routes';
import { type ReviewerState } from './features/reviewers/domain';
import { Reviewers } from './features/reviewers/store';
import * as reviews from './features/reviews/routes';
import { type ReviewPlanState } from './features/reviews/domain';
import { ReviewPlans } from './features/reviews/store';
import * as pipeline from './features/pipeline/routes';
import { roundHandlers } from './features/rounds/handlers';
import { RoundCopies } from './features/rounds/store';
import * as teamInvitations from './features/team-invitations/routes';
import * as teams from './features/teams/routes';
import { type TeamState } from './features/teams/domain';
import { Teams } from './features/teams/store';
import { type ApplicationsContext } from './shared/context';
import { applicationsProblems } from './shared/problems';

/** The composition root of the applications service: wires its features to the database and Kafka. */
export const composeService: ComposeService<Config> = async (deps) => {
  const db = deps.mongo.db!;
  const vault = new PersonalDataVault(deps.config);
  const app: ApplicationsContext = {
    participants: new Participants(
      deps.aggregateStore<ParticipantState>('participants', 'participant', participantCodec(vault)),
      deps.config.IIN_INDEX_KEY,
      vault,
    ),
    personalDataReads: new PersonalDataReads(db, deps.now),
    teams: new Teams(deps.aggregateStore<TeamState>('teams', 'team'), db),
    bids: new Bids(deps.aggregateStore<BidState>('bids', 'bid'), db),
    lotteries: new Lotteries(deps.aggregateStore<LotteryState>('lotteries', 'lottery')),
    reviewers: new Reviewers(deps.aggregateStore<ReviewerState>('reviewers', 'reviewer')),
    reviewPlans: new ReviewPlans(deps.aggregateStore<ReviewPlanState>('reviewPlans', 'review-plan')),
    rounds: new RoundCopies(db),
    now: deps.now,
    idempotent: deps.idempotent,
  };
  await declareFeatures(deps.api, app, {
    indexed: [app.rounds, app.participants, app.personalDataReads, app.teams, app.bids, app.reviewers],
    features: [
      participants,
      personalDataReads,
      teams,
      teamInvitations,
      bids,
      reviewers,
      reviews,
      pipeline,
      lottery,
    ],
    auditTrail: [
      app.bids.store,
      app.teams.store,
      app.lotteries.store,
      app.reviewPlans.store,
      app.reviewers.store,
    ],
  });
  // Young people hear of what happens to their team, bid and project (docs/adr/0006-notifications.md): this
  // service sends because it holds their contact details.
  const notifications = applicationsNotifications({
    db,
    config: deps.config,
    logger: deps.logger,
    now: deps.now,
    participants: app.participants,
  });
  await notifications.ensureIndexes();
  notificationRoutes.declareRoutes(deps.api, notifications);

  return {
    handlers: {
      ...roundHandlers(app.rounds, (roundId, cause) => decideBidsOfCancelledRound(app, roundId, cause)),
      ...notificationHandlers(app, notifications, new ProjectCopies(db)),
    },
    problems: applicationsProblems,
    start: () => {
      if (notifications.sending) notifications.start();
      return Promise.resolve();
    },
    onStop: [() => notifications.stop()],
  };
};
