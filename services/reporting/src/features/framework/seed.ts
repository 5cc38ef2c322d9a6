import { type DisaggregationDimension } from '@zhas/contracts';
import {
  type Computation,
  type IndicatorDefinition,
  type LocalizedText,
  type SourceReference,
  type YearTarget,
} from './domain';

/*
 * The first version of the Zhas Project's results framework, written to the database on first start and edited
 * through the API after that (framework/store.ts). Targets rest on the programme's published figures where there
 * are any; each target names its source, and targets the programme never published are marked as planning
 * assumptions, with how they were derived. Yearly targets are cumulative end-of-year values for counts and amounts.
 */

export const sources = {
  pad: {
    title:
      'World Bank, Project Appraisal Document on a proposed grant to the Republic of Kazakhstan for a Youth Corps ' +
      'Project (P127966), Report No. 77131-KZ, 25 March 2014',
    url: 'https://documents.worldbank.org/curated/en/696991468272385072',
    note:
      "Development objective: to promote young people's community engagement and life skills through a " +
      'community-based service learning program, especially for vulnerable youth.',
  },
  grantAgreement: {
    title:
      'Ministry of Education and Science on the grant agreement with the World Bank (Zakon.kz, reprinted)',
    url: 'https://novosti-bankov.ru/finansy/18177-20-mln-vydelit-vsemirnyy-bank-dlya-togo-chtoby-zanyat-kazahstanskuyu-molodezh-finansy.html',
    note: 'About 1,700 projects with about 8,500 young people and about 100 youth organizations over the grant.',
  },
  pilot2017: {
    title:
      'Tengrinews, "2,000 young Kazakhstanis carried out their social projects in 2017", 21 December 2017',
    url: 'https://tengrinews.kz/kazakhstan_news/2000-molodyih-kazahstantsev-realizovali-svoi-sotsialnyie-333736/',
    note: 'About 2,000 participants in 4 pilot regions; more than 40 percent of them from vulnerable groups.',
  },
  round2018: {
    title: 'Central Asia News, "The World Bank helps young Kazakhs realize their ambitions", 2018',
    url: 'https://centralasia.news/1638-vsemirnyy-bank-pomogaet-molodym-kazaham-realizovat-svoi-ambicii.html',
    note: 'Grants to about 3,500 young people in six regions in 2018; up to 1,000,000 KZT per initiative.',
  },
  plan2019: {
    title: 'Ministry of Education and Science, press conference at the Central Communications Service, 2019',
    url: 'https://kazakhstannewsgazette.com/world-bank-finances-youth-corps-development-project-in-kazakhstan/',
    note:
      '5,508 young people over 2017-2018; 2019 plan: 3,500 participants and at least 1,100 projects in six ' +
      'regions, grants of 1,000,000 KZT, stipends of 60,000 KZT (graduates) and 40,000 KZT a month; more than ' +
      '8,500 young people by 2020.',
  },
  closing2022: {
    title: 'Zakon.kz, round table on the results of the Zhas Project, 23 February 2022',
    url: 'https://www.zakon.kz/6008304-dolia-molodezhi-kategorii-neet-v-kazakhstane-snizilas-vsemirnyi-bank.html',
    note: 'Over four years more than 9,000 young people carried out more than 2,900 projects.',
  },
  programmeRecords: {
    title: 'Programme records of the Coordinating Agency, 2017 and 2018 rounds',
    note: '589 projects in 2017 and 1,027 in 2018; not yet matched to a public document.',
  },
  planning: {
    title: 'Planning assumption of the programme team',
    note: 'Not published; derived from the published figures as the note of each target says.',
  },
} as const satisfies Record<string, SourceReference>;

function noted(source: SourceReference, note: string): SourceReference {
  return { ...source, note };
}

type TargetSeed = readonly [year: number, value: number, source: SourceReference];

function targets(...entries: TargetSeed[]): YearTarget[] {
  return entries.map(([year, value, source]) => ({ year, value, source }));
}

