import {
  type AggregateStore,
  type CommandOptions,
  commandOptions as sharedCommandOptions,
} from '@zhas/messaging';
import { type PersonalDataVault, type ServiceDependencies } from '@zhas/service-kit';
import { type Config } from '../config';
import { type GrievanceState } from '../features/grievances/domain';
import { type RecoveryState, type StipendState, type TrancheState } from '../features/money/domain';
import { type Agreement, type ProjectState } from '../features/projects/domain';
import { type SurveyState } from '../features/projects/surveys';
import { type Mentors } from '../features/mentors/store';
import { type ReferenceData } from '../features/reference/copies';
import { type ReportState } from '../features/reports/domain';

export type AgreementRecord = Agreement & { projectId: string; roundId: string; region: string };

/** What the features share: the dependencies, the aggregate stores and the local copies. */
export interface Tracking {
  readonly deps: ServiceDependencies<Config>;
  readonly projects: AggregateStore<ProjectState>;
  readonly agreements: AggregateStore<AgreementRecord>;
  readonly tranches: AggregateStore<TrancheState>;
  readonly reports: AggregateStore<ReportState>;
  readonly stipends: AggregateStore<StipendState>;
  readonly surveys: AggregateStore<SurveyState>;
  readonly recoveries: AggregateStore<RecoveryState>;
  readonly grievances: AggregateStore<GrievanceState>;
  readonly mentors: Mentors;
  readonly reference: ReferenceData;
  /** Seals and opens grievance contacts and mentors' profiles (personal data at rest). */
  readonly vault: PersonalDataVault;
}

/** handleCommand's options for a command caused by a request, or by an event (its id as the causation). */
export function commandOptions(
  tracking: Tracking,
  correlationId: string,
  more: Partial<Omit<CommandOptions, 'correlationId' | 'now'>> = {},
): CommandOptions {
  return sharedCommandOptions(tracking.deps, correlationId || 'tracking', more);
}
