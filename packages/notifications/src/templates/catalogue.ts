import {
  bidCheckReasonCodes,
  hostRejectionReasons,
  notAwardedReasons,
  notQualifiedReasons,
  reportKinds,
  reportReturnReasons,
} from '@zhas/contracts';
import { type Language } from '@zhas/kz';
import { z } from 'zod';
import {
  checkReasonLabels,
  formatDate,
  formatMoney,
  formatRegion,
  formatScore,
  grievanceOutcomeLabels,
  grievanceOutcomes,
  hostRejectionLabels,
  notAwardedLabels,
  notQualifiedLabels,
  reportKindLabels,
  reportReturnLabels,
  stipendWithheldLabels,
  stipendWithheldReasons,
} from './words';

/**
 * Every message the platform sends, in Kazakh, Russian and English. A template has the schema of its parameters
 * (codes, numbers and dates from events: never personal data), an example the tests render, and a text per
 * language. The person's name is not a parameter: the sender adds the greeting at send time from the contact
 * details, so it is stored nowhere else.
 */
export interface Content {
  readonly subject: string;
  /** Paragraphs of the e-mail and of the portal's notification list. */
  readonly lines: readonly string[];
  /** One short text for SMS (at most two SMS parts in Cyrillic, see the tests). */
  readonly sms: string;
}

export interface TemplateDefinition<S extends z.ZodType = z.ZodType> {
  readonly params: S;
  readonly example: z.output<S>;
  /** More parameter sets the tests render (other branches of the text). */
  readonly variants?: readonly z.output<S>[];
  readonly texts: Readonly<Record<Language, (params: z.output<S>) => Content>>;
}

function defineTemplate<S extends z.ZodType>(definition: TemplateDefinition<S>): TemplateDefinition<S> {
  return definition;
}

const registration = z.string().min(1).max(64);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const money = z.int().positive();
const month = z.int().min(1).max(60);

const bullet = (items: readonly string[]) => items.map((item) => `– ${item}`);

