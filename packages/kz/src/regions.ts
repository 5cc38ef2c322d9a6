import { z } from 'zod';
import { type IsoDate, requireIsoDate } from './calendar';
import { type Language, type TranslatedText } from './language';

/**
 * The top-level regions of Kazakhstan (oblasts and cities of republican significance) as versioned
 * reference data. An id never changes meaning: a region that is renamed keeps its id and gains a name
 * entry; a region that is abolished keeps its id for old records, with validTo set. Dates are the days the
 * changes took effect; validFrom is inclusive and validTo exclusive, so a date belongs to exactly one state.
 *
 *   2018-06-19  South Kazakhstan oblast renamed Turkistan oblast (centre moved from Shymkent to Turkistan);
 *               Shymkent made a city of republican significance (Presidential Decree of 19 June 2018).
 *   2019-03-23  Astana renamed Nur-Sultan.
 *   2022-06-08  Abai oblast formed from East Kazakhstan, Zhetisu oblast from Almaty oblast, Ulytau oblast from
 *               Karaganda oblast (Presidential Decree of 3 May 2022, in force 8 June 2022).
 *   2022-09-17  Nur-Sultan renamed Astana again.
 *
 * The data describes the map from 2000-01-01 (regionHistoryStartsOn); earlier changes (the 1997 mergers, the
 * 1998 naming of Astana) are outside it, and asking about an earlier date is an error rather than a guess.
 */
export const regionIds = [
  'abai',
  'akmola',
  'aktobe',
  'almaty-region',
  'atyrau',
  'east-kazakhstan',
  'zhambyl',
  'zhetisu',
  'west-kazakhstan',
  'karaganda',
  'kostanay',
  'kyzylorda',
  'mangystau',
  'pavlodar',
  'north-kazakhstan',
  'turkistan',
  'ulytau',
  'astana',
  'almaty',
  'shymkent',
  'south-kazakhstan',
] as const;

export type RegionId = (typeof regionIds)[number];

export const regionKinds = ['oblast', 'city'] as const;
/** 'city' is a city of republican significance, on a par with an oblast. */
export type RegionKind = (typeof regionKinds)[number];

export const regionHistoryStartsOn: IsoDate = '2000-01-01';

export interface RegionName {
  readonly name: TranslatedText;
  /** Inclusive; null when the name was in use before regionHistoryStartsOn. */
  readonly validFrom: IsoDate | null;
  /** Exclusive; null when the name is in use today. */
  readonly validTo: IsoDate | null;
}

export interface Region {
  readonly id: RegionId;
  readonly kind: RegionKind;
  /** Inclusive; null when the region existed before regionHistoryStartsOn. */
  readonly validFrom: IsoDate | null;
  /** Exclusive (the day it ceased); null when the region is in force today. */
  readonly validTo: IsoDate | null;
  /** Its names over time, oldest first, covering its whole validity. */
  readonly names: readonly RegionName[];
}

/** A change in the map: territory recorded under `from` before `on` lies in the regions `to` since `on`. */
export interface RegionChange {
  readonly on: IsoDate;
  readonly from: RegionId;
  readonly to: readonly RegionId[];
  readonly description: TranslatedText;
}

