// What tests and tools may use of this service without starting it through main.ts.
export { composeService } from './app';
export { configSchema, SERVICE_NAME } from './config';
export type { Config } from './config';
// The figures' pure functions, for the dashboard benchmark (bench/src/dashboard.bench.ts).
export { addFacts, tallyFacts, TallyBuilder } from './features/figures/domain';
export { indicatorSeed } from './features/framework/seed';
export { emptyFacts, type Facts } from './features/indicators/facts';
export { indicatorValues, resultsFramework } from './features/indicators/tables';
export { parsePeriod } from './features/indicators/periods';
export { PUBLIC_RULE } from './features/disclosure/domain';
export { headline, regionMap } from './features/public/domain';
