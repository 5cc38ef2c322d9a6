import { type Observation } from './compute';
import { indicatorSeed } from '../framework/seed';
import { parsePeriod } from './periods';
import { resultsFramework, timeSeries } from './tables';

const seedOf = (code: string) => {
  const found = indicatorSeed.find((indicator) => indicator.code === code);
  if (!found) throw new Error(code);
  return found;
};
const observation = (on: string, num: number, until?: string): Observation => ({
  on,
  ...(until ? { until } : {}),
  roundId: 'r1',
  region: 'akmola',
  dims: { region: 'akmola', round: 'r1' },
  num,
  den: 1,
});

describe('the results framework and time series', () => {
  const observations = new Map<string, Observation[]>([
    ['IR-3.2', [observation('2019-04-20', 500_000), observation('2019-07-25', 500_000)]],
    ['IR-2.2', [observation('2019-04-15', 1, '2019-10-20'), observation('2019-04-16', 1)]],
  ]);
  const period = parsePeriod('2019-S2');
  if (!period) throw new Error('2019-S2');

  it('gives baseline, the target of the year, actual to date, the semester value and the share of target', () => {
    const rows = resultsFramework(
      [
        { ...seedOf('IR-3.2'), targets: [{ year: 2019, value: 2_200_000_000 }] },
        seedOf('IR-2.2'),
        seedOf('PDO-3'),
      ],
      observations,
      period,
      {},
    );
    expect(rows[0]).toMatchObject({
      code: 'IR-3.2',
      baseline: 0,
      target: 2_200_000_000,
      actual: 1_000_000,
      periodValue: 500_000,
      shareOfTarget: 0.05,
    });
    // A stock: projects running on 31 December, whatever the period's start.
    expect(rows[1]).toMatchObject({ code: 'IR-2.2', actual: 1, periodValue: 1, target: 1100 });
    // No observations of a share: no value, no share of target.
    expect(rows[2]).toMatchObject({ code: 'PDO-3', actual: null, periodValue: null, shareOfTarget: null });
  });

  it('limits the table to rounds and regions', () => {
    const [row] = resultsFramework([seedOf('IR-3.2')], observations, period, { regions: ['atyrau'] });
    expect(row).toMatchObject({ actual: 0, periodValue: 0, shareOfTarget: 0 });
  });

  it('gives a series per period, or cumulated', () => {
    const series = (code: string, granularity: 'quarter' | 'semester', cumulative: boolean) =>
      timeSeries(
        seedOf(code),
        observations.get(code) ?? [],
        { from: '2019-01-01', to: '2019-12-31' },
        granularity,
        cumulative,
        {},
      );
    const perQuarter = series('IR-3.2', 'quarter', false);
    expect(perQuarter.map((point) => [point.period, point.value])).toEqual([
      ['2019-Q1', 0],
      ['2019-Q2', 500_000],
      ['2019-Q3', 500_000],
      ['2019-Q4', 0],
    ]);
    const cumulated = series('IR-3.2', 'semester', true);
    expect(cumulated.map((point) => point.value)).toEqual([500_000, 1_000_000]);
    const active = series('IR-2.2', 'quarter', false);
    expect(active.map((point) => point.value)).toEqual([0, 2, 2, 1]);
  });
});
