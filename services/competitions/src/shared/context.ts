import { type CommandOptions } from '@zhas/messaging';
import { type ServiceDependencies } from '@zhas/service-kit';
import { type Config } from '../config';
import { type HostApplications } from '../features/host-applications/store';
import { type Selections } from '../features/host-selection/store';
import { type Organizations } from '../features/organizations/store';
import { type Rounds } from '../features/rounds/store';

/** What every feature's commands and routes receive: the stores, the clock and the idempotent-request runner. */
export interface CompetitionsContext {
  readonly rounds: Rounds;
  readonly organizations: Organizations;
  readonly applications: HostApplications;
  readonly selections: Selections;
  readonly now: () => Date;
  readonly idempotent: ServiceDependencies<Config>['idempotent'];
}

/** handleCommand's options for a command caused by a request. */
export function commandOptions(
  app: CompetitionsContext,
  correlationId: string,
  more: Partial<Omit<CommandOptions, 'correlationId' | 'now'>> = {},
): CommandOptions {
  return { correlationId, now: app.now, ...more };
}
