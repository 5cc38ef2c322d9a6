import {
  bidCheckReasonCodes,
  type BidCheckReasonCode,
  grievanceCategories,
  type HostRejectionReason,
  type NotAwardedReason,
  type NotQualifiedReason,
  type reportKinds,
  reportReturnReasons,
  type ReportReturnReason,
} from '@zhas/contracts';
import { formatKzt, type Language, kzt, regionName, type RegionId } from '@zhas/kz';

// Words the templates share: dates, money, regions and the labels of the codes that events carry. Every label
// exists in all three languages (the Record types make a missing one a compile error).

type Labels<K extends string> = Readonly<Record<K, Readonly<Record<Language, string>>>>;

const months: Readonly<Record<Language, readonly string[]>> = {
  kk: [
    'қаңтар',
    'ақпан',
    'наурыз',
    'сәуір',
    'мамыр',
    'маусым',
    'шілде',
    'тамыз',
    'қыркүйек',
    'қазан',
    'қараша',
    'желтоқсан',
  ],
  // Genitive, as a date is written: "1 марта 2019 г.".
  ru: [
    'января',
    'февраля',
    'марта',
    'апреля',
    'мая',
    'июня',
    'июля',
    'августа',
    'сентября',
    'октября',
    'ноября',
    'декабря',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

/**
 * A calendar date as people write it: "2019 жылғы 1 наурыз", "1 марта 2019 г.", "1 March 2019". Written by hand:
 * the runtime's ICU may have no Kazakh data.
 */
export function formatDate(isoDate: string, language: Language): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number);
  const name = months[language][(month ?? 1) - 1] ?? '';
  switch (language) {
    case 'kk':
      return `${year} жылғы ${day} ${name}`;
    case 'ru':
      return `${day} ${name} ${year} г.`;
    case 'en':
      return `${day} ${name} ${year}`;
  }
}

export function formatMoney(amountKzt: number, language: Language): string {
  return formatKzt(kzt(amountKzt), language);
}

export function formatRegion(region: string, language: Language): string {
  try {
    return regionName(region as RegionId, language);
  } catch {
    return region;
  }
}

/** A score with at most two decimals, with the language's decimal mark. */
export function formatScore(score: number, language: Language): string {
  const text = String(Math.round(score * 100) / 100);
  return language === 'en' ? text : text.replace('.', ',');
}

export const checkReasonLabels: Labels<BidCheckReasonCode> = {
  'budget-exceeds-ceiling': {
    kk: 'бюджет гранттың шекті сомасынан асады',
    ru: 'бюджет превышает предельную сумму гранта',
    en: 'the budget exceeds the grant ceiling',
  },
  'budget-lines-do-not-add-up': {
    kk: 'бюджет жолдарының қосындысы сұралған сомаға тең емес',
    ru: 'строки бюджета не складываются в запрошенную сумму',
    en: 'the budget lines do not add up to the requested amount',
  },
  'duration-out-of-range': {
    kk: 'жоба мерзімі раунд ережесіне сай емес',
    ru: 'срок проекта не соответствует правилам раунда',
    en: "the duration is outside the round's limits",
  },
  'team-size-out-of-range': {
    kk: 'команда мөлшері ережеге сай емес',
    ru: 'размер команды не соответствует правилам',
    en: 'the team size does not fit the rules',
  },
  'member-age-out-of-range': {
    kk: 'мүшенің жасы бағдарлама шегінен тыс',
    ru: 'возраст участника вне допустимого диапазона',
    en: "a member's age is outside the programme's range",
  },
  'member-in-another-team': {
    kk: 'мүше осы раундтың басқа командасында',
    ru: 'участник состоит в другой команде этого раунда',
    en: 'a member is in another team of this round',
  },
  'member-consent-missing': {
    kk: 'мүше деректерді өңдеуге келісім бермеген',
    ru: 'участник не дал согласия на обработку данных',
    en: 'a member has not given consent',
  },
  'host-organization-not-confirmed': {
    kk: 'қабылдаушы ұйым растамаған',
    ru: 'принимающая организация не подтвердила участие',
    en: 'the host organization has not confirmed',
  },
  'commercial-activity': {
    kk: 'жоба коммерциялық сипатта',
    ru: 'проект носит коммерческий характер',
    en: 'the project is commercial',
  },
  'required-section-missing': {
    kk: 'міндетті бөлім толтырылмаған',
    ru: 'не заполнен обязательный раздел',
    en: 'a required section is missing',
  },
  'outside-application-window': {
    kk: 'өтінім қабылдау мерзімінен тыс берілген',
    ru: 'подана вне срока приёма заявок',
    en: 'it was submitted outside the application window',
  },
  'region-not-in-round': {
    kk: 'өңір бұл раундқа кірмейді',
    ru: 'регион не участвует в этом раунде',
    en: 'the region is not in this round',
  },
};

export const notQualifiedLabels: Labels<NotQualifiedReason> = {
  'below-qualifying-score': {
    kk: 'орташа балл өту балынан төмен',
    ru: 'средний балл ниже проходного',
    en: 'the average score is below the qualifying score',
  },
  'disqualified-on-review': {
    kk: 'бағалау кезінде іріктеуден шығарылды',
    ru: 'снята с отбора по итогам оценки',
    en: 'it was disqualified on review',
  },
};

