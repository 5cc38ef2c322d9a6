import { type DisaggregationDimension, type IndicatorUnit } from '@zhas/contracts';

/*
 * The results framework of the Zhas Project as data (DESIGN.md section 2, step 9). The seed below is written to the
 * database at start (names, units and disaggregations follow the code; baselines and targets are kept once set, so
 * that coordinators may edit them). Yearly targets are cumulative end-of-year values for counts and amounts, and
 * the share or average expected that year for percentages and days, as in a World Bank results framework.
 */

export interface LocalizedName {
  readonly kk: string;
  readonly ru: string;
  readonly en: string;
}

export interface YearTarget {
  readonly year: number;
  readonly value: number;
}

/** How observations add up: a sum, a share of a denominator (percent), or an average (days). */
export type Aggregation = 'sum' | 'percent' | 'mean';
/** A flow counts what happened within the period; a stock is the state at the period's end. */
export type Timing = 'flow' | 'stock';

export interface IndicatorDefinition {
  readonly code: string;
  readonly name: LocalizedName;
  readonly unit: IndicatorUnit;
  readonly level: 'pdo' | 'intermediate';
  readonly aggregation: Aggregation;
  readonly timing: Timing;
  readonly baseline: number;
  readonly baselineYear: number;
  readonly targets: readonly YearTarget[];
  readonly disaggregations: readonly DisaggregationDimension[];
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

function yearly(values: readonly number[], from = 2017): YearTarget[] {
  return values.map((value, index) => ({ year: from + index, value }));
}

type Seed = Omit<IndicatorDefinition, 'baselineYear' | 'timing'> & { timing?: Timing; baselineYear?: number };

const seed: readonly Seed[] = [
  {
    code: 'PDO-1',
    name: {
      kk: 'Жобаларға қатысқан жастар',
      ru: 'Молодёжь, участвующая в проектах',
      en: 'Youth participating in projects',
    },
    unit: 'count',
    level: 'pdo',
    aggregation: 'sum',
    baseline: 0,
    targets: yearly([2000, 5500, 9000, 10000, 10000, 12000, 15000]),
    disaggregations: ALL,
  },
  {
    code: 'PDO-1.1',
    name: {
      kk: 'Қатысушылар арасындағы әйелдер үлесі',
      ru: 'Доля женщин среди участников',
      en: 'Share of women among participating youth',
    },
    unit: 'percent',
    level: 'pdo',
    aggregation: 'percent',
    baseline: 0,
    targets: yearly([50, 50, 50, 50, 50, 50, 50]),
    disaggregations: without('sex'),
  },
  {
    code: 'PDO-1.2',
    name: {
      kk: 'Қатысушылар арасындағы осал топтағы жастар үлесі',
      ru: 'Доля уязвимой молодёжи среди участников',
      en: 'Share of vulnerable youth among participating youth',
    },
    unit: 'percent',
    level: 'pdo',
    aggregation: 'percent',
    baseline: 0,
    targets: yearly([30, 35, 40, 40, 40, 40, 40]),
    disaggregations: without('vulnerability'),
  },
  {
    code: 'PDO-1.3',
    name: {
      kk: 'Қатысушылар арасындағы NEET жастар үлесі',
      ru: 'Доля молодёжи NEET среди участников',
      en: 'Share of NEET youth among participating youth',
    },
    unit: 'percent',
    level: 'pdo',
    aggregation: 'percent',
    baseline: 0,
    targets: yearly([40, 45, 50, 50, 50, 50, 50]),
    disaggregations: without('neet'),
  },
  {
    code: 'PDO-2',
    name: {
      kk: 'Жобаларды аяқтаған жастар',
      ru: 'Молодёжь, завершившая проекты',
      en: 'Youth completing projects',
    },
    unit: 'count',
    level: 'pdo',
    aggregation: 'sum',
    baseline: 0,
    targets: yearly([1600, 4400, 7200, 8000, 8000, 9600, 12000]),
    disaggregations: ALL,
  },
  {
    code: 'PDO-2.1',
    name: {
      kk: 'Аяқтағандар арасындағы әйелдер үлесі',
      ru: 'Доля женщин среди завершивших',
      en: 'Share of women among youth completing projects',
    },
    unit: 'percent',
    level: 'pdo',
    aggregation: 'percent',
    baseline: 0,
    targets: yearly([50, 50, 50, 50, 50, 50, 50]),
    disaggregations: without('sex'),
  },
  {
    code: 'PDO-2.2',
    name: {
      kk: 'Аяқтағандар арасындағы осал топтағы жастар үлесі',
      ru: 'Доля уязвимой молодёжи среди завершивших',
      en: 'Share of vulnerable youth among youth completing projects',
    },
    unit: 'percent',
    level: 'pdo',
    aggregation: 'percent',
    baseline: 0,
    targets: yearly([30, 35, 40, 40, 40, 40, 40]),
    disaggregations: without('vulnerability'),
  },
  {
    code: 'PDO-2.3',
    name: {
      kk: 'Аяқтағандар арасындағы NEET жастар үлесі',
      ru: 'Доля молодёжи NEET среди завершивших',
      en: 'Share of NEET youth among youth completing projects',
    },
    unit: 'percent',
    level: 'pdo',
    aggregation: 'percent',
    baseline: 0,
    targets: yearly([40, 45, 50, 50, 50, 50, 50]),
    disaggregations: without('neet'),
  },
  {
    code: 'PDO-3',
    name: {
      kk: 'Өмірлік дағдылары жақсарған қатысушылар',
      ru: 'Участники с улучшенными жизненными навыками',
      en: 'Participants with improved life skills',
    },
    unit: 'percent',
    level: 'pdo',
    aggregation: 'percent',
    baseline: 0,
    targets: yearly([60, 65, 70, 70, 70, 70, 70]),
    disaggregations: ALL,
  },
  {
    code: 'PDO-4',
    name: {
      kk: 'Шығу кезінде жұмыс істейтін, оқитын немесе өз ісі бар қатысушылар',
      ru: 'Участники, работающие, обучающиеся или имеющие своё дело при выходе',
      en: 'Participants employed, studying or in own business at exit',
    },
    unit: 'percent',
    level: 'pdo',
    aggregation: 'percent',
    baseline: 0,
    targets: yearly([30, 35, 40, 40, 40, 40, 40]),
    disaggregations: ALL,
  },
  {
    code: 'IR-1.1',
    name: {
      kk: 'Іріктелген қабылдаушы ұйымдар',
      ru: 'Отобранные принимающие организации',
      en: 'Host organizations selected',
    },
    unit: 'count',
    level: 'intermediate',
    aggregation: 'sum',
    baseline: 0,
    targets: yearly([40, 100, 160, 160, 160, 200, 240]),
    disaggregations: PLACE,
  },
  {
    code: 'IR-1.2',
    name: { kk: 'Түскен өтінімдер', ru: 'Поступившие заявки', en: 'Bids received' },
    unit: 'count',
    level: 'intermediate',
    aggregation: 'sum',
    baseline: 0,
    targets: yearly([900, 2400, 4000, 4000, 4000, 5000, 6000]),
    disaggregations: PLACE,
  },
  {
    code: 'IR-1.3',
    name: {
      kk: 'Осал топтағы жастары бар командалардың өтінімдер үлесі',
      ru: 'Доля заявок от команд с уязвимой молодёжью',
      en: 'Share of bids from teams with vulnerable youth',
    },
    unit: 'percent',
    level: 'intermediate',
    aggregation: 'percent',
    baseline: 0,
    targets: yearly([40, 45, 50, 50, 50, 50, 50]),
    disaggregations: PLACE,
  },
  {
    code: 'IR-2.1',
    name: { kk: 'Қаржыландырылған жобалар', ru: 'Профинансированные проекты', en: 'Projects financed' },
    unit: 'count',
    level: 'intermediate',
    aggregation: 'sum',
    baseline: 0,
    targets: yearly([589, 1616, 2716, 2900, 2900, 3400, 4000]),
    disaggregations: PLACE,
  },
  {
    code: 'IR-2.2',
    name: { kk: 'Іске асырылып жатқан жобалар', ru: 'Активные проекты', en: 'Projects active' },
    unit: 'count',
    level: 'intermediate',
    aggregation: 'sum',
    timing: 'stock',
    baseline: 0,
    targets: yearly([589, 1027, 1100, 200, 0, 500, 600]),
    disaggregations: PLACE,
  },
  {
    code: 'IR-2.3',
    name: { kk: 'Аяқталған жобалар', ru: 'Завершённые проекты', en: 'Projects completed' },
    unit: 'count',
    level: 'intermediate',
    aggregation: 'sum',
    baseline: 0,
    targets: yearly([0, 560, 1530, 2600, 2750, 3200, 3800]),
    disaggregations: PLACE,
  },
  {
    code: 'IR-2.4',
    name: {
      kk: 'Жобалар қамтыған пайда алушылар',
      ru: 'Охваченные благополучатели',
      en: 'Beneficiaries reached',
    },
    unit: 'count',
    level: 'intermediate',
    aggregation: 'sum',
    baseline: 0,
    targets: yearly([20000, 60000, 100000, 110000, 110000, 130000, 150000]),
    disaggregations: PLACE,
  },
  {
    code: 'IR-3.1',
    name: {
      kk: 'Міндеттелген гранттар (теңге)',
      ru: 'Обязательства по грантам (тенге)',
      en: 'Grants committed (KZT)',
    },
    unit: 'kzt',
    level: 'intermediate',
    aggregation: 'sum',
    baseline: 0,
    targets: yearly([
      589_000_000, 1_616_000_000, 2_716_000_000, 2_900_000_000, 2_900_000_000, 3_400_000_000, 4_000_000_000,
    ]),
    disaggregations: PLACE,
  },
  {
    code: 'IR-3.2',
    name: {
      kk: 'Төленген гранттар (теңге)',
      ru: 'Выплаченные гранты (тенге)',
      en: 'Grants disbursed (KZT)',
    },
    unit: 'kzt',
    level: 'intermediate',
    aggregation: 'sum',
    baseline: 0,
    targets: yearly([
      294_500_000, 1_100_000_000, 2_200_000_000, 2_850_000_000, 2_900_000_000, 3_300_000_000, 3_900_000_000,
    ]),
    disaggregations: PLACE,
  },
  {
    code: 'IR-3.3',
    name: {
      kk: 'Төленген стипендиялар (теңге)',
      ru: 'Выплаченные стипендии (тенге)',
      en: 'Stipends paid (KZT)',
    },
    unit: 'kzt',
    level: 'intermediate',
    aggregation: 'sum',
    baseline: 0,
    targets: yearly([
      480_000_000, 1_300_000_000, 2_150_000_000, 2_400_000_000, 2_400_000_000, 2_900_000_000, 3_600_000_000,
    ]),
    disaggregations: ALL,
  },
  {
    code: 'IR-4.1',
    name: {
      kk: 'Мерзімінде шешілген шағымдар',
      ru: 'Жалобы, решённые в срок',
      en: 'Grievances resolved on time',
    },
    unit: 'percent',
    level: 'intermediate',
    aggregation: 'percent',
    baseline: 0,
    targets: yearly([80, 85, 90, 90, 90, 90, 90]),
    disaggregations: PLACE,
  },
  {
    code: 'IR-4.2',
    name: {
      kk: 'Өтінімнен шешімге дейінгі күндер',
      ru: 'Дней от подачи заявки до решения',
      en: 'Days from submission to decision',
    },
    unit: 'days',
    level: 'intermediate',
    aggregation: 'mean',
    baseline: 90,
    targets: yearly([75, 60, 45, 45, 45, 40, 40]),
    disaggregations: PLACE,
  },
  {
    code: 'IR-5.1',
    name: {
      kk: 'Шығу кезінде жұмысқа орналасқандар',
      ru: 'Трудоустроены при выходе',
      en: 'Exit status: employed',
    },
    unit: 'count',
    level: 'intermediate',
    aggregation: 'sum',
    baseline: 0,
    targets: yearly([300, 900, 1500, 1700, 1700, 2000, 2500]),
    disaggregations: ALL,
  },
  {
    code: 'IR-5.2',
    name: { kk: 'Шығу кезінде оқитындар', ru: 'Обучаются при выходе', en: 'Exit status: studying' },
    unit: 'count',
    level: 'intermediate',
    aggregation: 'sum',
    baseline: 0,
    targets: yearly([200, 600, 1000, 1100, 1100, 1300, 1600]),
    disaggregations: ALL,
  },
  {
    code: 'IR-5.3',
    name: {
      kk: 'Шығу кезінде өз ісін ашқандар',
      ru: 'Открыли своё дело при выходе',
      en: 'Exit status: own business',
    },
    unit: 'count',
    level: 'intermediate',
    aggregation: 'sum',
    baseline: 0,
    targets: yearly([50, 150, 250, 300, 300, 350, 450]),
    disaggregations: ALL,
  },
  {
    code: 'IR-5.4',
    name: {
      kk: 'Шығу кезінде NEET болып қалғандар',
      ru: 'Остались NEET при выходе',
      en: 'Exit status: still NEET',
    },
    unit: 'count',
    level: 'intermediate',
    aggregation: 'sum',
    baseline: 0,
    targets: yearly([1000, 2700, 4400, 4900, 4900, 5900, 7400]),
    disaggregations: ALL,
  },
];

export const indicatorSeed: readonly IndicatorDefinition[] = seed.map((indicator) => ({
  ...indicator,
  timing: indicator.timing ?? 'flow',
  baselineYear: indicator.baselineYear ?? 2016,
}));

export const indicatorCodes: readonly string[] = indicatorSeed.map((indicator) => indicator.code);

/** The target for a year: that year's, or else the last one set before it. */
export function targetFor(targets: readonly YearTarget[], year: number): number | undefined {
  const earlier = [...targets].filter((target) => target.year <= year).sort((a, b) => b.year - a.year);
  return earlier[0]?.value;
}
