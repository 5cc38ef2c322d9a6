import { disaggregationDimensions, indicatorSnapshotPublishedV1 } from '@zhas/contracts';
import { applyEdit, type StoredDefinition, targetAsOf, targetFor, targetProblems } from './domain';
import { indicatorSeed } from './seed';

const participating = (): StoredDefinition => {
  const found = indicatorSeed.find((indicator) => indicator.code === 'PDO-1');
  if (!found) throw new Error('PDO-1 missing');
  return { ...found, version: 1 };
};
const editor = { subject: 'admin-1', at: new Date('2020-02-01T10:00:00.000Z') };

describe('the seeded results framework', () => {
  it('has unique codes the snapshot event accepts, texts in three languages and a source for every target', () => {
    const codes = indicatorSeed.map((indicator) => indicator.code);
    expect(new Set(codes).size).toBe(codes.length);
    const snapshot = indicatorSnapshotPublishedV1.schema.safeParse({
      indicatorSnapshotId: 'snap-1',
      asOf: '2020-01-01T00:00:00.000Z',
      period: { from: '2019-01-01', to: '2019-12-31' },
      indicators: indicatorSeed.map(({ code, level, unit }) => ({
        code,
        level,
        unit,
        value: 0,
        disaggregations: [],
      })),
      publishedAt: '2020-01-01T00:00:00.000Z',
    });
    expect(snapshot.success).toBe(true);
    for (const indicator of indicatorSeed) {
      expect(indicator.code).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/);
      for (const text of [indicator.name, indicator.definition]) {
        expect([text.kk, text.ru, text.en].every((value) => value.length > 0)).toBe(true);
      }
      expect(indicator.disaggregations.every((d) => disaggregationDimensions.includes(d))).toBe(true);
      const years = indicator.targets.map((target) => target.year);
      expect(years).toEqual([...years].sort((a, b) => a - b));
      expect(years[0]).toBe(2017);
      expect(indicator.targets.every((target) => (target.source?.title.length ?? 0) > 0)).toBe(true);
      expect(indicator.baselineSource?.title).toBeTruthy();
      expect(indicator.aggregation === 'percent').toBe(indicator.unit === 'percent');
      expect(targetProblems(indicator)).toEqual([]);
    }
  });

  it("rests the participants and projects targets on the programme's published figures", () => {
    const byCode = new Map(indicatorSeed.map((indicator) => [indicator.code, indicator]));
    const target = (code: string, year: number) => targetFor(byCode.get(code)?.targets ?? [], year);
    // 2017: about 2,000 youth and 589 projects; 2018: about 3,500 youth and 1,027 projects; 2019: 3,500 and 1,100.
    expect([target('PDO-1', 2017), target('PDO-1', 2018), target('PDO-1', 2019)]).toEqual([2000, 5500, 9000]);
    expect([target('IR-2.1', 2017), target('IR-2.1', 2018), target('IR-2.1', 2019)]).toEqual([
      589, 1616, 2716,
    ]);
    const sourceOf = (code: string, year: number) =>
      byCode.get(code)?.targets.find((entry) => entry.year === year)?.source;
    expect(sourceOf('PDO-1', 2017)?.url).toMatch(/^https:\/\//);
    expect(sourceOf('IR-2.1', 2019)?.note).toContain('1,100');
  });
});

describe('editing an indicator', () => {
  it('records the fields it changed, as they were and as they became, with who and when', () => {
    const current = participating();
    const edited = applyEdit(
      current,
      { targets: [{ year: 2019, value: 9500 }, ...current.targets.filter((t) => t.year !== 2019)] },
      { ...editor, reason: 'Restructuring of 2019' },
    );
    expect(edited?.next.version).toBe(2);
    expect(targetFor(edited?.next.targets ?? [], 2019)).toBe(9500);
    expect(edited?.entry).toMatchObject({
      version: 2,
      changedAt: '2020-02-01T10:00:00.000Z',
      changedBy: 'admin-1',
      reason: 'Restructuring of 2019',
    });
    expect(Object.keys(edited?.entry.after ?? {})).toEqual(['targets']);
    expect(targetFor(edited?.entry.before.targets ?? [], 2019)).toBe(9000);
    // Targets are kept in year order whatever order they were sent in.
    const years = edited?.next.targets.map((target) => target.year) ?? [];
    expect(years).toEqual([...years].sort((a, b) => a - b));
  });

  it('changes nothing, not even the version, when the values are the ones already there', () => {
    const current = participating();
    expect(applyEdit(current, { baseline: current.baseline, name: current.name }, editor)).toBeUndefined();
  });

  it('names duplicate years and years before the baseline', () => {
    expect(
      targetProblems({
        baseline: 0,
        baselineYear: 2016,
        targets: [
          { year: 2015, value: 1 },
          { year: 2017, value: 2 },
          { year: 2017, value: 3 },
        ],
      }).map((problem) => problem.field),
    ).toEqual(['body.targets.0.year', 'body.targets.2.year']);
  });

  it('tells the target that was in force on a past date from the history', () => {
    const first = participating();
    const second = applyEdit(first, { targets: [{ year: 2019, value: 9500 }] }, editor);
    if (!second) throw new Error('no edit');
    const third = applyEdit(
      second.next,
      { targets: [{ year: 2019, value: 9800 }] },
      {
        ...editor,
        at: new Date('2020-06-01T00:00:00.000Z'),
      },
    );
    if (!third) throw new Error('no edit');
    const history = [second.entry, third.entry];
    expect(targetAsOf(third.next, history, 2019, '2020-01-15T00:00:00.000Z')).toBe(9000);
    expect(targetAsOf(third.next, history, 2019, '2020-03-01T00:00:00.000Z')).toBe(9500);
    expect(targetAsOf(third.next, history, 2019, '2020-07-01T00:00:00.000Z')).toBe(9800);
  });
});