export const templates = {
  welcome: defineTemplate({
    params: z.object({}),
    example: {},
    texts: {
      kk: () => ({
        subject: '«Жас» жобасына қош келдіңіз',
        lines: [
          'Сіз «Жас» жобасына қатысушы ретінде тіркелдіңіз.',
          'Командаңыз, өтініміңіз және жобаңыз туралы барлық жаңалықты осында, поштаңызға және телефоныңызға хабарлаймыз.',
        ],
        sms: 'Жас: сіз жобаға қатысушы ретінде тіркелдіңіз.',
      }),
      ru: () => ({
        subject: 'Добро пожаловать в проект «Жас»',
        lines: [
          'Вы зарегистрированы как участник проекта «Жас».',
          'Обо всём, что происходит с вашей командой, заявкой и проектом, мы сообщим здесь, по почте и по телефону.',
        ],
        sms: 'Жас: вы зарегистрированы как участник проекта.',
      }),
      en: () => ({
        subject: 'Welcome to the Zhas Project',
        lines: [
          'You are registered as a participant of the Zhas Project.',
          'We will tell you here, by e-mail and by phone what happens to your team, bid and project.',
        ],
        sms: 'Zhas: you are registered as a participant.',
      }),
    },
  }),

  'team-invitation': defineTemplate({
    params: z.object({ teamId: z.string() }),
    example: { teamId: 't-1' },
    texts: {
      kk: () => ({
        subject: 'Сізді командаға шақырды',
        lines: [
          'Команда көшбасшысы сізді «Жас» жобасындағы өз командасына шақырды.',
          'Шақыруды қабылдау немесе бас тарту үшін порталды ашыңыз.',
        ],
        sms: 'Жас: сізді командаға шақырды. Порталда қабылдаңыз немесе бас тартыңыз.',
      }),
      ru: () => ({
        subject: 'Вас пригласили в команду',
        lines: [
          'Лидер команды пригласил вас в свою команду проекта «Жас».',
          'Откройте портал, чтобы принять или отклонить приглашение.',
        ],
        sms: 'Жас: вас пригласили в команду. Ответьте на приглашение на портале.',
      }),
      en: () => ({
        subject: 'You are invited to a team',
        lines: [
          'A team leader invited you to join their team in the Zhas Project.',
          'Open the portal to accept or decline the invitation.',
        ],
        sms: 'Zhas: you are invited to a team. Accept or decline in the portal.',
      }),
    },
  }),

  'bid-saved': defineTemplate({
    params: z.object({ registrationNumber: registration }),
    example: { registrationNumber: 'ZHAS-2019-AKM-000123' },
    texts: {
      kk: ({ registrationNumber: n }) => ({
        subject: 'Команда өтінімі жаңартылды',
        lines: [`Команда көшбасшысы ${n} өтінімінің жаңа нұсқасын сақтады.`, 'Оқу үшін порталды ашыңыз.'],
        sms: `Жас: көшбасшы ${n} өтінімінің жаңа нұсқасын сақтады.`,
      }),
      ru: ({ registrationNumber: n }) => ({
        subject: 'Заявка команды обновлена',
        lines: [`Лидер команды сохранил новую версию заявки ${n}.`, 'Откройте портал, чтобы прочитать её.'],
        sms: `Жас: лидер сохранил новую версию заявки ${n}.`,
      }),
      en: ({ registrationNumber: n }) => ({
        subject: "Your team's bid was updated",
        lines: [`The team leader saved a new version of bid ${n}.`, 'Open the portal to read it.'],
        sms: `Zhas: the team leader saved a new version of bid ${n}.`,
      }),
    },
  }),

  'check-passed': defineTemplate({
    params: z.object({ registrationNumber: registration }),
    example: { registrationNumber: 'ZHAS-2019-AKM-000123' },
    texts: {
      kk: ({ registrationNumber: n }) => ({
        subject: `${n} өтінімі техникалық тексеруден өтті`,
        lines: [`${n} өтінімі техникалық тексеруден өтіп, бағалауға жіберілді.`],
        sms: `Жас: ${n} өтінімі техникалық тексеруден өтіп, бағалауға жіберілді.`,
      }),
      ru: ({ registrationNumber: n }) => ({
        subject: `Заявка ${n} прошла техническую проверку`,
        lines: [`Заявка ${n} прошла техническую проверку и передана на оценку.`],
        sms: `Жас: заявка ${n} прошла техническую проверку и передана на оценку.`,
      }),
      en: ({ registrationNumber: n }) => ({
        subject: `Bid ${n} passed the technical check`,
        lines: [`Bid ${n} passed the technical check and goes to review.`],
        sms: `Zhas: bid ${n} passed the technical check and goes to review.`,
      }),
    },
  }),

  'check-failed': defineTemplate({
    params: z.object({
      registrationNumber: registration,
      reasons: z.array(z.enum(bidCheckReasonCodes)).min(1),
    }),
    example: {
      registrationNumber: 'ZHAS-2019-AKM-000123',
      reasons: ['budget-exceeds-ceiling', 'member-consent-missing'],
    },
    texts: {
      kk: ({ registrationNumber: n, reasons }) => ({
        subject: `${n} өтінімі техникалық тексеруден өтпеді`,
        lines: [
          `${n} өтінімі техникалық тексеруден өтпеді:`,
          ...bullet(reasons.map((code) => checkReasonLabels[code].kk)),
          'Өтінім қабылдау жалғасып жатқанда команда өтінімді түзетіп, қайта бере алады.',
        ],
        sms: `Жас: ${n} өтінімі тексеруден өтпеді (себептері: ${reasons.length}). Толығы порталда.`,
      }),
      ru: ({ registrationNumber: n, reasons }) => ({
        subject: `Заявка ${n} не прошла техническую проверку`,
        lines: [
          `Заявка ${n} не прошла техническую проверку:`,
          ...bullet(reasons.map((code) => checkReasonLabels[code].ru)),
          'Команда может исправить заявку и подать её снова, пока идёт приём заявок.',
        ],
        sms: `Жас: заявка ${n} не прошла проверку (причин: ${reasons.length}). Подробно на портале.`,
      }),
      en: ({ registrationNumber: n, reasons }) => ({
        subject: `Bid ${n} did not pass the technical check`,
        lines: [
          `Bid ${n} did not pass the technical check:`,
          ...bullet(reasons.map((code) => checkReasonLabels[code].en)),
          'The team may correct the bid and submit it again while applications are open.',
        ],
        sms: `Zhas: bid ${n} did not pass the technical check (${reasons.length} reasons). See the portal.`,
      }),
    },
  }),

  'review-outcome': defineTemplate({
    params: z.object({
      registrationNumber: registration,
      qualified: z.boolean(),
      averageScore: z.number().min(0).max(100).optional(),
      reason: z.enum(notQualifiedReasons).optional(),
    }),
    example: { registrationNumber: 'ZHAS-2019-AKM-000123', qualified: true, averageScore: 81.5 },
    variants: [
      {
        registrationNumber: 'ZHAS-2019-AKM-000124',
        qualified: false,
        averageScore: 55.25,
        reason: 'below-qualifying-score',
      },
      { registrationNumber: 'ZHAS-2019-AKM-000125', qualified: false, reason: 'disqualified-on-review' },
    ],
    texts: {
      kk: ({ registrationNumber: n, qualified, averageScore, reason }) =>
        qualified
          ? {
              subject: `${n} өтінімі жеребеге жіберілді`,
              lines: [
                `${n} өтінімі бағалаудан өтті${score(averageScore, 'kk', ' (орташа балл: ', ')')} және өңір жеребесіне қатысады.`,
              ],
              sms: `Жас: ${n} өтінімі бағалаудан өтіп, жеребеге қатысады.`,
            }
          : {
              subject: `${n} өтінімі іріктеуден өтпеді`,
              lines: [
                `${n} өтінімі іріктеуден өтпеді: ${notQualifiedLabels[reason ?? 'below-qualifying-score'].kk}.`,
                ...optional(averageScore !== undefined, `Орташа балл: ${score(averageScore, 'kk')}.`),
              ],
              sms: `Жас: ${n} өтінімі іріктеуден өтпеді. Толығы порталда.`,
            },
      ru: ({ registrationNumber: n, qualified, averageScore, reason }) =>
        qualified
          ? {
              subject: `Заявка ${n} допущена к лотерее`,
              lines: [
                `Заявка ${n} прошла оценку${score(averageScore, 'ru', ' (средний балл ', ')')} и участвует в лотерее региона.`,
              ],
              sms: `Жас: заявка ${n} прошла оценку и участвует в лотерее.`,
            }
          : {
              subject: `Заявка ${n} не прошла отбор`,
              lines: [
                `Заявка ${n} не прошла отбор: ${notQualifiedLabels[reason ?? 'below-qualifying-score'].ru}.`,
                ...optional(averageScore !== undefined, `Средний балл: ${score(averageScore, 'ru')}.`),
              ],
              sms: `Жас: заявка ${n} не прошла отбор. Подробно на портале.`,
            },
      en: ({ registrationNumber: n, qualified, averageScore, reason }) =>
        qualified
          ? {
              subject: `Bid ${n} qualified for the lottery`,
              lines: [
                `Bid ${n} passed review${score(averageScore, 'en', ' (average score ', ')')} and takes part in the region's lottery.`,
              ],
              sms: `Zhas: bid ${n} passed review and takes part in the lottery.`,
            }
          : {
              subject: `Bid ${n} did not qualify`,
              lines: [
                `Bid ${n} did not qualify: ${notQualifiedLabels[reason ?? 'below-qualifying-score'].en}.`,
                ...optional(averageScore !== undefined, `Average score: ${score(averageScore, 'en')}.`),
              ],
              sms: `Zhas: bid ${n} did not qualify. See the portal.`,
            },
    },
  }),

  'bid-outcome': defineTemplate({
    params: z.object({
      registrationNumber: registration,
      awarded: z.boolean(),
      amountKzt: money.optional(),
      reason: z.enum(notAwardedReasons).optional(),
    }),
    example: { registrationNumber: 'ZHAS-2019-AKM-000123', awarded: true, amountKzt: 750_000 },
    variants: [
      { registrationNumber: 'ZHAS-2019-AKM-000124', awarded: false, reason: 'not-drawn-in-lottery' },
    ],
    texts: {
      kk: ({ registrationNumber: n, awarded, amountKzt, reason }) =>
        awarded
          ? {
              subject: `${n} өтінімі грант алды`,
              lines: [
                `Құттықтаймыз! ${n} өтінімі ${formatMoney(amountKzt ?? 0, 'kk')} сомасында грант алды.`,
                'Келісімге қол қою туралы үйлестіруші командамен байланысады.',
              ],
              sms: `Жас: құттықтаймыз! ${n} өтінімі ${formatMoney(amountKzt ?? 0, 'kk')} грант алды.`,
            }
          : {
              subject: `${n} өтінімінің нәтижесі`,
              lines: [`${n} өтінімі грант алмады: ${notAwardedLabels[reason ?? 'not-drawn-in-lottery'].kk}.`],
              sms: `Жас: ${n} өтінімі грант алмады: ${notAwardedLabels[reason ?? 'not-drawn-in-lottery'].kk}.`,
            },
      ru: ({ registrationNumber: n, awarded, amountKzt, reason }) =>
        awarded
          ? {
              subject: `Заявка ${n} получила грант`,
              lines: [
                `Поздравляем! Заявка ${n} получила грант на сумму ${formatMoney(amountKzt ?? 0, 'ru')}.`,
                'Координатор свяжется с командой о подписании соглашения.',
              ],
              sms: `Жас: поздравляем! Заявка ${n} получила грант ${formatMoney(amountKzt ?? 0, 'ru')}.`,
            }
          : {
              subject: `Итог по заявке ${n}`,
              lines: [
                `Заявка ${n} не получила грант: ${notAwardedLabels[reason ?? 'not-drawn-in-lottery'].ru}.`,
              ],
              sms: `Жас: заявка ${n} не получила грант: ${notAwardedLabels[reason ?? 'not-drawn-in-lottery'].ru}.`,
            },
      en: ({ registrationNumber: n, awarded, amountKzt, reason }) =>
        awarded
          ? {
              subject: `Bid ${n} won a grant`,
              lines: [
                `Congratulations! Bid ${n} won a grant of ${formatMoney(amountKzt ?? 0, 'en')}.`,
                'The coordinator will contact the team about the agreement.',
              ],
              sms: `Zhas: congratulations! Bid ${n} won a grant of ${formatMoney(amountKzt ?? 0, 'en')}.`,
            }
          : {
              subject: `Result for bid ${n}`,
              lines: [
                `Bid ${n} did not receive a grant: ${notAwardedLabels[reason ?? 'not-drawn-in-lottery'].en}.`,
              ],
              sms: `Zhas: bid ${n} did not receive a grant: ${notAwardedLabels[reason ?? 'not-drawn-in-lottery'].en}.`,
            },
    },
  }),

  'agreement-signed': defineTemplate({
    params: z.object({ amountKzt: money, startsOn: isoDate, endsOn: isoDate }),
    example: { amountKzt: 750_000, startsOn: '2019-03-01', endsOn: '2019-08-31' },
    texts: {
      kk: ({ amountKzt, startsOn, endsOn }) => ({
        subject: 'Грант келісімі дайын',
        lines: [
          `${formatMoney(amountKzt, 'kk')} сомасына грант келісіміне қол қойылды.`,
          `Жоба мерзімі: ${formatDate(startsOn, 'kk')} – ${formatDate(endsOn, 'kk')}.`,
          'Бірінші транш команда көшбасшысына аударылады.',
        ],
        sms: `Жас: ${formatMoney(amountKzt, 'kk')} грант келісіміне қол қойылды.`,
      }),
      ru: ({ amountKzt, startsOn, endsOn }) => ({
        subject: 'Грантовое соглашение готово',
        lines: [
          `Грантовое соглашение на сумму ${formatMoney(amountKzt, 'ru')} подписано.`,
          `Срок проекта: ${formatDate(startsOn, 'ru')} – ${formatDate(endsOn, 'ru')}.`,
          'Первый транш будет перечислен лидеру команды.',
        ],
        sms: `Жас: грантовое соглашение на ${formatMoney(amountKzt, 'ru')} подписано.`,
      }),
      en: ({ amountKzt, startsOn, endsOn }) => ({
        subject: 'Your grant agreement is ready',
        lines: [
          `The grant agreement for ${formatMoney(amountKzt, 'en')} is signed.`,
          `Project period: ${formatDate(startsOn, 'en')} – ${formatDate(endsOn, 'en')}.`,
          'The first tranche will be paid to the team leader.',
        ],
        sms: `Zhas: the grant agreement for ${formatMoney(amountKzt, 'en')} is signed.`,
      }),
    },
  }),

  'tranche-disbursed': defineTemplate({
    params: z.object({ trancheNumber: z.int().min(1), amountKzt: money, disbursedOn: isoDate }),
    example: { trancheNumber: 1, amountKzt: 375_000, disbursedOn: '2019-03-05' },
    texts: {
      kk: ({ trancheNumber: k, amountKzt, disbursedOn }) => ({
        subject: `${k}-транш аударылды`,
        lines: [
          `${k}-транш (${formatMoney(amountKzt, 'kk')}) команда көшбасшысына аударылды.`,
          `Аударылған күні: ${formatDate(disbursedOn, 'kk')}.`,
        ],
        sms: `Жас: ${k}-транш (${formatMoney(amountKzt, 'kk')}) команда көшбасшысына аударылды.`,
      }),
      ru: ({ trancheNumber: k, amountKzt, disbursedOn }) => ({
        subject: `Транш ${k} перечислен`,
        lines: [
          `Транш ${k} на сумму ${formatMoney(amountKzt, 'ru')} перечислен лидеру команды.`,
          `Дата перечисления: ${formatDate(disbursedOn, 'ru')}.`,
        ],
        sms: `Жас: транш ${k} (${formatMoney(amountKzt, 'ru')}) перечислен лидеру команды.`,
      }),
      en: ({ trancheNumber: k, amountKzt, disbursedOn }) => ({
        subject: `Tranche ${k} paid`,
        lines: [
          `Tranche ${k} of ${formatMoney(amountKzt, 'en')} was paid to the team leader.`,
          `Date of payment: ${formatDate(disbursedOn, 'en')}.`,
        ],
        sms: `Zhas: tranche ${k} (${formatMoney(amountKzt, 'en')}) was paid to the team leader.`,
      }),
    },
  }),

  'report-accepted': defineTemplate({
    params: z.object({ projectMonth: month, kind: z.enum(reportKinds) }),
    example: { projectMonth: 3, kind: 'mid-term' },
    texts: {
      kk: ({ projectMonth: m, kind }) => ({
        subject: `${m}-ай есебі қабылданды`,
        lines: [`Жобаның ${m}-айының есебі қабылданды (${reportKindLabels[kind].kk}).`],
        sms: `Жас: жобаның ${m}-айының есебі қабылданды.`,
      }),
      ru: ({ projectMonth: m, kind }) => ({
        subject: `Отчёт за ${m}-й месяц принят`,
        lines: [`Отчёт за ${m}-й месяц проекта принят (${reportKindLabels[kind].ru}).`],
        sms: `Жас: отчёт за ${m}-й месяц проекта принят.`,
      }),
      en: ({ projectMonth: m, kind }) => ({
        subject: `Report for month ${m} accepted`,
        lines: [`The report for month ${m} of the project was accepted (${reportKindLabels[kind].en}).`],
        sms: `Zhas: the report for month ${m} of the project was accepted.`,
      }),
    },
  }),

  'report-returned': defineTemplate({
    params: z.object({
      projectMonth: month,
      kind: z.enum(reportKinds),
      reasons: z.array(z.enum(reportReturnReasons)).min(1),
    }),
    example: { projectMonth: 2, kind: 'monthly', reasons: ['expenses-unsupported', 'surveys-missing'] },
    texts: {
      kk: ({ projectMonth: m, kind, reasons }) => ({
        subject: `${m}-ай есебі түзетуге қайтарылды`,
        lines: [
          `Жобаның ${m}-айының есебі (${reportKindLabels[kind].kk}) түзетуге қайтарылды:`,
          ...bullet(reasons.map((code) => reportReturnLabels[code].kk)),
          'Есепті түзетіп, порталда қайта жіберіңіз.',
        ],
        sms: `Жас: ${m}-ай есебі түзетуге қайтарылды. Толығы порталда.`,
      }),
      ru: ({ projectMonth: m, kind, reasons }) => ({
        subject: `Отчёт за ${m}-й месяц возвращён`,
        lines: [
          `Отчёт за ${m}-й месяц проекта (${reportKindLabels[kind].ru}) возвращён на доработку:`,
          ...bullet(reasons.map((code) => reportReturnLabels[code].ru)),
          'Исправьте отчёт и отправьте его снова на портале.',
        ],
        sms: `Жас: отчёт за ${m}-й месяц возвращён на доработку. Подробно на портале.`,
      }),
      en: ({ projectMonth: m, kind, reasons }) => ({
        subject: `Report for month ${m} returned`,
        lines: [
          `The report for month ${m} of the project (${reportKindLabels[kind].en}) was returned for corrections:`,
          ...bullet(reasons.map((code) => reportReturnLabels[code].en)),
          'Correct it and submit it again in the portal.',
        ],
        sms: `Zhas: the report for month ${m} was returned for corrections. See the portal.`,
      }),
    },
  }),

  'stipend-paid': defineTemplate({
    params: z.object({ projectMonth: month, amountKzt: money, paidOn: isoDate }),
    example: { projectMonth: 2, amountKzt: 60_000, paidOn: '2019-05-10' },
    texts: {
      kk: ({ projectMonth: m, amountKzt, paidOn }) => ({
        subject: `${m}-ай стипендиясы төленді`,
        lines: [
          `${m}-айдың стипендиясы (${formatMoney(amountKzt, 'kk')}) төленді.`,
          `Төленген күні: ${formatDate(paidOn, 'kk')}.`,
        ],
        sms: `Жас: ${m}-ай стипендиясы (${formatMoney(amountKzt, 'kk')}) төленді.`,
      }),
      ru: ({ projectMonth: m, amountKzt, paidOn }) => ({
        subject: `Стипендия за ${m}-й месяц выплачена`,
        lines: [
          `Ваша стипендия за ${m}-й месяц в размере ${formatMoney(amountKzt, 'ru')} выплачена.`,
          `Дата выплаты: ${formatDate(paidOn, 'ru')}.`,
        ],
        sms: `Жас: стипендия за ${m}-й месяц (${formatMoney(amountKzt, 'ru')}) выплачена.`,
      }),
      en: ({ projectMonth: m, amountKzt, paidOn }) => ({
        subject: `Stipend for month ${m} paid`,
        lines: [
          `Your stipend of ${formatMoney(amountKzt, 'en')} for month ${m} was paid.`,
          `Date of payment: ${formatDate(paidOn, 'en')}.`,
        ],
        sms: `Zhas: your stipend for month ${m} (${formatMoney(amountKzt, 'en')}) was paid.`,
      }),
    },
  }),

  'stipend-withheld': defineTemplate({
    params: z.object({ projectMonth: month, reasons: z.array(z.enum(stipendWithheldReasons)).min(1) }),
    example: { projectMonth: 2, reasons: ['mentor-session-missed'] },
    texts: {
      kk: ({ projectMonth: m, reasons }) => ({
        subject: `${m}-ай стипендиясы есептелмеді`,
        lines: [
          `${m}-айдың стипендиясы есептелмеді:`,
          ...bullet(reasons.map((code) => stipendWithheldLabels[code].kk)),
          'Қате болса, тәлімгерге немесе үйлестірушіге хабарласыңыз.',
        ],
        sms: `Жас: ${m}-ай стипендиясы есептелмеді: ${stipendWithheldLabels[reasons[0]!].kk}.`,
      }),
      ru: ({ projectMonth: m, reasons }) => ({
        subject: `Стипендия за ${m}-й месяц не начислена`,
        lines: [
          `Стипендия за ${m}-й месяц не начислена:`,
          ...bullet(reasons.map((code) => stipendWithheldLabels[code].ru)),
          'Если это ошибка, обратитесь к наставнику или координатору.',
        ],
        sms: `Жас: стипендия за ${m}-й месяц не начислена: ${stipendWithheldLabels[reasons[0]!].ru}.`,
      }),
      en: ({ projectMonth: m, reasons }) => ({
        subject: `No stipend for month ${m}`,
        lines: [
          `Your stipend for month ${m} is not payable:`,
          ...bullet(reasons.map((code) => stipendWithheldLabels[code].en)),
          'If this is wrong, ask your mentor or the coordinator.',
        ],
        sms: `Zhas: no stipend for month ${m}: ${stipendWithheldLabels[reasons[0]!].en}.`,
      }),
    },
  }),

  'grievance-answered': defineTemplate({
    params: z.object({
      reference: z.string().min(1).max(64),
      outcome: z.enum(grievanceOutcomes),
      /** The coordinator's answer, kept in the service that owns the grievance (e-mail and portal only). */
      answer: z.string().max(4000).optional(),
    }),
    example: { reference: 'GRV-7F3A2C', outcome: 'upheld', answer: 'The payment was made on 12 May.' },
    texts: {
      kk: ({ reference, outcome, answer }) => ({
        subject: 'Шағымыңызға жауап берілді',
        lines: [
          `${reference} шағымыңыз қаралды: ${grievanceOutcomeLabels[outcome].kk}.`,
          ...optional(answer !== undefined, `Жауап: ${answer}`),
        ],
        sms: `Жас: ${reference} шағымы қаралды: ${grievanceOutcomeLabels[outcome].kk}.`,
      }),
      ru: ({ reference, outcome, answer }) => ({
        subject: 'Ответ на вашу жалобу',
        lines: [
          `Ваша жалоба ${reference} рассмотрена: ${grievanceOutcomeLabels[outcome].ru}.`,
          ...optional(answer !== undefined, `Ответ: ${answer}`),
        ],
        sms: `Жас: жалоба ${reference} рассмотрена: ${grievanceOutcomeLabels[outcome].ru}.`,
      }),
      en: ({ reference, outcome, answer }) => ({
        subject: 'Your grievance has been answered',
        lines: [
          `Your grievance ${reference} was resolved: ${grievanceOutcomeLabels[outcome].en}.`,
          ...optional(answer !== undefined, `Answer: ${answer}`),
        ],
        sms: `Zhas: your grievance ${reference} was resolved: ${grievanceOutcomeLabels[outcome].en}.`,
      }),
    },
  }),

  'host-competition-result': defineTemplate({
    params: z.object({
      selected: z.boolean(),
      rank: z.int().min(1).optional(),
      reason: z.enum(hostRejectionReasons).optional(),
    }),
    example: { selected: true, rank: 2 },
    variants: [{ selected: false, reason: 'seats-filled' }],
    texts: {
      kk: ({ selected, rank, reason }) =>
        selected
          ? {
              subject: 'Ұйымыңыз қабылдаушы ұйым болып іріктелді',
              lines: [
                `Ұйымыңыз раундтың қабылдаушы ұйымы болып іріктелді${rank ? ` (${rank}-орын)` : ''}.`,
                'Енді өңір командалары сізбен бірге өтінім беруді сұрай алады.',
              ],
              sms: 'Жас: ұйымыңыз қабылдаушы ұйым болып іріктелді.',
            }
          : {
              subject: 'Қабылдаушы ұйымдар конкурсының нәтижесі',
              lines: [`Ұйымыңыз іріктелмеді: ${hostRejectionLabels[reason ?? 'seats-filled'].kk}.`],
              sms: 'Жас: ұйымыңыз қабылдаушы ұйым болып іріктелмеді. Толығы порталда.',
            },
      ru: ({ selected, rank, reason }) =>
        selected
          ? {
              subject: 'Ваша организация отобрана принимающей',
              lines: [
                `Ваша организация отобрана принимающей организацией раунда${rank ? ` (место ${rank})` : ''}.`,
                'Команды региона теперь могут подать заявку вместе с вами.',
              ],
              sms: 'Жас: ваша организация отобрана принимающей организацией.',
            }
          : {
              subject: 'Итоги конкурса принимающих организаций',
              lines: [`Ваша организация не отобрана: ${hostRejectionLabels[reason ?? 'seats-filled'].ru}.`],
              sms: 'Жас: ваша организация не отобрана принимающей. Подробно на портале.',
            },
      en: ({ selected, rank, reason }) =>
        selected
          ? {
              subject: 'Your organization was selected as a host',
              lines: [
                `Your organization was selected as a host organization of the round${rank ? ` (rank ${rank})` : ''}.`,
                'Teams of your region may now apply together with you.',
              ],
              sms: 'Zhas: your organization was selected as a host organization.',
            }
          : {
              subject: 'Result of the host-organization competition',
              lines: [
                `Your organization was not selected: ${hostRejectionLabels[reason ?? 'seats-filled'].en}.`,
              ],
              sms: 'Zhas: your organization was not selected as a host. See the portal.',
            },
    },
  }),

  'team-requests-host': defineTemplate({
    params: z.object({ teamId: z.string(), region: z.string(), memberCount: z.int().min(1) }),
    example: { teamId: 't-1', region: 'akmola', memberCount: 4 },
    texts: {
      kk: ({ region, memberCount }) => ({
        subject: 'Команда ұйымыңызбен жұмыс істеуді сұрайды',
        lines: [
          `${formatRegion(region, 'kk')}: ${memberCount} адамнан тұратын команда ұйымыңызбен бірге өтінім беруді сұрайды.`,
          'Порталда растаңыз немесе бас тартыңыз.',
        ],
        sms: 'Жас: команда ұйымыңызбен бірге өтінім беруді сұрайды. Порталда жауап беріңіз.',
      }),
      ru: ({ region, memberCount }) => ({
        subject: 'Команда просит вашу организацию о сотрудничестве',
        lines: [
          `${formatRegion(region, 'ru')}: команда из ${memberCount} человек хочет подать заявку вместе с вашей организацией.`,
          'Подтвердите или отклоните запрос на портале.',
        ],
        sms: 'Жас: команда хочет подать заявку с вашей организацией. Ответьте на портале.',
      }),
      en: ({ region, memberCount }) => ({
        subject: 'A team asks to work with your organization',
        lines: [
          `${formatRegion(region, 'en')}: a team of ${memberCount} asks to apply together with your organization.`,
          'Confirm or decline in the portal.',
        ],
        sms: 'Zhas: a team asks to apply with your organization. Answer in the portal.',
      }),
    },
  }),

  'bid-assigned': defineTemplate({
    params: z.object({ bidId: z.string(), region: z.string() }),
    example: { bidId: 'b-1', region: 'akmola' },
    texts: {
      kk: ({ region }) => ({
        subject: 'Сізге бағалауға өтінім берілді',
        lines: [
          `${formatRegion(region, 'kk')}: өтінім техникалық тексеруден өтіп, сізге бағалауға берілді.`,
          'Оны порталда бағалаңыз.',
        ],
        sms: 'Жас: сізге бағалауға жаңа өтінім берілді.',
      }),
      ru: ({ region }) => ({
        subject: 'Вам назначена заявка на оценку',
        lines: [
          `${formatRegion(region, 'ru')}: заявка прошла техническую проверку и назначена вам на оценку.`,
          'Оцените её на портале.',
        ],
        sms: 'Жас: вам назначена новая заявка на оценку.',
      }),
      en: ({ region }) => ({
        subject: 'A bid is assigned to you for review',
        lines: [
          `${formatRegion(region, 'en')}: a bid passed the technical check and is assigned to you for review.`,
          'Score it in the portal.',
        ],
        sms: 'Zhas: a new bid is assigned to you for review.',
      }),
    },
  }),

  'review-deadline': defineTemplate({
    params: z.object({ waiting: z.int().min(1), closedOn: isoDate }),
    example: { waiting: 3, closedOn: '2019-02-28' },
    texts: {
      kk: ({ waiting, closedOn }) => ({
        subject: `Бағалауыңызды күтіп тұрған өтінімдер: ${waiting}`,
        lines: [
          `Өтінім қабылдау ${formatDate(closedOn, 'kk')} аяқталды. Бағалауыңызды күтіп тұрған өтінімдер саны: ${waiting}.`,
          'Өңір жеребесі барлық өтінім бағаланғаннан кейін ғана өтеді.',
        ],
        sms: `Жас: бағалауыңызды күтіп тұрған өтінімдер: ${waiting}.`,
      }),
      ru: ({ waiting, closedOn }) => ({
        subject: `Ожидают вашей оценки заявок: ${waiting}`,
        lines: [
          `Приём заявок завершён ${formatDate(closedOn, 'ru')}. Ожидают вашей оценки заявок: ${waiting}.`,
          'Лотерея региона пройдёт только после оценки всех заявок.',
        ],
        sms: `Жас: ожидают вашей оценки заявок: ${waiting}.`,
      }),
      en: ({ waiting, closedOn }) => ({
        subject: `${waiting} bids wait for your review`,
        lines: [
          `Applications closed on ${formatDate(closedOn, 'en')}. Bids waiting for your review: ${waiting}.`,
          "The region's lottery runs only when every bid is reviewed.",
        ],
        sms: `Zhas: ${waiting} bids wait for your review.`,
      }),
    },
  }),

  'coordinator-digest': defineTemplate({
    params: z.object({
      date: isoDate,
      overdueGrievances: z.int().nonnegative(),
      reportsToAccept: z.int().nonnegative(),
      tranchesToApprove: z.int().nonnegative(),
    }),
    example: { date: '2019-05-06', overdueGrievances: 2, reportsToAccept: 5, tranchesToApprove: 1 },
    texts: {
      kk: (p) => ({
        subject: `${formatDate(p.date, 'kk')}: сізді күтіп тұрған істер`,
        lines: [
          `Мерзімі өткен шағымдар: ${p.overdueGrievances}`,
          `Қабылдауды күтетін есептер: ${p.reportsToAccept}`,
          `Төлеуді күтетін транштар: ${p.tranchesToApprove}`,
          'Оларды қарау үшін порталды ашыңыз.',
        ],
        sms: `Жас: шағымдар ${p.overdueGrievances}, есептер ${p.reportsToAccept}, транштар ${p.tranchesToApprove} күтуде.`,
      }),
      ru: (p) => ({
        subject: `Что ждёт вас на ${formatDate(p.date, 'ru')}`,
        lines: [
          `Просроченные жалобы: ${p.overdueGrievances}`,
          `Отчёты к приёмке: ${p.reportsToAccept}`,
          `Транши к выплате: ${p.tranchesToApprove}`,
          'Откройте портал, чтобы заняться ими.',
        ],
        sms: `Жас: ждут вас жалобы ${p.overdueGrievances}, отчёты ${p.reportsToAccept}, транши ${p.tranchesToApprove}.`,
      }),
      en: (p) => ({
        subject: `What waits for you on ${formatDate(p.date, 'en')}`,
        lines: [
          `Overdue grievances: ${p.overdueGrievances}`,
          `Reports to accept: ${p.reportsToAccept}`,
          `Tranches to pay: ${p.tranchesToApprove}`,
          'Open the portal to deal with them.',
        ],
        sms: `Zhas: ${p.overdueGrievances} grievances, ${p.reportsToAccept} reports, ${p.tranchesToApprove} tranches wait for you.`,
      }),
    },
  }),
};

export type TemplateId = keyof typeof templates;
export type ParamsOf<T extends TemplateId> = z.output<(typeof templates)[T]['params']>;
export const templateIds = Object.keys(templates) as TemplateId[];

export function isTemplateId(value: string): value is TemplateId {
  return Object.hasOwn(templates, value);
}

function score(value: number | undefined, language: Language, before = '', after = ''): string {
  return value === undefined ? '' : `${before}${formatScore(value, language)}${after}`;
}

function optional(condition: boolean, line: string): string[] {
  return condition ? [line] : [];
}
