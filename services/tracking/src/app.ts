import { type ComposedService, type ServiceDependencies } from '@zhas/service-kit';
import { type Config } from './config';
import * as grievances from './features/grievances/routes';
import * as money from './features/money/routes';
import { settleWaitingStipends } from './features/money/stipends';
import { openFromAward } from './features/projects/commands';
import * as projects from './features/projects/routes';
import { ReferenceData } from './features/reference/copies';
import * as reports from './features/reports/routes';
import { type Tracking } from './shared/context';
import { trackingProblems } from './shared/problems';

/** The composition root of the tracking service: wires its features to the database and Kafka. */
export async function composeService(deps: ServiceDependencies<Config>): Promise<ComposedService> {
  const db = deps.mongo.db!;
  const tracking: Tracking = {
    deps,
    projects: deps.aggregateStore('projects', 'project'),
    agreements: deps.aggregateStore('agreements', 'agreement'),
    tranches: deps.aggregateStore('tranches', 'tranche'),
    reports: deps.aggregateStore('reports', 'report'),
    stipends: deps.aggregateStore('stipends', 'stipend'),
    surveys: deps.aggregateStore('surveys', 'survey'),
    recoveries: deps.aggregateStore('recoveries', 'recovery'),
    grievances: deps.aggregateStore('grievances', 'grievance'),
    reference: new ReferenceData(
      db.collection('rounds'),
      db.collection('participants'),
      db.collection('teams'),
    ),
  };
  // Lists filter on these; all are plain (compound) indexes, which FerretDB and MongoDB both have.
  await Promise.all([
    tracking.projects.collection.createIndex({ region: 1, status: 1 }),
    tracking.projects.collection.createIndex({ hostOrganizationId: 1 }),
    tracking.projects.collection.createIndex({ memberParticipantIds: 1 }),
    tracking.tranches.collection.createIndex({ projectId: 1 }),
    tracking.reports.collection.createIndex({ projectId: 1 }),
    tracking.stipends.collection.createIndex({ status: 1, region: 1 }),
    tracking.stipends.collection.createIndex({ participantId: 1, status: 1 }),
    tracking.surveys.collection.createIndex({ projectId: 1 }),
    tracking.recoveries.collection.createIndex({ projectId: 1 }),
    tracking.grievances.collection.createIndex({ status: 1, region: 1, responseDueOn: 1 }),
  ]);

  for (const feature of [projects, reports, money, grievances]) feature.declareRoutes(deps.api, tracking);

  return {
    handlers: {
      'applications.bid.awarded.v1': (event) => openFromAward(tracking, event),
      ...tracking.reference.handlers((participantId, correlationId, causationId) =>
        settleWaitingStipends(tracking, participantId, correlationId, causationId),
      ),
    },
    problems: trackingProblems,
  };
}
