import { type DisaggregationDimension } from '@zhas/contracts';
import { z } from 'zod';
import { type Computation, type IndicatorDefinition, type SourceReference } from './domain';
import framework from './results-framework.json';

/*
 * The first version of the Zhas Project's results framework, written to the database on first start and edited
 * through the API after that (framework/store.ts). What an admin may edit (names, definitions, levels, baselines,
 * targets and their sources) is data, in results-framework.json; how each indicator is counted follows the code,
 * below. Targets rest on the programme's published figures where there are any; each target names its source, and
 * targets the programme never published cite the programme team's planning, with how they were derived. Yearly
 * targets are cumulative end-of-year values for counts and amounts.
 */

const localizedText = z.object({ kk: z.string(), ru: z.string(), en: z.string() });
const sourceSchema = z.object({ title: z.string(), url: z.string().optional(), note: z.string() });
/** A number's source: one of `sources`, with a note of its own on how the number rests on it. */
const citation = z.object({ source: z.string(), note: z.string().optional() });
const frameworkFile = z.object({
  sources: z.record(z.string(), sourceSchema),
  indicators: z.array(
    z.object({
      code: z.string(),
      level: z.enum(['pdo', 'intermediate']),
      name: localizedText,
      definition: localizedText,
      baseline: z.number(),
      baselineYear: z.int(),
      baselineSource: citation,
      targets: z.array(citation.extend({ year: z.int(), value: z.number() })),
    }),
  ),
});

const { sources, indicators } = frameworkFile.parse(framework);

function cited({ source, note }: z.infer<typeof citation>): SourceReference {
  const reference = sources[source];
  if (!reference) throw new Error(`results-framework.json cites an unknown source: ${source}`);
  return note === undefined ? reference : { ...reference, note };
}

const ALL: readonly DisaggregationDimension[] = [
  'sex',
  'age-band',
  'region',
  'settlement',
  'vulnerability',
  'neet',
  'round',
];
const PLACE: readonly DisaggregationDimension[] = ['region', 'round'];
const without = (...dimensions: DisaggregationDimension[]) => ALL.filter((d) => !dimensions.includes(d));

const flow =
  (unit: Computation['unit'], aggregation: Computation['aggregation']) =>
  (disaggregations: readonly DisaggregationDimension[]): Computation => ({
    unit,
    aggregation,
    timing: 'flow',
    disaggregations,
  });
const count = flow('count', 'sum');
const share = flow('percent', 'percent');
const tenge = flow('kzt', 'sum');
const days = flow('days', 'mean');

/** How each indicator is counted, by code: the part of a definition that follows the code. */
export const computations: ReadonlyMap<string, Computation> = new Map([
  ['PDO-1', count(ALL)],
  ['PDO-1.1', share(without('sex'))],
  ['PDO-1.2', share(without('vulnerability'))],
  ['PDO-1.3', share(without('neet'))],
  ['PDO-2', count(ALL)],
  ['PDO-2.1', share(without('sex'))],
  ['PDO-2.2', share(without('vulnerability'))],
  ['PDO-2.3', share(without('neet'))],
  ['PDO-3', share(ALL)],
  ['PDO-4', share(ALL)],
  ['IR-1.1', count(PLACE)],
  ['IR-1.2', count(PLACE)],
  ['IR-1.3', share(PLACE)],
  ['IR-2.1', count(PLACE)],
  ['IR-2.2', { unit: 'count', aggregation: 'sum', timing: 'stock', disaggregations: PLACE }],
  ['IR-2.3', count(PLACE)],
  ['IR-2.4', count(PLACE)],
  ['IR-3.1', tenge(PLACE)],
  ['IR-3.2', tenge(PLACE)],
  ['IR-3.3', tenge(ALL)],
  ['IR-4.1', share(PLACE)],
  ['IR-4.2', days(PLACE)],
  ['IR-5.1', count(ALL)],
  ['IR-5.2', count(ALL)],
  ['IR-5.3', count(ALL)],
  ['IR-5.4', count(ALL)],
]);

export const indicatorSeed: readonly IndicatorDefinition[] = indicators.map((entry) => {
  const computation = computations.get(entry.code);
  if (!computation) throw new Error(`No computation for indicator ${entry.code}`);
  return {
    code: entry.code,
    name: entry.name,
    definition: entry.definition,
    level: entry.level,
    ...computation,
    baseline: entry.baseline,
    baselineYear: entry.baselineYear,
    baselineSource: cited(entry.baselineSource),
    targets: entry.targets.map(({ year, value, ...citation }) => ({ year, value, source: cited(citation) })),
  };
});

export const indicatorCodes: readonly string[] = indicatorSeed.map((indicator) => indicator.code);
