import { type CommandContext } from '@zhas/service-kit';
import { type HostApplications } from '../features/host-applications/store';
import { type HostCommittees } from '../features/host-committee/store';
import { type Selections } from '../features/host-selection/store';
import { type Organizations } from '../features/organizations/store';
import { type Rounds } from '../features/rounds/store';

/** What every feature's commands and routes receive: the stores, the clock and the idempotent-request runner. */
export interface CompetitionsContext extends CommandContext {
  readonly rounds: Rounds;
  readonly organizations: Organizations;
  readonly applications: HostApplications;
  readonly selections: Selections;
  readonly committees: HostCommittees;
}

/** One way to state a command's options in every service (the context carries the clock). */
export { commandOptions } from '@zhas/messaging';
