import { regionName, type RegionId } from '@zhas/kz';
import { type DisclosureRule, protectCell } from '../disclosure/domain';
import { type Tally, selectCells, sumCells } from '../figures/domain';
import { type IndicatorDefinition, type LocalizedText } from '../framework/domain';
import { type Financed } from '../indicators/compute';
import { PUBLIC_CODES } from '../public/domain';

/*
 * The programme as open data (pure functions): one IATI activity (standard 2.03) with its transactions and
 * results, and a 360Giving package (standard 1.4) with one grant per awarded project. Nothing personal goes in:
 * grants go to youth initiative groups, named by region and round, never by their members; the results are the
 * public, protected figures (disclosure/domain.ts); stipends appear only added up by region and month.
 */

/** ISO 3166-2:KZ codes of the project's regions (the numeric codes in force since 2022; South Kazakhstan's old one). */
export const iso3166: Readonly<Record<RegionId, string>> = {
  abai: 'KZ-10',
  akmola: 'KZ-11',
  aktobe: 'KZ-15',
  'almaty-region': 'KZ-19',
  atyrau: 'KZ-23',
  'west-kazakhstan': 'KZ-27',
  zhambyl: 'KZ-31',
  zhetisu: 'KZ-33',
  karaganda: 'KZ-35',
  kostanay: 'KZ-39',
  kyzylorda: 'KZ-43',
  mangystau: 'KZ-47',
  pavlodar: 'KZ-55',
  'north-kazakhstan': 'KZ-59',
  turkistan: 'KZ-61',
  ulytau: 'KZ-62',
  'east-kazakhstan': 'KZ-63',
  astana: 'KZ-71',
  almaty: 'KZ-75',
  shymkent: 'KZ-79',
  'south-kazakhstan': 'KZ-YUZ',
};

function regionLabel(region: string, language: 'kk' | 'ru' | 'en'): string {
  return region in iso3166 ? regionName(region as RegionId, language) : region;
}

/** Who publishes, and the identifiers the standards ask for (configuration). */
export interface Publisher {
  /** The reporting organisation's IATI identifier (its registered org-id). */
  readonly orgRef: string;
  readonly orgName: LocalizedText;
  /** IATI organisation type code (10: government). */
  readonly orgType: string;
  /** The activity's identifier: the org-id, a hyphen, the programme's own id. */
  readonly activityId: string;
  /** The 360Giving prefix of grant identifiers (360G-...). */
  readonly grantPrefix: string;
  readonly website: string;
  readonly licence: string;
}

export interface RoundInfo {
  readonly roundId: string;
  readonly year?: number;
  readonly title?: LocalizedText;
}

export interface Disbursement {
  readonly projectId: string;
  readonly trancheId: string;
  readonly on: string;
  readonly amountKzt: number;
}

export interface Grant extends Financed {
  readonly disbursements: readonly Disbursement[];
  readonly openedOn?: string;
}

/** The awarded projects with their disbursements, in id order. */
export function grantsOf(
  financed: readonly Financed[],
  disbursements: readonly Disbursement[],
  opened: ReadonlyMap<string, string>,
): Grant[] {
  const byProject = new Map<string, Disbursement[]>();
  for (const disbursement of disbursements) {
    const list = byProject.get(disbursement.projectId) ?? [];
    list.push(disbursement);
    byProject.set(disbursement.projectId, list);
  }
  return financed.map((project) => {
    const openedOn = project.projectId ? opened.get(project.projectId) : undefined;
    return {
      ...project,
      ...(openedOn ? { openedOn } : {}),
      disbursements: (project.projectId ? (byProject.get(project.projectId) ?? []) : []).sort((a, b) =>
        a.on < b.on ? -1 : a.on > b.on ? 1 : a.trancheId < b.trancheId ? -1 : 1,
      ),
    };
  });
}

const roundTitle = (rounds: ReadonlyMap<string, RoundInfo>, roundId: string, language: 'kk' | 'ru' | 'en') =>
  rounds.get(roundId)?.title?.[language] ?? roundId;

function grantKey(grant: Grant): string {
  return grant.projectId ?? grant.bidId;
}

// --- 360Giving ---------------------------------------------------------------------------------------------------

