import { type ServiceDependencies } from '@zhas/service-kit';
import { type Config } from '../config';
import { type DisclosureRule } from '../features/disclosure/domain';
import { type Figures } from '../features/figures/commands';
import { type SnapshotLog } from '../features/figures/store';
import { type IndicatorDefinitions } from '../features/framework/store';
import { type ReadModelProgress } from '../features/read-models/progress';
import { type Generations } from '../features/read-models/store';
import { type Rebuilds } from '../features/rebuild/rebuilds';

/** What the features share: the dependencies, the read models, the framework, the figures and their rules. */
export interface Reporting {
  readonly deps: ServiceDependencies<Config>;
  readonly generations: Generations;
  readonly definitions: IndicatorDefinitions;
  readonly figures: Figures;
  readonly snapshotLog: SnapshotLog;
  readonly rebuilds: Rebuilds;
  readonly progress: () => Promise<ReadModelProgress>;
  /** The small-cell rule of signed-in readers' exports (no rounding). */
  readonly internalRule: DisclosureRule;
  /** The rule of everything published without sign-in. */
  readonly publicRule: DisclosureRule;
}
