import { type ComposeService, declareFeatures, PersonalDataVault } from '@zhas/service-kit';
import { type Config } from './config';
import * as grievances from './features/grievances/routes';
import * as grievanceStore from './features/grievances/store';
import * as money from './features/money/routes';
import * as moneyStore from './features/money/store';
import * as mentors from './features/mentors/routes';
import { type MentorState } from './features/mentors/domain';
import { Mentors, mentorCodec } from './features/mentors/store';
import { settleWaitingStipends } from './features/money/stipends';
import { openFromAward } from './features/projects/commands';
import * as projects from './features/projects/routes';
import * as projectStore from './features/projects/store';
import { ReferenceData } from './features/reference/copies';
import * as reports from './features/reports/routes';
import * as reportStore from './features/reports/store';
import { type Tracking } from './shared/context';
import { trackingProblems } from './shared/problems';

/** The composition root of the tracking service: wires its features to the database and Kafka. */
export const composeService: ComposeService<Config> = async (deps) => {
  const db = deps.mongo.db!;
  const vault = new PersonalDataVault(deps.config);
  const tracking: Tracking = {
    deps,
    projects: deps.aggregateStore('projects', 'project'),
    agreements: deps.aggregateStore('agreements', 'agreement'),
    tranches: deps.aggregateStore('tranches', 'tranche'),
    reports: deps.aggregateStore('reports', 'report'),
    stipends: deps.aggregateStore('stipends', 'stipend'),
    surveys: deps.aggregateStore('surveys', 'survey'),
    recoveries: deps.aggregateStore('recoveries', 'recovery'),
    grievances: deps.aggregateStore('grievances', 'grievance', grievanceStore.grievanceCodec(vault)),
    mentors: new Mentors(deps.aggregateStore<MentorState>('mentors', 'mentor', mentorCodec(vault))),
    reference: new ReferenceData(
      db.collection('rounds'),
      db.collection('participants'),
      db.collection('teams'),
    ),
    vault,
  };
  // The projects', reports', money's and grievances' stores are module functions over the tracking context.
  const featureIndexes = [projectStore, reportStore, moneyStore, grievanceStore].map((store) => ({
    ensureIndexes: () => store.ensureIndexes(tracking),
  }));
  await declareFeatures(deps.api, tracking, {
    indexed: [...featureIndexes, tracking.mentors],
    features: [projects, reports, money, grievances, mentors],
    auditTrail: [
      tracking.projects,
      tracking.agreements,
      tracking.tranches,
      tracking.reports,
      tracking.stipends,
      tracking.recoveries,
      tracking.surveys,
      tracking.grievances,
      tracking.mentors.store,
    ],
  });

  return {
    handlers: {
      'applications.bid.awarded.v1': (event) => openFromAward(tracking, event),
      ...tracking.reference.handlers((participantId, correlationId, causationId) =>
        settleWaitingStipends(tracking, participantId, correlationId, causationId),
      ),
    },
    problems: trackingProblems,
  };
};