/** Reference data is shared by every caller in the process, so nobody may change it in place. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const nested of Object.values(value) as unknown[]) deepFreeze(nested);
  }
  return value;
}

const shymkentCityFrom = '2018-06-19';
const newOblastsFrom = '2022-06-08';

function region(
  id: RegionId,
  kind: RegionKind,
  name: TranslatedText,
  validFrom: IsoDate | null = null,
  validTo: IsoDate | null = null,
): Region {
  return { id, kind, validFrom, validTo, names: [{ name, validFrom, validTo }] };
}

export const regions: readonly Region[] = deepFreeze([
  region('abai', 'oblast', { kk: 'Абай облысы', ru: 'область Абай', en: 'Abai Region' }, newOblastsFrom),
  region('akmola', 'oblast', { kk: 'Ақмола облысы', ru: 'Акмолинская область', en: 'Akmola Region' }),
  region('aktobe', 'oblast', { kk: 'Ақтөбе облысы', ru: 'Актюбинская область', en: 'Aktobe Region' }),
  region('almaty-region', 'oblast', { kk: 'Алматы облысы', ru: 'Алматинская область', en: 'Almaty Region' }),
  region('atyrau', 'oblast', { kk: 'Атырау облысы', ru: 'Атырауская область', en: 'Atyrau Region' }),
  region('east-kazakhstan', 'oblast', {
    kk: 'Шығыс Қазақстан облысы',
    ru: 'Восточно-Казахстанская область',
    en: 'East Kazakhstan Region',
  }),
  region('zhambyl', 'oblast', { kk: 'Жамбыл облысы', ru: 'Жамбылская область', en: 'Zhambyl Region' }),
  region(
    'zhetisu',
    'oblast',
    { kk: 'Жетісу облысы', ru: 'область Жетісу', en: 'Zhetisu Region' },
    newOblastsFrom,
  ),
  region('west-kazakhstan', 'oblast', {
    kk: 'Батыс Қазақстан облысы',
    ru: 'Западно-Казахстанская область',
    en: 'West Kazakhstan Region',
  }),
  region('karaganda', 'oblast', {
    kk: 'Қарағанды облысы',
    ru: 'Карагандинская область',
    en: 'Karaganda Region',
  }),
  region('kostanay', 'oblast', { kk: 'Қостанай облысы', ru: 'Костанайская область', en: 'Kostanay Region' }),
  region('kyzylorda', 'oblast', {
    kk: 'Қызылорда облысы',
    ru: 'Кызылординская область',
    en: 'Kyzylorda Region',
  }),
  region('mangystau', 'oblast', {
    kk: 'Маңғыстау облысы',
    ru: 'Мангистауская область',
    en: 'Mangystau Region',
  }),
  region('pavlodar', 'oblast', { kk: 'Павлодар облысы', ru: 'Павлодарская область', en: 'Pavlodar Region' }),
  region('north-kazakhstan', 'oblast', {
    kk: 'Солтүстік Қазақстан облысы',
    ru: 'Северо-Казахстанская область',
    en: 'North Kazakhstan Region',
  }),
  region(
    'turkistan',
    'oblast',
    { kk: 'Түркістан облысы', ru: 'Туркестанская область', en: 'Turkistan Region' },
    shymkentCityFrom,
  ),
  region(
    'ulytau',
    'oblast',
    { kk: 'Ұлытау облысы', ru: 'область Ұлытау', en: 'Ulytau Region' },
    newOblastsFrom,
  ),
  {
    id: 'astana',
    kind: 'city',
    validFrom: null,
    validTo: null,
    names: [
      {
        name: { kk: 'Астана қаласы', ru: 'город Астана', en: 'Astana city' },
        validFrom: null,
        validTo: '2019-03-23',
      },
      {
        name: { kk: 'Нұр-Сұлтан қаласы', ru: 'город Нур-Султан', en: 'Nur-Sultan city' },
        validFrom: '2019-03-23',
        validTo: '2022-09-17',
      },
      {
        name: { kk: 'Астана қаласы', ru: 'город Астана', en: 'Astana city' },
        validFrom: '2022-09-17',
        validTo: null,
      },
    ],
  },
  region('almaty', 'city', { kk: 'Алматы қаласы', ru: 'город Алматы', en: 'Almaty city' }),
  region(
    'shymkent',
    'city',
    { kk: 'Шымкент қаласы', ru: 'город Шымкент', en: 'Shymkent city' },
    shymkentCityFrom,
  ),
  region(
    'south-kazakhstan',
    'oblast',
    { kk: 'Оңтүстік Қазақстан облысы', ru: 'Южно-Казахстанская область', en: 'South Kazakhstan Region' },
    null,
    shymkentCityFrom,
  ),
]);

/** The crosswalk from old regions to new ones, in date order. */
export const regionCrosswalk: readonly RegionChange[] = deepFreeze([
  {
    on: shymkentCityFrom,
    from: 'south-kazakhstan',
    to: ['turkistan', 'shymkent'],
    description: {
      kk: 'Оңтүстік Қазақстан облысы Түркістан облысы болып қайта аталды, Шымкент республикалық маңызы бар қала болды.',
      ru: 'Южно-Казахстанская область переименована в Туркестанскую, Шымкент стал городом республиканского значения.',
      en: 'South Kazakhstan Region was renamed Turkistan Region and Shymkent became a city of republican significance.',
    },
  },
  {
    on: newOblastsFrom,
    from: 'east-kazakhstan',
    to: ['east-kazakhstan', 'abai'],
    description: {
      kk: 'Абай облысы Шығыс Қазақстан облысының құрамынан бөлініп құрылды.',
      ru: 'Область Абай образована путём выделения из Восточно-Казахстанской области.',
      en: 'Abai Region was formed from part of East Kazakhstan Region.',
    },
  },
  {
    on: newOblastsFrom,
    from: 'almaty-region',
    to: ['almaty-region', 'zhetisu'],
    description: {
      kk: 'Жетісу облысы Алматы облысының құрамынан бөлініп құрылды.',
      ru: 'Область Жетісу образована путём выделения из Алматинской области.',
      en: 'Zhetisu Region was formed from part of Almaty Region.',
    },
  },
  {
    on: newOblastsFrom,
    from: 'karaganda',
    to: ['karaganda', 'ulytau'],
    description: {
      kk: 'Ұлытау облысы Қарағанды облысының құрамынан бөлініп құрылды.',
      ru: 'Область Ұлытау образована путём выделения из Карагандинской области.',
      en: 'Ulytau Region was formed from part of Karaganda Region.',
    },
  },
]);

