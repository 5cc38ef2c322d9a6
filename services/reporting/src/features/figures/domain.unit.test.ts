import { disaggregationDimensions } from '@zhas/contracts';
import fc from 'fast-check';
import { indicatorSeed } from '../framework/seed';
import { disaggregate, type Observation, select, valueOf } from '../indicators/compute';
import { rowsBehind, selectCells, sumCells, TallyBuilder } from './domain';
import { comparableGroups, comparableRegionOf, comparableView, membersOfComparable } from './regions';

const date = fc
  .tuple(
    fc.integer({ min: 2018, max: 2023 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 28 }),
  )
  .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const observation: fc.Arbitrary<Observation> = fc
  .record({
    on: date,
    until: fc.option(date, { nil: undefined }),
    roundId: fc.constantFrom('r1', 'r2'),
    region: fc.constantFrom('almaty-region', 'zhetisu', 'akmola'),
    sex: fc.constantFrom('female', 'male', 'unknown'),
    neet: fc.constantFrom('true', 'false'),
    num: fc.integer({ min: 0, max: 3 }),
    den: fc.integer({ min: 0, max: 1 }),
  })
  .map(({ until, sex, neet, ...rest }) => ({
    ...rest,
    ...(until !== undefined && until > rest.on ? { until } : {}),
    dims: { sex, neet, region: rest.region, round: rest.roundId },
  }));
const selection = fc.record({
  from: fc.option(date, { nil: undefined }),
  to: fc.option(date, { nil: undefined }),
  regions: fc.option(fc.subarray(['almaty-region', 'zhetisu', 'akmola']), { nil: undefined }),
});

const tallyOf = (observations: readonly Observation[]) => {
  const builder = new TallyBuilder();
  for (const entry of observations) builder.add('X', entry);
  return builder.build();
};

describe('a tally of observations', () => {
  it('gives every value and disaggregation exactly as the observations do, for flows, stocks, shares and means', () => {
    const definitions = ['PDO-1', 'PDO-1.1', 'IR-2.2', 'IR-4.2'].map((code) => {
      const found = indicatorSeed.find((indicator) => indicator.code === code);
      if (!found) throw new Error(code);
      return found;
    });
    fc.assert(
      fc.property(fc.array(observation, { maxLength: 60 }), selection, (observations, chosen) => {
        const cells = tallyOf(observations).cells.get('X') ?? [];
        expect(cells.length).toBeLessThanOrEqual(observations.length);
        for (const definition of definitions) {
          expect(valueOf(definition, cells, chosen, ['sex', 'neet', 'region'])).toEqual(
            valueOf(definition, observations, chosen, ['sex', 'neet', 'region']),
          );
          // Cutting the date range by bisection selects the same cells as filtering them all.
          expect(selectCells(cells, definition.timing, chosen)).toEqual(
            select(cells, definition.timing, chosen),
          );
        }
      }),
    );
  });

  it('counts the observations behind each cell and adds the rows behind a figure up to the figure', () => {
    const person = (on: string, region: string, sex: string): Observation => ({
      on,
      roundId: 'r1',
      region,
      dims: { region, sex },
      num: 1,
      den: 1,
    });
    const observations = [
      person('2019-04-01', 'akmola', 'female'),
      person('2019-04-01', 'akmola', 'female'),
      person('2019-04-20', 'akmola', 'male'),
      person('2019-05-02', 'atyrau', 'male'),
    ];
    const tally = tallyOf(observations);
    expect(tally.observations).toBe(4);
    const cells = tally.cells.get('X') ?? [];
    expect(cells.map((cell) => cell.n)).toEqual([2, 1, 1]);
    expect(rowsBehind(cells)).toEqual([
      { roundId: 'r1', region: 'akmola', month: '2019-04', n: 3, numerator: 3, denominator: 3 },
      { roundId: 'r1', region: 'atyrau', month: '2019-05', n: 1, numerator: 1, denominator: 1 },
    ]);
    expect(sumCells(cells)).toEqual({ n: 4, numerator: 4, denominator: 4 });
  });
});

describe('regions across the 2018 and 2022 changes', () => {
  it('puts each region split off since 2018 with the region it came from', () => {
    const comparable = (regions: string[]) => regions.map(comparableRegionOf);
    expect(comparable(['zhetisu', 'almaty-region'])).toEqual(['almaty-region', 'almaty-region']);
    expect(comparable(['shymkent', 'turkistan'])).toEqual(['south-kazakhstan', 'south-kazakhstan']);
    expect(comparable(['abai', 'ulytau', 'akmola'])).toEqual(['east-kazakhstan', 'karaganda', 'akmola']);
    expect(membersOfComparable('almaty-region').sort()).toEqual(['almaty-region', 'zhetisu']);
    expect(membersOfComparable('akmola')).toEqual(['akmola']);
    expect(Object.keys(comparableGroups()).sort()).toEqual([
      'almaty-region',
      'east-kazakhstan',
      'karaganda',
      'south-kazakhstan',
    ]);
  });

  it('keeps a series of Almaty oblast unbroken when Zhetisu is formed from it in June 2022', () => {
    const project = (on: string, region: string): Observation => ({
      on,
      roundId: 'r',
      region,
      dims: { region, round: 'r' },
      num: 1,
      den: 1,
    });
    // 10 projects a year, recorded in Almaty oblast before the change and split 6/4 after it.
    const observations = [
      ...Array.from({ length: 10 }, () => project('2021-09-01', 'almaty-region')),
      ...Array.from({ length: 6 }, () => project('2022-09-01', 'almaty-region')),
      ...Array.from({ length: 4 }, () => project('2022-09-01', 'zhetisu')),
    ];
    const tally = tallyOf(observations);
    const byRegion = (cells: readonly Observation[], year: string) =>
      Object.fromEntries(
        disaggregate(
          select(cells, 'flow', { from: `${year}-01-01`, to: `${year}-12-31` }),
          'region',
          'sum',
        ).map((group) => [group.key, group.value]),
      );
    expect(byRegion(tally.cells.get('X') ?? [], '2022')).toEqual({ 'almaty-region': 6, zhetisu: 4 });
    const comparable = comparableView(tally).cells.get('X') ?? [];
    expect(byRegion(comparable, '2021')).toEqual({ 'almaty-region': 10 });
    expect(byRegion(comparable, '2022')).toEqual({ 'almaty-region': 10 });
    // A reader limited to Zhetisu still counts Zhetisu only, whatever the basis.
    expect(valueOf(indicatorSeed[0]!, comparable, { regions: ['zhetisu'] }).value).toBe(4);
  });
});

it('knows every disaggregation dimension the contracts name', () => {
  expect(disaggregationDimensions).toContain('region');
});