/** A 360Giving 1.4 data package: one grant per awarded project. */
export function threeSixtyGiving(
  grants: readonly Grant[],
  rounds: ReadonlyMap<string, RoundInfo>,
  publisher: Publisher,
  issuedAt: string,
): Record<string, unknown> {
  const funder = { id: publisher.orgRef, name: publisher.orgName.en };
  return {
    version: '1.4',
    title: 'Zhas Project grants to youth initiative groups',
    description:
      'Grants of the Zhas Project (Youth Corps Development Project, Kazakhstan): one grant per awarded youth ' +
      'social project. Recipients are initiative groups of young people, published without personal data.',
    issued: issuedAt,
    modified: issuedAt,
    identifier: `${publisher.grantPrefix}-grants`,
    publisher: { identifier: publisher.orgRef, name: publisher.orgName.en, website: publisher.website },
    license: publisher.licence,
    grants: grants.map((grant) => {
      const key = grantKey(grant);
      const disbursed = grant.disbursements.reduce((total, entry) => total + entry.amountKzt, 0);
      const region = regionLabel(grant.region, 'en');
      const round = roundTitle(rounds, grant.roundId, 'en');
      return {
        id: `${publisher.grantPrefix}-${key}`,
        title: `Youth social project in ${region} (${round})`,
        description:
          `A grant for six months of community service by a youth initiative group in ${region}, selected in ` +
          `the ${round} competition of the Zhas Project, with life-skills training, mentoring and stipends.`,
        currency: 'KZT',
        amountAwarded: grant.amountKzt,
        ...(grant.disbursements.length > 0 ? { amountDisbursed: disbursed } : {}),
        awardDate: grant.on,
        ...(grant.openedOn
          ? {
              plannedDates: [{ startDate: grant.openedOn, duration: 6 }],
            }
          : {}),
        ...(grant.completedOn || grant.terminatedOn
          ? {
              actualDates: [
                {
                  ...(grant.openedOn ? { startDate: grant.openedOn } : { startDate: grant.on }),
                  endDate: grant.completedOn ?? grant.terminatedOn,
                },
              ],
            }
          : {}),
        recipientIndividual: { id: `${publisher.grantPrefix}-IND-${key}`, name: 'Youth initiative group' },
        toIndividualsDetails: {
          primaryGrantReason: 'GTIR120',
          secondaryGrantReason: 'GTIR110',
          grantPurpose: ['GTIP160'],
        },
        beneficiaryLocation: [
          {
            ...(grant.region in iso3166 ? { id: iso3166[grant.region as RegionId] } : {}),
            name: region,
            countryCode: 'KZ',
          },
        ],
        fundingOrganization: [funder],
        grantProgramme: [{ code: grant.roundId, title: round }],
        fromOpenCall: 'Yes',
        ...(grant.disbursements.length > 0
          ? {
              disbursementTransaction: grant.disbursements.map((entry) => ({
                id: `${publisher.grantPrefix}-${entry.trancheId}`,
                transactionDate: entry.on,
                currency: 'KZT',
                value: entry.amountKzt,
              })),
            }
          : {}),
        dateModified: issuedAt,
      };
    }),
  };
}

// --- IATI ---------------------------------------------------------------------------------------------------------

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

type Node = string;

/** An element: attributes with undefined values are left out; children are already serialized. */
function el(
  name: string,
  attributes: Record<string, string | number | undefined> = {},
  ...children: Node[]
): Node {
  const attrs = Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join('');
  return children.length === 0 ? `<${name}${attrs}/>` : `<${name}${attrs}>${children.join('')}</${name}>`;
}

function narratives(text: LocalizedText | string): Node[] {
  if (typeof text === 'string') return [el('narrative', {}, escapeXml(text))];
  return (['en', 'ru', 'kk'] as const).map((language) =>
    el('narrative', language === 'en' ? {} : { 'xml:lang': language }, escapeXml(text[language])),
  );
}

export interface StipendMonth {
  readonly month: string;
  readonly region: string;
  readonly amountKzt: number | null;
}

/** Stipends paid, added up by month and region, protected like every public figure. */
export function stipendMonths(tally: Tally, rule: DisclosureRule): StipendMonth[] {
  const groups = new Map<string, { month: string; region: string; n: number; num: number; den: number }>();
  for (const cell of tally.cells.get('IR-3.3') ?? []) {
    const month = cell.on.slice(0, 7);
    const key = `${month}|${cell.region}`;
    const group = groups.get(key) ?? { month, region: cell.region, n: 0, num: 0, den: 0 };
    group.n += cell.n;
    group.num += cell.num;
    group.den += cell.den;
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) => a.month.localeCompare(b.month) || a.region.localeCompare(b.region))
    .map((group) => ({
      month: group.month,
      region: group.region,
      amountKzt: protectCell({ n: group.n, numerator: group.num, denominator: group.den }, 'kzt', 'sum', rule)
        .value,
    }));
}

function lastDayOf(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, number, 0)).toISOString().slice(0, 10);
}