const regionsById: ReadonlyMap<string, Region> = new Map(regions.map((r) => [r.id, r]));

export const regionIdSchema = z.enum(regionIds);

export function isRegionId(value: unknown): value is RegionId {
  return typeof value === 'string' && regionsById.has(value);
}

export function regionById(id: RegionId): Region {
  const found = regionsById.get(id);
  if (!found) throw new RangeError(`Unknown region id '${String(id)}'`);
  return found;
}

/** Validates a date argument and that the data covers it. */
function requireHistoryDate(date: IsoDate, what: string): IsoDate {
  requireIsoDate(date, what);
  if (date < regionHistoryStartsOn) {
    throw new RangeError(`${what} ${date} is before ${regionHistoryStartsOn}, where the region data starts`);
  }
  return date;
}

function covers(
  period: { readonly validFrom: IsoDate | null; readonly validTo: IsoDate | null },
  date: IsoDate,
) {
  return (
    (period.validFrom === null || period.validFrom <= date) &&
    (period.validTo === null || date < period.validTo)
  );
}

export function isRegionInForce(id: RegionId, date: IsoDate): boolean {
  return covers(regionById(id), requireHistoryDate(date, 'date'));
}

/** The regions in force on a date, in the order of regionIds: the map a round of that date used. */
export function regionsOn(date: IsoDate): Region[] {
  const day = requireHistoryDate(date, 'date');
  return regions.filter((r) => covers(r, day));
}

/**
 * The region's name in a language on a date (default: its latest name). For a date outside the region's
 * validity the nearest name is given, so old records still display the name they were made under.
 */
export function regionName(id: RegionId, language: Language, onDate?: IsoDate): string {
  const { names } = regionById(id);
  const latest = names[names.length - 1];
  const earliest = names[0];
  if (!latest || !earliest) throw new RangeError(`Region '${id}' has no names`);
  if (onDate === undefined) return latest.name[language];
  requireIsoDate(onDate, 'onDate');
  const current = names.find((n) => covers(n, onDate));
  if (current) return current.name[language];
  return earliest.validFrom !== null && onDate < earliest.validFrom
    ? earliest.name[language]
    : latest.name[language];
}

/**
 * The regions that cover today (or `asOf`) the territory a record made on `recordedOn` put in region `id`.
 * Without `recordedOn`, the record is taken as made when the region began (or when the data starts), so
 * every later change applies: 'south-kazakhstan' gives ['turkistan', 'shymkent'], 'almaty-region' gives
 * ['almaty-region', 'zhetisu']; recorded after 2022-06-08, 'almaty-region' gives ['almaty-region'].
 * Throws RangeError when the region was not in force on `recordedOn`: such a record is inconsistent.
 */
export function successorsOf(id: RegionId, recordedOn?: IsoDate, asOf?: IsoDate): RegionId[] {
  const start = regionById(id);
  const recorded = requireHistoryDate(recordedOn ?? start.validFrom ?? regionHistoryStartsOn, 'recordedOn');
  if (!covers(start, recorded)) throw new RangeError(`Region '${id}' was not in force on ${recorded}`);
  if (asOf !== undefined && requireHistoryDate(asOf, 'asOf') < recorded) {
    throw new RangeError('asOf is before recordedOn');
  }
  let current: RegionId[] = [id];
  for (const change of regionCrosswalk) {
    if (change.on <= recorded || (asOf !== undefined && change.on > asOf)) continue;
    current = current.flatMap((r) => (r === change.from ? [...change.to] : [r]));
  }
  return [...new Set(current)];
}
