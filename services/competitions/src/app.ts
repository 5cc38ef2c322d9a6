import { type ComposedService, type ServiceDependencies } from '@zhas/service-kit';
import { type Config } from './config';
import * as hostApplications from './features/host-applications/routes';
import { type HostApplicationState } from './features/host-applications/domain';
import { HostApplications } from './features/host-applications/store';
import * as hostSelection from './features/host-selection/routes';
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
 * scores and the selection per region. It consumes no events.
 */
export async function composeService(deps: ServiceDependencies<Config>): Promise<ComposedService> {
  const db = deps.mongo.db!;
  const app: CompetitionsContext = {
    rounds: new Rounds(deps.aggregateStore<RoundState>('rounds', 'round')),
    organizations: new Organizations(db),
    applications: new HostApplications(
      deps.aggregateStore<HostApplicationState>('hostApplications', 'host-application'),
    ),
    selections: new Selections(db),
    now: deps.now,
    idempotent: deps.idempotent,
  };
  await Promise.all([
    app.rounds.ensureIndexes(),
    app.organizations.ensureIndexes(),
    app.applications.ensureIndexes(),
    app.selections.ensureIndexes(),
  ]);
  for (const feature of [rounds, organizations, hostApplications, hostSelection]) {
    feature.declareRoutes(deps.api, app);
  }
  return { problems: competitionsProblems };
}
