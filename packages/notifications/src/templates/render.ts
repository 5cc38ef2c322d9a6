import { type Language } from '@zhas/kz';
import { type Content, type ParamsOf, type TemplateId, templates } from './catalogue';

/** A notice as it is kept: a template and its parameters (codes, numbers, dates; never personal data). */
export interface Notice<T extends TemplateId = TemplateId> {
  readonly template: T;
  readonly params: ParamsOf<T>;
}

/** The words of a notice in one language (the portal's list shows these). */
export function renderContent(notice: Notice, language: Language): Content {
  const definition = templates[notice.template];
  const params = definition.params.parse(notice.params);
  return (definition.texts[language] as (params: unknown) => Content)(params);
}

export interface EmailContent {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface Links {
  /** The portal, where the person reads the notice in full. */
  readonly portalUrl: string;
  /** Stops e-mail for this person, without signing in. */
  readonly optOutUrl: string;
}

const greetings: Readonly<Record<Language, (name: string | undefined) => string>> = {
  kk: (name) => (name ? `Сәлеметсіз бе, ${name}!` : 'Сәлеметсіз бе!'),
  ru: (name) => (name ? `Здравствуйте, ${name}!` : 'Здравствуйте!'),
  en: (name) => (name ? `Hello ${name},` : 'Hello,'),
};

const footers: Readonly<Record<Language, (links: Links) => readonly string[]>> = {
  kk: (links) => [
    `Порталды ашу: ${links.portalUrl}`,
    'Бұл хатты «Жас» жобасына қатысқаныңыз үшін алдыңыз.',
    `Хаттардан бас тарту: ${links.optOutUrl}`,
  ],
  ru: (links) => [
    `Открыть портал: ${links.portalUrl}`,
    'Вы получили это письмо как участник проекта «Жас».',
    `Отписаться от писем: ${links.optOutUrl}`,
  ],
  en: (links) => [
    `Open the portal: ${links.portalUrl}`,
    'You receive this e-mail because you take part in the Zhas Project.',
    `Stop these e-mails: ${links.optOutUrl}`,
  ],
};

/** The e-mail of a notice: greeting, the notice's lines, then the portal and opt-out links. */
export function renderEmail(
  content: Pick<Content, 'subject' | 'lines'>,
  language: Language,
  options: { readonly name?: string | undefined; readonly links: Links },
): EmailContent {
  const greeting = greetings[language](options.name);
  const footer = footers[language](options.links);
  const text = [greeting, '', ...content.lines, '', '--', ...footer].join('\n');
  const paragraph = (line: string) => `<p>${linkify(escapeHtml(line))}</p>`;
  const html = [
    `<!DOCTYPE html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5; max-width: 40em">',
    paragraph(greeting),
    ...content.lines.map(paragraph),
    '<hr>',
    `<div style="color: #555; font-size: 0.9em">${footer.map(paragraph).join('')}</div>`,
    '</body></html>',
  ].join('\n');
  return { subject: content.subject, text, html };
}

const digestHeadings: Readonly<
  Record<Language, { subject: (count: number) => string; intro: string; sms: (count: number) => string }>
> = {
  kk: {
    subject: (count) => `«Жас» хабарламалары (${count})`,
    intro: 'Соңғы жиынтықтан бері келген хабарламалар:',
    sms: (count) => `Жас: жаңа хабарламалар саны: ${count}. Толығы порталда.`,
  },
  ru: {
    subject: (count) => `Ваши уведомления «Жас» (${count})`,
    intro: 'Уведомления с прошлой сводки:',
    sms: (count) => `Жас: новых уведомлений: ${count}. Подробно на портале.`,
  },
  en: {
    subject: (count) => `Your Zhas notifications (${count})`,
    intro: 'Notifications since your last summary:',
    sms: (count) => `Zhas: ${count} new notifications. See the portal.`,
  },
};

/** One message for several notices: each notice's subject as a line (the person chose a daily summary). */
export function renderDigest(notices: readonly Notice[], language: Language): Content {
  const heading = digestHeadings[language];
  return {
    subject: heading.subject(notices.length),
    lines: [heading.intro, ...notices.map((notice) => `– ${renderContent(notice, language).subject}`)],
    sms: heading.sms(notices.length),
  };
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

function linkify(escaped: string): string {
  return escaped.replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
}
