import fc from 'fast-check';
import { PUBLIC_RULE } from '../disclosure/domain';
import { TallyBuilder } from '../figures/domain';
import { indicatorSeed } from '../framework/seed';
import {
  breakdown,
  headline,
  PUBLIC_CODES,
  PUBLIC_DIMENSIONS,
  type PublishedValue,
  regionMap,
} from './domain';

const participant = fc.record({
  on: fc.constantFrom('2019-04-01', '2019-09-15', '2020-04-01'),
  region: fc.constantFrom('akmola', 'atyrau', 'mangystau', 'almaty'),
  sex: fc.constantFrom('female', 'male'),
  ageBand: fc.constantFrom('14-17', '18-24', '25-29'),
  settlement: fc.constantFrom('urban', 'rural'),
  vulnerable: fc.constantFrom('true', 'false'),
  neet: fc.constantFrom('true', 'false'),
});

const definitions = indicatorSeed.filter((definition) => ['PDO-1', 'PDO-1.1'].includes(definition.code));

describe('the public tables', () => {
  it('never show a count under the threshold, round counts to fives and never withhold a lone cell', () => {
    fc.assert(
      fc.property(fc.array(participant, { maxLength: 120 }), (people) => {
        const builder = new TallyBuilder();
        for (const person of people) {
          const dims = {
            sex: person.sex,
            'age-band': person.ageBand,
            settlement: person.settlement,
            vulnerability: person.vulnerable,
            neet: person.neet,
            region: person.region,
            round: 'r',
          };
          const base = { on: person.on, roundId: 'r', region: person.region, dims };
          builder.add('PDO-1', { ...base, num: 1, den: 1 });
          builder.add('PDO-1.1', { ...base, num: person.sex === 'female' ? 1 : 0, den: 1 });
        }
        const tally = builder.build();
        const shown: PublishedValue[] = [];
        const groups: PublishedValue[][] = [];
        for (const period of ['all', 2019, 2020] as const) {
          shown.push(
            ...headline(definitions, tally, period, 2020, PUBLIC_RULE).filter(
              (item) => item.code === 'PDO-1',
            ),
          );
          for (const definition of definitions) {
            // Counts: no shown number under the threshold. Shares: neither side of one under it (tested in disclosure).
            const counted = definition.aggregation === 'sum';
            const map = regionMap(definition, tally, period, PUBLIC_RULE);
            if (counted) shown.push(map.total, ...map.groups);
            if (counted) groups.push(map.groups);
            for (const dimension of PUBLIC_DIMENSIONS) {
              for (const regions of [undefined, ['akmola']]) {
                const split = breakdown(definition, tally, period, dimension, PUBLIC_RULE, regions);
                if (counted) shown.push(split.total, ...split.groups);
                if (counted) groups.push(split.groups);
              }
            }
          }
        }
        for (const cell of shown) {
          if (cell.value === null) continue;
          expect(cell.value === 0 || cell.value >= PUBLIC_RULE.threshold).toBe(true);
        }
        for (const group of groups) {
          for (const cell of group) if (cell.value !== null) expect(cell.value % PUBLIC_RULE.roundTo).toBe(0);
          const withheld = group.filter((cell) => cell.suppressed).length;
          const nonZero = group.filter((cell) => cell.value !== 0).length;
          if (nonZero > 1) expect(withheld).not.toBe(1);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('publishes only the chosen indicators, each with the increase its cumulative target expects in a year', () => {
    const tally = new TallyBuilder().build();
    const items = headline(indicatorSeed, tally, 2019, 2020, PUBLIC_RULE);
    expect(items.map((item) => item.code)).toEqual(
      PUBLIC_CODES.filter((code) => items.some((i) => i.code === code)),
    );
    expect(items.find((item) => item.code === 'PDO-1')).toMatchObject({ value: 0, target: 3500 });
    expect(
      headline(indicatorSeed, tally, 'all', 2019, PUBLIC_RULE).find((item) => item.code === 'PDO-1'),
    ).toMatchObject({
      target: 9000,
    });
  });
});