export interface ActivityInput {
  readonly publisher: Publisher;
  readonly generatedAt: string;
  /** The programme's first and (if ended) last dates. */
  readonly startedOn: string;
  readonly endedOn?: string;
  readonly grants: readonly Grant[];
  readonly rounds: ReadonlyMap<string, RoundInfo>;
  readonly definitions: readonly IndicatorDefinition[];
  readonly tally: Tally;
  readonly rule: DisclosureRule;
  /** The years whose results are reported. */
  readonly years: readonly number[];
}

/** The indicator's published value for a year: cumulative to its end for sums, the year's own for the others. */
function yearActual(definition: IndicatorDefinition, tally: Tally, year: number, rule: DisclosureRule) {
  const cells = selectCells(tally.cells.get(definition.code) ?? [], definition.timing, {
    ...(definition.aggregation === 'sum' ? {} : { from: `${year}-01-01` }),
    to: `${year}-12-31`,
  });
  return protectCell(sumCells(cells), definition.unit, definition.aggregation, rule);
}

/** Lower is better for these: days to a decision, members still NEET at exit. */
const DESCENDING = new Set(['IR-4.2', 'IR-5.4']);

function indicatorXml(definition: IndicatorDefinition, input: ActivityInput): Node {
  const measure = definition.unit === 'percent' ? '2' : '1';
  const periods = input.years.flatMap((year) => {
    const target = definition.targets.find((entry) => entry.year === year);
    const actual = yearActual(definition, input.tally, year, input.rule);
    if (!target && actual.value === null && !actual.suppressed) return [];
    return [
      el(
        'period',
        {},
        el('period-start', { 'iso-date': `${year}-01-01` }),
        el('period-end', { 'iso-date': `${year}-12-31` }),
        ...(target
          ? [
              el(
                'target',
                { value: target.value },
                ...(target.source
                  ? [el('comment', {}, ...narratives(`Source: ${target.source.title}`))]
                  : []),
              ),
            ]
          : []),
        actual.suppressed
          ? el(
              'actual',
              {},
              el('comment', {}, ...narratives(`Withheld: fewer than ${input.rule.threshold}.`)),
            )
          : el('actual', { value: actual.value ?? undefined }),
      ),
    ];
  });
  const cumulative = definition.aggregation === 'sum';
  return el(
    'indicator',
    { measure, ascending: DESCENDING.has(definition.code) ? '0' : '1' },
    el('title', {}, ...narratives(definition.name)),
    el(
      'description',
      {},
      ...narratives({
        kk: definition.definition.kk,
        ru: definition.definition.ru,
        en:
          `${definition.definition.en} ` +
          (cumulative ? 'Targets and actuals are cumulative to the end of each year.' : 'Per year.'),
      }),
    ),
    el('reference', { vocabulary: '99', code: definition.code }),
    el(
      'baseline',
      { year: definition.baselineYear, value: definition.baseline },
      ...(definition.baselineSource
        ? [el('comment', {}, ...narratives(`Source: ${definition.baselineSource.title}`))]
        : []),
    ),
    ...periods,
  );
}