/** The same target every year from 2017 to 2023, from one source. */
function steady(value: number, source: SourceReference): YearTarget[] {
  return [2017, 2018, 2019, 2020, 2021, 2022, 2023].map((year) => ({ year, value, source }));
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

const count = (disaggregations = ALL): Computation => ({
  unit: 'count',
  aggregation: 'sum',
  timing: 'flow',
  disaggregations,
});
const share = (disaggregations = ALL): Computation => ({
  unit: 'percent',
  aggregation: 'percent',
  timing: 'flow',
  disaggregations,
});
const tenge = (disaggregations = PLACE): Computation => ({
  unit: 'kzt',
  aggregation: 'sum',
  timing: 'flow',
  disaggregations,
});

const planned = (note: string) => noted(sources.planning, note);
const later = (note: string) => planned(`Continuation on state funds since 2022: ${note}`);

// Cumulative participants: 2,000 (2017), 5,500 (2018: 5,508 reported over two years), 9,000 (2019: +3,500 planned).
const youth = targets(
  [2017, 2000, sources.pilot2017],
  [2018, 5500, noted(sources.plan2019, '5,508 young people over 2017-2018, rounded.')],
  [2019, 9000, noted(sources.plan2019, '5,500 by 2018 plus the 3,500 participants planned for 2019.')],
  [2020, 10000, noted(sources.closing2022, 'More than 9,000 over four years; target rounded up.')],
  [2021, 10000, noted(sources.closing2022, 'No new round financed by the grant after 2020.')],
  [2022, 12000, later('about 2,000 participants a year.')],
  [2023, 15000, later('about 3,000 participants a year.')],
);
const completionRate = 0.8;
const completing = youth.map((target) => ({
  year: target.year,
  value: Math.round(target.value * completionRate),
  source: planned(
    `${completionRate * 100} percent of the participants target of the year complete their project.`,
  ),
}));
const projects = targets(
  [2017, 589, sources.programmeRecords],
  [2018, 1616, noted(sources.programmeRecords, '589 in 2017 plus 1,027 in 2018.')],
  [2019, 2716, noted(sources.plan2019, '1,616 by 2018 plus at least 1,100 projects planned for 2019.')],
  [2020, 2900, noted(sources.closing2022, 'More than 2,900 projects over four years.')],
  [2021, 2900, noted(sources.closing2022, 'No new round financed by the grant after 2020.')],
  [2022, 3400, later('about 500 projects a year.')],
  [2023, 4000, later('about 600 projects a year.')],
);
const perProject = (factor: number, note: string) =>
  projects.map((target) => ({
    year: target.year,
    value: Math.round(target.value * factor),
    source: planned(note),
  }));

interface Seed {
  readonly code: string;
  readonly name: LocalizedText;
  readonly definition: LocalizedText;
  readonly level: IndicatorDefinition['level'];
  readonly computation: Computation;
  readonly baseline?: number;
  readonly baselineSource?: SourceReference;
  readonly targets: readonly YearTarget[];
}

const seed: readonly Seed[] = [
  {
    code: 'PDO-1',
    name: {
      kk: 'Жобаларға қатысқан жастар',
      ru: 'Молодёжь, участвующая в проектах',
      en: 'Youth participating in projects',
    },
    definition: {
      kk: 'Грант алған командалардың мүшелері, жобаның раунды мен өңірі бойынша, грант берілген күннен бастап есептеледі.',
      ru: 'Участники команд, получивших грант, по раунду и региону проекта, со дня присуждения гранта.',
      en: "Members of teams awarded a grant, in the project's round and region, counted from the award date.",
    },
    level: 'pdo',
    computation: count(),
    targets: youth,
  },
  {
    code: 'PDO-1.1',
    name: {
      kk: 'Қатысушылар арасындағы әйелдер үлесі',
      ru: 'Доля женщин среди участников',
      en: 'Share of women among participating youth',
    },
    definition: {
      kk: 'Қатысушылар ішіндегі әйелдер пайызы; жынысы әлі белгісіз қатысушылар бөлімге кірмейді.',
      ru: 'Процент женщин среди участников; участники, чей пол ещё не известен, в знаменатель не входят.',
      en: 'Percent of women among participants; participants whose sex is not known yet are left out.',
    },
    level: 'pdo',
    computation: share(without('sex')),
    targets: steady(50, planned('Gender parity among participants.')),
  },
  {
    code: 'PDO-1.2',
    name: {
      kk: 'Қатысушылар арасындағы осал топтағы жастар үлесі',
      ru: 'Доля уязвимой молодёжи среди участников',
      en: 'Share of vulnerable youth among participating youth',
    },
    definition: {
      kk: 'Кемінде бір осалдық санаты бар қатысушылар пайызы (аз қамтылған, мүгедектігі бар, жетім, қандас, жұмыссыз және т.б.).',
      ru: 'Процент участников хотя бы с одной категорией уязвимости (малообеспеченные, с инвалидностью, сироты, кандасы, безработные и др.).',
      en: 'Percent of participants with at least one vulnerability category (low income, disability, orphan, kandas, unemployed, ...).',
    },
    level: 'pdo',
    computation: share(without('vulnerability')),
    targets: steady(
      40,
      noted(sources.pilot2017, 'More than 40 percent reported for the pilot; kept as target.'),
    ),
  },
  {
    code: 'PDO-1.3',
    name: {
      kk: 'Қатысушылар арасындағы NEET жастар үлесі',
      ru: 'Доля молодёжи NEET среди участников',
      en: 'Share of NEET youth among participating youth',
    },
    definition: {
      kk: 'Тіркелу кезінде оқымайтын, жұмыс істемейтін және кәсіптік оқуда жоқ қатысушылар пайызы.',
      ru: 'Процент участников, которые при регистрации не учились, не работали и не проходили профобучение.',
      en: 'Percent of participants not in employment, education or training when they registered.',
    },
    level: 'pdo',
    computation: share(without('neet')),
    targets: targets(
      [2017, 40, planned('The PAD targets NEET youth among the vulnerable; 40 percent in the pilot.')],
      [2018, 45, planned('Five points a year until half of the participants are NEET.')],
      [2019, 50, planned('Half of the participants NEET.')],
    ),
  },
  {
    code: 'PDO-2',
    name: {
      kk: 'Жобаларды аяқтаған жастар',
      ru: 'Молодёжь, завершившая проекты',
      en: 'Youth completing projects',
    },
    definition: {
      kk: 'Аяқталған жобалардың соңына дейін қалған мүшелері, жоба аяқталған күні есептеледі.',
      ru: 'Участники завершённых проектов, оставшиеся до конца, на дату завершения проекта.',
      en: 'Members of completed projects who stayed to the end, counted on the completion date.',
    },
    level: 'pdo',
    computation: count(),
    targets: completing,
  },
  {
    code: 'PDO-2.1',
    name: {
      kk: 'Аяқтағандар арасындағы әйелдер үлесі',
      ru: 'Доля женщин среди завершивших',
      en: 'Share of women among youth completing projects',
    },
    definition: {
      kk: 'Жобаны аяқтағандар ішіндегі әйелдер пайызы.',
      ru: 'Процент женщин среди завершивших проект.',
      en: 'Percent of women among youth completing projects.',
    },
    level: 'pdo',
    computation: share(without('sex')),
    targets: steady(50, planned('Gender parity among completers.')),
  },
  {
    code: 'PDO-2.2',
    name: {
      kk: 'Аяқтағандар арасындағы осал топтағы жастар үлесі',
      ru: 'Доля уязвимой молодёжи среди завершивших',
      en: 'Share of vulnerable youth among youth completing projects',
    },
    definition: {
      kk: 'Жобаны аяқтағандар ішіндегі осал топтағы жастар пайызы.',
      ru: 'Процент уязвимой молодёжи среди завершивших проект.',
      en: 'Percent of vulnerable youth among youth completing projects.',
    },
    level: 'pdo',
    computation: share(without('vulnerability')),
    targets: steady(40, planned('The share among participants (PDO-1.2) kept to the end.')),
  },
  {
    code: 'PDO-2.3',
    name: {
      kk: 'Аяқтағандар арасындағы NEET жастар үлесі',
      ru: 'Доля молодёжи NEET среди завершивших',
      en: 'Share of NEET youth among youth completing projects',
    },
    definition: {
      kk: 'Жобаны аяқтағандар ішіндегі тіркелу кезінде NEET болған жастар пайызы.',
      ru: 'Процент молодёжи, бывшей NEET при регистрации, среди завершивших проект.',
      en: 'Percent of youth who were NEET at registration among youth completing projects.',
    },
    level: 'pdo',
    computation: share(without('neet')),
    targets: targets(
      [2017, 40, planned('The share among participants (PDO-1.3) kept to the end.')],
      [2018, 45, planned('The share among participants (PDO-1.3) kept to the end.')],
      [2019, 50, planned('The share among participants (PDO-1.3) kept to the end.')],
    ),
  },
  {
    code: 'PDO-3',
    name: {
      kk: 'Өмірлік дағдылары жақсарған қатысушылар',
      ru: 'Участники с улучшенными жизненными навыками',
      en: 'Participants with improved life skills',
    },
    definition: {
      kk: 'Соңғы сауалнамадағы өмірлік дағдылар балы сол сауалнаманың бастапқы балынан жоғары болған қатысушылар пайызы.',
      ru: 'Процент участников, у которых балл жизненных навыков в итоговом опросе выше, чем в начальном опросе той же анкеты.',
      en: 'Percent of participants whose endline life-skills score beats their baseline score on the same questionnaire.',
    },
    level: 'pdo',
    computation: share(),
    targets: targets(
      [
        2017,
        60,
        noted(sources.pad, 'Life skills are half of the development objective; 60 percent improving.'),
      ],
      [2018, 65, planned('Five points a year up to 70 percent.')],
      [2019, 70, planned('Kept at 70 percent.')],
    ),
  },
  {
    code: 'PDO-4',
    name: {
      kk: 'Шығу кезінде жұмыс істейтін, оқитын немесе өз ісі бар қатысушылар',
      ru: 'Участники, работающие, обучающиеся или имеющие своё дело при выходе',
      en: 'Participants employed, studying or in own business at exit',
    },
    definition: {
      kk: 'Жобадан шыққан мүшелер ішінде жұмыс істейтін, оқитын немесе өз ісін ашқандар пайызы.',
      ru: 'Процент вышедших из проекта участников, которые работают, учатся или открыли своё дело.',
      en: 'Percent of members leaving a project who are employed, studying or running their own business.',
    },
    level: 'pdo',
    computation: share(),
    targets: targets(
      [2017, 30, planned('A third of the leavers out of NEET.')],
      [2018, 35, planned('Five points a year up to 40 percent.')],
      [2019, 40, planned('Kept at 40 percent.')],
    ),
  },
  {
    code: 'IR-1.1',
    name: {
      kk: 'Іріктелген қабылдаушы ұйымдар',
      ru: 'Отобранные принимающие организации',
      en: 'Host organizations selected',
    },
    definition: {
      kk: 'Өз конкурсында іріктелген қабылдаушы ұйымдардың өтінімдері, іріктелген күні.',
      ru: 'Заявки принимающих организаций, отобранные в их конкурсе, на дату отбора.',
      en: 'Host-organization applications selected in their competition, on the selection date.',
    },
    level: 'intermediate',
    computation: count(PLACE),
    targets: targets(
      [
        2017,
        40,
        noted(sources.grantAgreement, 'About 100 youth organizations over the grant; 40 in the pilot.'),
      ],
      [2018, 100, noted(sources.grantAgreement, 'About 100 youth organizations over the grant.')],
      [2019, 160, planned('About 60 a year with the 2019 regions.')],
      [2022, 200, later('about 40 a year.')],
      [2023, 240, later('about 40 a year.')],
    ),
  },
  {
    code: 'IR-1.2',
    name: { kk: 'Түскен өтінімдер', ru: 'Поступившие заявки', en: 'Bids received' },
    definition: {
      kk: 'Бірінші рет тапсырылған өтінімдер, тапсырылған күні.',
      ru: 'Заявки, поданные впервые, на дату первой подачи.',
      en: 'Bids submitted for the first time, on the date of the first submission.',
    },
    level: 'intermediate',
    computation: count(PLACE),
    targets: perProject(1.5, 'One and a half bids for every project financed.'),
  },
  {
    code: 'IR-1.3',
    name: {
      kk: 'Осал топтағы жастары бар командалардың өтінімдер үлесі',
      ru: 'Доля заявок от команд с уязвимой молодёжью',
      en: 'Share of bids from teams with vulnerable youth',
    },
    definition: {
      kk: 'Кемінде бір мүшесі осал топқа жататын командалардың өтінімдер пайызы.',
      ru: 'Процент заявок от команд, где хотя бы один участник относится к уязвимой молодёжи.',
      en: 'Percent of bids from teams with at least one vulnerable member.',
    },
    level: 'intermediate',
    computation: share(PLACE),
    targets: targets(
      [2017, 40, noted(sources.pad, 'The objective names vulnerable youth first.')],
      [2018, 45, planned('Five points a year up to half of the bids.')],
      [2019, 50, planned('Half of the bids.')],
    ),
  },
  {
    code: 'IR-2.1',
    name: { kk: 'Қаржыландырылған жобалар', ru: 'Профинансированные проекты', en: 'Projects financed' },
    definition: {
      kk: 'Грант берілген өтінімдер (немесе олардан ашылған жобалар), грант берілген күні.',
      ru: 'Заявки, получившие грант (или открытые по ним проекты), на дату присуждения.',
      en: 'Bids awarded a grant (or the projects opened from them), on the award date.',
    },
    level: 'intermediate',
    computation: count(PLACE),
    targets: projects,
  },
  {
    code: 'IR-2.2',
    name: { kk: 'Іске асырылып жатқан жобалар', ru: 'Активные проекты', en: 'Projects active' },
    definition: {
      kk: 'Кезең соңында жүріп жатқан жобалар: грант берілген, бірақ әлі аяқталмаған не тоқтатылмаған.',
      ru: 'Проекты, идущие на конец периода: грант присуждён, проект ещё не завершён и не прекращён.',
      en: 'Projects running at the end of the period: awarded, not yet completed or terminated.',
    },
    level: 'intermediate',
    computation: { unit: 'count', aggregation: 'sum', timing: 'stock', disaggregations: PLACE },
    targets: targets(
      [2017, 589, noted(sources.programmeRecords, "The 2017 round's projects run into 2018.")],
      [2018, 1027, noted(sources.programmeRecords, "The 2018 round's projects.")],
      [2019, 1100, noted(sources.plan2019, 'At least 1,100 projects in 2019.')],
      [2020, 200, planned('Last projects of the grant finishing.')],
      [2021, 0, noted(sources.closing2022, 'The grant closed.')],
      [2022, 500, later('about 500 projects a year.')],
      [2023, 600, later('about 600 projects a year.')],
    ),
  },
  {
    code: 'IR-2.3',
    name: { kk: 'Аяқталған жобалар', ru: 'Завершённые проекты', en: 'Projects completed' },
    definition: {
      kk: 'Қорытынды есебі қабылданып аяқталған жобалар, аяқталған күні.',
      ru: 'Проекты, завершённые с принятым итоговым отчётом, на дату завершения.',
      en: 'Projects completed with an accepted final report, on the completion date.',
    },
    level: 'intermediate',
    computation: count(PLACE),
    targets: targets(
      [2017, 0, planned('Pilot projects end in 2018.')],
      [2018, 560, planned('95 percent of the 589 pilot projects.')],
      [2019, 1530, planned('95 percent of the 1,616 projects of 2017-2018.')],
      [2020, 2600, planned('95 percent of the 2,716 projects of 2017-2019.')],
      [2021, 2750, planned('95 percent of the 2,900 projects over the grant.')],
      [2022, 3200, later('95 percent of the projects financed.')],
      [2023, 3800, later('95 percent of the projects financed.')],
    ),
  },
  {
    code: 'IR-2.4',
    name: {
      kk: 'Жобалар қамтыған пайда алушылар',
      ru: 'Охваченные благополучатели',
      en: 'Beneficiaries reached',
    },
    definition: {
      kk: 'Қабылданған ай сайынғы есептердегі пайда алушылар, жоба аяқталғанда қорытынды санмен түзетіледі.',
      ru: 'Благополучатели из принятых ежемесячных отчётов, исправленные итоговым числом при завершении проекта.',
      en: 'Beneficiaries in accepted monthly reports, corrected to the final count when the project completes.',
    },
    level: 'intermediate',
    computation: count(PLACE),
    targets: perProject(35, 'About 35 community members reached by each project financed.'),
  },
  {
    code: 'IR-3.1',
    name: {
      kk: 'Міндеттелген гранттар (теңге)',
      ru: 'Обязательства по грантам (тенге)',
      en: 'Grants committed (KZT)',
    },
    definition: {
      kk: 'Қол қойылған келісімдегі грант сомасы, ал келісім болмаса — берілген грант сомасы.',
      ru: 'Сумма гранта по подписанному соглашению, а без соглашения — присуждённая сумма.',
      en: 'The grant of the signed agreement, or else the amount awarded.',
    },
    level: 'intermediate',
    computation: tenge(),
    targets: perProject(1_000_000, 'Projects financed times the grant ceiling of 1,000,000 KZT (plan2019).'),
  },
  {
    code: 'IR-3.2',
    name: {
      kk: 'Төленген гранттар (теңге)',
      ru: 'Выплаченные гранты (тенге)',
      en: 'Grants disbursed (KZT)',
    },
    definition: {
      kk: 'Команда жетекшісіне төленген транштар, төленген күні.',
      ru: 'Транши, выплаченные лидеру команды, на дату выплаты.',
      en: 'Tranches paid to team leaders, on the payment date.',
    },
    level: 'intermediate',
    computation: tenge(),
    targets: perProject(950_000, 'Both tranches of 95 percent of the projects financed.'),
  },
  {
    code: 'IR-3.3',
    name: {
      kk: 'Төленген стипендиялар (теңге)',
      ru: 'Выплаченные стипендии (тенге)',
      en: 'Stipends paid (KZT)',
    },
    definition: {
      kk: 'Қатысушыларға төленген ай сайынғы стипендиялар, төленген күні.',
      ru: 'Ежемесячные стипендии, выплаченные участникам, на дату выплаты.',
      en: 'Monthly stipends paid to participants, on the payment date.',
    },
    level: 'intermediate',
    computation: tenge(ALL),
    targets: youth.map((target) => ({
      year: target.year,
      value: target.value * 6 * 40_000,
      source: noted(
        sources.plan2019,
        'Participants times 6 months times 40,000 KZT, the lower monthly rate.',
      ),
    })),
  },
  {
    code: 'IR-4.1',
    name: {
      kk: 'Мерзімінде шешілген шағымдар',
      ru: 'Жалобы, решённые в срок',
      en: 'Grievances resolved on time',
    },
    definition: {
      kk: 'Жауап беру мерзімінде шешілген шағымдар пайызы (кері байланыс және шешу тетігі).',
      ru: 'Процент жалоб, решённых в срок ответа (механизм обратной связи и урегулирования).',
      en: 'Percent of grievances resolved by their response deadline (feedback and resolution mechanism).',
    },
    level: 'intermediate',
    computation: share(PLACE),
    targets: targets(
      [2017, 80, noted(sources.pad, 'The PAD sets up a feedback and resolution mechanism (FRM).')],
      [2018, 85, planned('Five points a year up to 90 percent.')],
      [2019, 90, planned('Kept at 90 percent.')],
    ),
  },
  {
    code: 'IR-4.2',
    name: {
      kk: 'Өтінімнен шешімге дейінгі күндер',
      ru: 'Дней от подачи заявки до решения',
      en: 'Days from submission to decision',
    },
    definition: {
      kk: 'Бірінші тапсырудан грант беру не бермеу шешіміне дейінгі орташа күн саны.',
      ru: 'Среднее число дней от первой подачи до решения о гранте.',
      en: 'Average whole days from the first submission to the award or non-award.',
    },
    level: 'intermediate',
    computation: { unit: 'days', aggregation: 'mean', timing: 'flow', disaggregations: PLACE },
    baseline: 90,
    baselineSource: planned('Selection before the programme took about three months.'),
    targets: targets(
      [2017, 75, planned('Selection of the pilot took about three months (baseline 90 days).')],
      [2018, 60, planned('Two weeks faster each year.')],
      [2019, 45, planned('Six weeks from submission to decision.')],
      [2022, 40, later('online submission and checks.')],
    ),
  },
  {
    code: 'IR-5.1',
    name: {
      kk: 'Шығу кезінде жұмысқа орналасқандар',
      ru: 'Трудоустроены при выходе',
      en: 'Exit status: employed',
    },
    definition: {
      kk: 'Жобадан шыққанда жұмыс істейтін мүшелер, шыққан күні.',
      ru: 'Участники, работающие при выходе из проекта, на дату выхода.',
      en: 'Members employed when they leave the project, on the exit date.',
    },
    level: 'intermediate',
    computation: count(),
    targets: completing.map((target) => ({
      year: target.year,
      value: Math.round(target.value * 0.2),
      source: planned('20 percent of the completers target.'),
    })),
  },
  {
    code: 'IR-5.2',
    name: { kk: 'Шығу кезінде оқитындар', ru: 'Обучаются при выходе', en: 'Exit status: studying' },
    definition: {
      kk: 'Жобадан шыққанда оқитын мүшелер, шыққан күні.',
      ru: 'Участники, обучающиеся при выходе из проекта, на дату выхода.',
      en: 'Members studying when they leave the project, on the exit date.',
    },
    level: 'intermediate',
    computation: count(),
    targets: completing.map((target) => ({
      year: target.year,
      value: Math.round(target.value * 0.13),
      source: planned('13 percent of the completers target.'),
    })),
  },
  {
    code: 'IR-5.3',
    name: {
      kk: 'Шығу кезінде өз ісін ашқандар',
      ru: 'Открыли своё дело при выходе',
      en: 'Exit status: own business',
    },
    definition: {
      kk: 'Жобадан шыққанда өз ісі бар мүшелер, шыққан күні.',
      ru: 'Участники, имеющие своё дело при выходе из проекта, на дату выхода.',
      en: 'Members running their own business when they leave the project, on the exit date.',
    },
    level: 'intermediate',
    computation: count(),
    targets: completing.map((target) => ({
      year: target.year,
      value: Math.round(target.value * 0.03),
      source: planned('3 percent of the completers target.'),
    })),
  },
  {
    code: 'IR-5.4',
    name: {
      kk: 'Шығу кезінде NEET болып қалғандар',
      ru: 'Остались NEET при выходе',
      en: 'Exit status: still NEET',
    },
    definition: {
      kk: 'Жобадан шыққанда әлі оқымайтын және жұмыс істемейтін мүшелер, шыққан күні.',
      ru: 'Участники, которые при выходе из проекта всё ещё не учатся и не работают, на дату выхода.',
      en: 'Members still not in employment, education or training when they leave, on the exit date.',
    },
    level: 'intermediate',
    computation: count(),
    targets: completing.map((target) => ({
      year: target.year,
      value: Math.round(target.value * 0.6),
      source: planned('At most 60 percent of the completers target still NEET (a ceiling, not a goal).'),
    })),
  },
];

export const indicatorSeed: readonly IndicatorDefinition[] = seed.map((entry) => ({
  code: entry.code,
  name: entry.name,
  definition: entry.definition,
  level: entry.level,
  ...entry.computation,
  baseline: entry.baseline ?? 0,
  baselineYear: 2016,
  baselineSource: entry.baselineSource ?? planned('Nothing of the kind before the first round (2017).'),
  targets: entry.targets,
}));

export const indicatorCodes: readonly string[] = indicatorSeed.map((indicator) => indicator.code);

/** How each indicator is counted, by code: the part of a definition that follows the code. */
export const computations: ReadonlyMap<string, Computation> = new Map(
  seed.map((entry) => [entry.code, entry.computation]),
);
