import { type ComposedService, type ServiceDependencies } from '@zhas/service-kit';
import { type Config } from './config';
import { declareSelectionRoutes, type HostSelection } from './features/host-applications/selection';
import {
  declareHostApplicationRoutes,
  ensureHostApplicationIndexes,
} from './features/host-applications/routes';
import { type HostApplicationState } from './features/host-applications/domain';
import { declareOrganizationRoutes, ensureOrganizationIndexes } from './features/organizations/routes';
import { type Organization } from './features/organizations/domain';
import { type RoundState } from './features/rounds/domain';
import { declareRoundRoutes } from './features/rounds/routes';

/**
 * The composition root of the competitions service: rounds, host organizations, their applications, committee
 * scores and the selection per region. It consumes no events.
 */
export async function composeService(deps: ServiceDependencies<Config>): Promise<ComposedService> {
  const db = deps.mongo.db!;
  const rounds = deps.aggregateStore<RoundState>('rounds', 'round');
  const applications = deps.aggregateStore<HostApplicationState>('hostApplications', 'host-application');
  const organizations = db.collection<Organization>('organizations');
  const selections = db.collection<HostSelection>('hostSelections');

  await Promise.all([
    rounds.collection.createIndex({ createdAt: -1, _id: -1 }),
    ensureOrganizationIndexes(organizations),
    ensureHostApplicationIndexes(applications),
    selections.createIndex({ roundId: 1, region: 1 }),
  ]);

  declareRoundRoutes(deps, rounds);
  declareOrganizationRoutes(deps, organizations);
  const stores = { applications, rounds, organizations, selections };
  declareHostApplicationRoutes(deps, stores);
  declareSelectionRoutes(deps, stores);
  return {};
}