/** An IATI 2.03 activity file with the programme as its one activity. */
export function iatiActivities(input: ActivityInput): string {
  const { publisher } = input;
  const reportingOrg = el(
    'reporting-org',
    { ref: publisher.orgRef, type: publisher.orgType },
    ...narratives(publisher.orgName),
  );
  const transactions: Node[] = [];
  for (const grant of input.grants) {
    const receiver = el(
      'receiver-org',
      {},
      ...narratives({
        kk: `Жастар бастамашыл тобы, ${regionLabel(grant.region, 'kk')}`,
        ru: `Инициативная группа молодёжи, ${regionLabel(grant.region, 'ru')}`,
        en: `Youth initiative group, ${regionLabel(grant.region, 'en')}`,
      }),
    );
    transactions.push(
      el(
        'transaction',
        { ref: `${publisher.grantPrefix}-${grantKey(grant)}` },
        el('transaction-type', { code: '2' }),
        el('transaction-date', { 'iso-date': grant.on }),
        el('value', { currency: 'KZT', 'value-date': grant.on }, String(grant.amountKzt)),
        el(
          'description',
          {},
          ...narratives(`Grant awarded (${roundTitle(input.rounds, grant.roundId, 'en')})`),
        ),
        receiver,
      ),
    );
    for (const disbursement of grant.disbursements) {
      transactions.push(
        el(
          'transaction',
          { ref: `${publisher.grantPrefix}-${disbursement.trancheId}` },
          el('transaction-type', { code: '3' }),
          el('transaction-date', { 'iso-date': disbursement.on }),
          el('value', { currency: 'KZT', 'value-date': disbursement.on }, String(disbursement.amountKzt)),
          el('description', {}, ...narratives('Grant tranche paid')),
          receiver,
        ),
      );
    }
  }
  for (const month of stipendMonths(input.tally, input.rule)) {
    if (month.amountKzt === null || month.amountKzt === 0) continue;
    const date = lastDayOf(month.month);
    transactions.push(
      el(
        'transaction',
        {},
        el('transaction-type', { code: '4' }),
        el('transaction-date', { 'iso-date': date }),
        el('value', { currency: 'KZT', 'value-date': date }, String(month.amountKzt)),
        el(
          'description',
          {},
          ...narratives(
            `Stipends paid to participants in ${regionLabel(month.region, 'en')}, ${month.month}`,
          ),
        ),
      ),
    );
  }
  const published = input.definitions.filter((definition) => PUBLIC_CODES.includes(definition.code));
  const results = (['pdo', 'intermediate'] as const).flatMap((level) => {
    const indicators = published.filter((definition) => definition.level === level);
    if (indicators.length === 0) return [];
    return [
      el(
        'result',
        { type: level === 'pdo' ? '2' : '1', 'aggregation-status': '1' },
        el(
          'title',
          {},
          ...narratives(
            level === 'pdo'
              ? {
                  kk: 'Жобаның даму мақсатының көрсеткіштері',
                  ru: 'Показатели цели развития проекта',
                  en: 'Project development objective indicators',
                }
              : {
                  kk: 'Аралық нәтижелер көрсеткіштері',
                  ru: 'Показатели промежуточных результатов',
                  en: 'Intermediate results indicators',
                },
          ),
        ),
        ...indicators.map((definition) => indicatorXml(definition, input)),
      ),
    ];
  });
  const activity = el(
    'iati-activity',
    {
      'last-updated-datetime': input.generatedAt,
      'xml:lang': 'en',
      'default-currency': 'KZT',
      hierarchy: '1',
    },
    el('iati-identifier', {}, escapeXml(publisher.activityId)),
    reportingOrg,
    el(
      'title',
      {},
      ...narratives({
        kk: 'Жастар корпусын дамыту жобасы (Zhas Project)',
        ru: 'Проект развития молодёжного корпуса (Zhas Project)',
        en: 'Youth Corps Development Project (Zhas Project)',
      }),
    ),
    el(
      'description',
      { type: '1' },
      ...narratives({
        kk: 'Жастар командалары қоғамға пайдалы әлеуметтік жобаларды жүзеге асырады: грант, өмірлік дағдыларға оқыту, тәлімгерлік және стипендия.',
        ru: 'Команды молодёжи реализуют общественно полезные социальные проекты: грант, обучение жизненным навыкам, наставничество и стипендии.',
        en: 'Teams of young people carry out social projects for their communities, with a grant, life-skills training, mentoring and stipends.',
      }),
    ),
    el(
      'description',
      { type: '2' },
      ...narratives(
        "To promote young people's community engagement and life skills through a community-based service " +
          'learning program, especially for vulnerable youth.',
      ),
    ),
    el(
      'participating-org',
      { ref: '44000', role: '1', type: '40' },
      ...narratives('World Bank (trust fund with the contribution of Switzerland)'),
    ),
    el(
      'participating-org',
      { ref: publisher.orgRef, role: '2', type: publisher.orgType },
      ...narratives(publisher.orgName),
    ),
    el(
      'participating-org',
      { role: '4', type: '21' },
      ...narratives('Coordinating Agency of the Zhas Project'),
    ),
    el(
      'other-identifier',
      { ref: 'P127966', type: 'B1' },
      el('owner-org', { ref: '44000' }, ...narratives('World Bank')),
    ),
    el('activity-status', { code: input.endedOn ? '4' : '2' }),
    el('activity-date', { 'iso-date': input.startedOn, type: '2' }),
    ...(input.endedOn ? [el('activity-date', { 'iso-date': input.endedOn, type: '4' })] : []),
    el('activity-scope', { code: '2' }),
    el('recipient-country', { code: 'KZ', percentage: '100' }),
    el('sector', { vocabulary: '1', code: '11231', percentage: '100' }),
    el('default-flow-type', { code: '10' }),
    el('default-finance-type', { code: '110' }),
    el('default-aid-type', { code: 'C01' }),
    ...transactions,
    ...results,
  );
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    el('iati-activities', { version: '2.03', 'generated-datetime': input.generatedAt }, activity) +
    '\n'
  );
}
