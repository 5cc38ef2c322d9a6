import fc from 'fast-check';
import { languages } from './language';
import {
  isRegionId,
  isRegionInForce,
  regionById,
  regionCrosswalk,
  regionHistoryStartsOn,
  regionIdSchema,
  regionIds,
  regionName,
  regions,
  regionsOn,
  successorsOf,
  type RegionId,
} from './regions';

function countByKind(date: string) {
  const inForce = regionsOn(date);
  return {
    oblasts: inForce.filter((r) => r.kind === 'oblast').length,
    cities: inForce.filter((r) => r.kind === 'city').length,
  };
}

function idsOn(date: string): RegionId[] {
  return regionsOn(date).map((r) => r.id);
}

const today = '2025-11-21';
const dateInHistory = fc
  .date({
    min: new Date(`${regionHistoryStartsOn}T00:00:00Z`),
    max: new Date('2030-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString().slice(0, 10));

describe('regionsOn', () => {
  it.each([
    ['2000-01-01', 14, 2],
    ['2017-03-01', 14, 2],
    ['2018-06-18', 14, 2],
    ['2018-06-19', 14, 3],
    ['2022-06-07', 14, 3],
    ['2022-06-08', 17, 3],
    [today, 17, 3],
  ])('on %s has %i oblasts and %i cities of republican significance', (date, oblasts, cities) => {
    expect(countByKind(date)).toEqual({ oblasts, cities });
  });

  it('has South Kazakhstan until 18 June 2018, Turkistan and Shymkent from 19 June 2018', () => {
    expect(idsOn('2018-06-18')).toContain('south-kazakhstan');
    expect(idsOn('2018-06-18')).not.toContain('turkistan');
    expect(idsOn('2018-06-18')).not.toContain('shymkent');
    expect(idsOn('2018-06-19')).not.toContain('south-kazakhstan');
    expect(idsOn('2018-06-19')).toEqual(expect.arrayContaining(['turkistan', 'shymkent']));
  });

  it('has Abai, Zhetisu and Ulytau from 8 June 2022', () => {
    expect(idsOn('2022-06-07')).not.toEqual(expect.arrayContaining(['abai']));
    expect(idsOn('2022-06-08')).toEqual(expect.arrayContaining(['abai', 'zhetisu', 'ulytau']));
  });

  it('can express the 2017 pilot regions: Almaty, Karaganda, Pavlodar and South Kazakhstan oblasts', () => {
    const pilot: RegionId[] = ['almaty-region', 'karaganda', 'pavlodar', 'south-kazakhstan'];
    for (const id of pilot) expect(isRegionInForce(id, '2017-09-01')).toBe(true);
    expect(pilot.map((id) => regionName(id, 'en', '2017-09-01'))).toEqual([
      'Almaty Region',
      'Karaganda Region',
      'Pavlodar Region',
      'South Kazakhstan Region',
    ]);
    expect(pilot.flatMap((id) => successorsOf(id, '2017-09-01'))).toEqual([
      'almaty-region',
      'zhetisu',
      'karaganda',
      'ulytau',
      'pavlodar',
      'turkistan',
      'shymkent',
    ]);
  });

  it('refuses dates outside the data or malformed', () => {
    expect(() => regionsOn('1999-12-31')).toThrow(RangeError);
    expect(() => regionsOn('2022-02-30')).toThrow(RangeError);
    expect(() => regionsOn('08.06.2022')).toThrow(RangeError);
  });

  it('never has two regions with the same name in any language on one day', () => {
    fc.assert(
      fc.property(dateInHistory, (date) => {
        for (const language of languages) {
          const names = regionsOn(date).map((r) => regionName(r.id, language, date));
          expect(new Set(names).size).toBe(names.length);
        }
      }),
    );
  });
});

describe('regionName', () => {
  it('follows the name history of Astana', () => {
    expect(regionName('astana', 'en', '2019-03-22')).toBe('Astana city');
    expect(regionName('astana', 'en', '2019-03-23')).toBe('Nur-Sultan city');
    expect(regionName('astana', 'kk', '2020-01-01')).toBe('Нұр-Сұлтан қаласы');
    expect(regionName('astana', 'ru', '2022-09-16')).toBe('город Нур-Султан');
    expect(regionName('astana', 'ru', '2022-09-17')).toBe('город Астана');
    expect(regionName('astana', 'en')).toBe('Astana city');
  });

  it('gives names in Kazakh, Russian and English', () => {
    expect(regionName('abai', 'kk')).toBe('Абай облысы');
    expect(regionName('abai', 'ru')).toBe('область Абай');
    expect(regionName('abai', 'en')).toBe('Abai Region');
    expect(regionName('south-kazakhstan', 'ru')).toBe('Южно-Казахстанская область');
  });

  it('gives the nearest name for a date outside the region’s life', () => {
    expect(regionName('south-kazakhstan', 'en', '2023-01-01')).toBe('South Kazakhstan Region');
    expect(regionName('zhetisu', 'kk', '2010-01-01')).toBe('Жетісу облысы');
  });
});

describe('the region data', () => {
  it('has one entry per id, with a name in every language, in the right script', () => {
    expect(regions.map((r) => r.id)).toEqual([...regionIds]);
    for (const region of regions) {
      expect(region.names.length).toBeGreaterThan(0);
      for (const { name } of region.names) {
        expect(name.kk).toMatch(/^[\p{Script=Cyrillic} -]+$/u);
        expect(name.ru).toMatch(/^[\p{Script=Cyrillic} -]+$/u);
        expect(name.en).toMatch(/^[A-Za-z -]+$/);
        for (const language of languages) expect(name[language]).toBe(name[language].trim());
      }
    }
  });

  it('cannot be changed in place', () => {
    expect(Object.isFrozen(regions)).toBe(true);
    expect(Object.isFrozen(regionById('astana').names[1]?.name)).toBe(true);
    expect(Object.isFrozen(regionCrosswalk[0]?.to)).toBe(true);
  });

  it('has name histories that cover each region’s validity without gaps or overlaps', () => {
    for (const region of regions) {
      const { names } = region;
      expect(names[0]?.validFrom).toBe(region.validFrom);
      expect(names[names.length - 1]?.validTo).toBe(region.validTo);
      for (let i = 1; i < names.length; i++) expect(names[i]?.validFrom).toBe(names[i - 1]?.validTo);
    }
  });

  it('explains every start and end of a region by a change in the crosswalk on that day', () => {
    for (const region of regions) {
      if (region.validTo !== null) {
        expect(regionCrosswalk.some((c) => c.from === region.id && c.on === region.validTo)).toBe(true);
      }
      if (region.validFrom !== null) {
        expect(regionCrosswalk.some((c) => c.to.includes(region.id) && c.on === region.validFrom)).toBe(true);
      }
    }
  });

  it('has crosswalk changes from regions in force the day before to regions in force on the day', () => {
    for (const change of regionCrosswalk) {
      const dayBefore = new Date(Date.parse(change.on) - 86_400_000).toISOString().slice(0, 10);
      expect(isRegionInForce(change.from, dayBefore)).toBe(true);
      for (const id of change.to) expect(isRegionInForce(id, change.on)).toBe(true);
      for (const language of languages) expect(change.description[language]).not.toBe('');
    }
  });
});

describe('successorsOf', () => {
  it('maps old regions to today’s', () => {
    expect(successorsOf('south-kazakhstan')).toEqual(['turkistan', 'shymkent']);
    expect(successorsOf('east-kazakhstan', '2021-01-01')).toEqual(['east-kazakhstan', 'abai']);
    expect(successorsOf('almaty-region')).toEqual(['almaty-region', 'zhetisu']);
    expect(successorsOf('karaganda', '2022-06-07')).toEqual(['karaganda', 'ulytau']);
    expect(successorsOf('pavlodar', '2017-01-01')).toEqual(['pavlodar']);
  });

  it('applies only the changes after the record was made', () => {
    expect(successorsOf('karaganda', '2022-06-08')).toEqual(['karaganda']);
    expect(successorsOf('abai')).toEqual(['abai']);
    expect(successorsOf('turkistan', '2019-01-01')).toEqual(['turkistan']);
  });

  it('applies only the changes up to asOf', () => {
    expect(successorsOf('almaty-region', '2017-01-01', '2020-01-01')).toEqual(['almaty-region']);
    expect(successorsOf('south-kazakhstan', '2017-01-01', '2018-06-19')).toEqual(['turkistan', 'shymkent']);
    expect(successorsOf('south-kazakhstan', '2017-01-01', '2018-06-18')).toEqual(['south-kazakhstan']);
  });

  it('refuses a record of a region that was not in force then', () => {
    expect(() => successorsOf('abai', '2017-01-01')).toThrow(RangeError);
    expect(() => successorsOf('south-kazakhstan', '2019-01-01')).toThrow(RangeError);
    expect(() => successorsOf('pavlodar', '2020-01-01', '2019-01-01')).toThrow(RangeError);
  });

  it('carries the whole map of one day onto the map of any later day, each region exactly once', () => {
    fc.assert(
      fc.property(dateInHistory, dateInHistory, (a, b) => {
        const [recordedOn, asOf] = a <= b ? [a, b] : [b, a];
        const carried = idsOn(recordedOn).flatMap((id) => successorsOf(id, recordedOn, asOf));
        expect([...carried].sort()).toEqual(idsOn(asOf).sort());
      }),
    );
  });
});

describe('region ids', () => {
  it('are recognised and validated', () => {
    for (const id of regionIds) {
      expect(isRegionId(id)).toBe(true);
      expect(regionIdSchema.parse(id)).toBe(id);
      expect(regionById(id).id).toBe(id);
    }
    expect(isRegionId('nur-sultan')).toBe(false);
    expect(isRegionId(undefined)).toBe(false);
    expect(regionIdSchema.safeParse('Almaty').success).toBe(false);
    expect(() => regionById('atlantis' as RegionId)).toThrow(RangeError);
  });
});