export const notAwardedLabels: Labels<NotAwardedReason> = {
  'not-drawn-in-lottery': {
    kk: 'жеребеде таңдалмады',
    ru: 'не выбрана в лотерее',
    en: 'it was not drawn in the lottery',
  },
  'not-qualified': {
    kk: 'бағалау нәтижесінде іріктеуден өтпеді',
    ru: 'не прошла отбор по итогам оценки',
    en: 'it did not qualify in review',
  },
  'failed-technical-check': {
    kk: 'техникалық тексеруден өтпеді',
    ru: 'не прошла техническую проверку',
    en: 'it did not pass the technical check',
  },
  'round-cancelled': { kk: 'раунд тоқтатылды', ru: 'раунд отменён', en: 'the round was cancelled' },
};

export const reportKindLabels: Labels<(typeof reportKinds)[number]> = {
  monthly: { kk: 'айлық есеп', ru: 'ежемесячный отчёт', en: 'monthly report' },
  'mid-term': { kk: 'аралық есеп', ru: 'промежуточный отчёт', en: 'mid-term report' },
  final: { kk: 'қорытынды есеп', ru: 'итоговый отчёт', en: 'final report' },
};

export const reportReturnLabels: Labels<ReportReturnReason> = {
  'activities-incomplete': {
    kk: 'іс-шаралар толық сипатталмаған',
    ru: 'мероприятия описаны не полностью',
    en: 'the activities are incomplete',
  },
  'expenses-unsupported': {
    kk: 'шығыстар құжатпен расталмаған',
    ru: 'расходы не подтверждены документами',
    en: 'expenses lack supporting documents',
  },
  'expenses-exceed-budget-line': {
    kk: 'шығыстар бюджет бабынан асады',
    ru: 'расходы превышают статью бюджета',
    en: 'expenses exceed a budget line',
  },
  'beneficiary-data-missing': {
    kk: 'пайда алушылар туралы деректер жоқ',
    ru: 'нет данных о благополучателях',
    en: 'beneficiary data is missing',
  },
  'surveys-missing': {
    kk: 'сауалнамалар жетіспейді',
    ru: 'не хватает опросов',
    en: 'surveys are missing',
  },
  'commercial-income': {
    kk: 'коммерциялық табыс көрсетілген',
    ru: 'указан коммерческий доход',
    en: 'commercial income was reported',
  },
  other: {
    kk: 'үйлестірушінің ескертпесін порталдан қараңыз',
    ru: 'см. примечание координатора на портале',
    en: "see the coordinator's note in the portal",
  },
};

export const stipendWithheldReasons = [
  'mentor-session-missed',
  'training-not-completed',
  'survey-not-completed',
] as const;
export type StipendWithheldReason = (typeof stipendWithheldReasons)[number];

export const stipendWithheldLabels: Labels<StipendWithheldReason> = {
  'mentor-session-missed': {
    kk: 'тәлімгермен кездесуге қатыспадыңыз',
    ru: 'пропущена встреча с наставником',
    en: 'the mentor session was missed',
  },
  'training-not-completed': {
    kk: 'оқу аяқталмаған',
    ru: 'не пройдено обучение',
    en: 'the training was not completed',
  },
  'survey-not-completed': {
    kk: 'сауалнама толтырылмаған',
    ru: 'не заполнен опрос',
    en: 'the survey was not completed',
  },
};

export const grievanceOutcomes = [
  'upheld',
  'partially-upheld',
  'not-upheld',
  'withdrawn',
  'referred',
] as const;
export type GrievanceOutcome = (typeof grievanceOutcomes)[number];

export const grievanceOutcomeLabels: Labels<GrievanceOutcome> = {
  upheld: { kk: 'қанағаттандырылды', ru: 'удовлетворена', en: 'upheld' },
  'partially-upheld': {
    kk: 'ішінара қанағаттандырылды',
    ru: 'удовлетворена частично',
    en: 'partly upheld',
  },
  'not-upheld': { kk: 'қанағаттандырылмады', ru: 'не удовлетворена', en: 'not upheld' },
  withdrawn: { kk: 'кері қайтарылды', ru: 'отозвана', en: 'withdrawn' },
  referred: {
    kk: 'басқа органға жіберілді',
    ru: 'передана в другой орган',
    en: 'referred to another body',
  },
};

export const hostRejectionLabels: Labels<HostRejectionReason> = {
  'seats-filled': {
    kk: 'өңірдегі барлық орын толды',
    ru: 'все места в регионе заняты',
    en: "all of the region's seats are filled",
  },
  ineligible: {
    kk: 'өтінім талаптарға сай емес',
    ru: 'заявка не соответствует требованиям',
    en: 'the application did not meet the requirements',
  },
  'below-cutoff': {
    kk: 'комиссия бағасы өту шегінен төмен',
    ru: 'оценка комиссии ниже проходной',
    en: "the committee's score is below the cut-off",
  },
  disqualified: {
    kk: 'өтінім конкурстан шығарылды',
    ru: 'заявка снята с конкурса',
    en: 'the application was disqualified',
  },
};

// Exported for the tests: every code the events can carry has a label.
export const labelledCodes = {
  checkReasons: bidCheckReasonCodes,
  reportReturnReasons,
  grievanceCategories,
};
