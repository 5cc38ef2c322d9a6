import { bidCheckReasonCodes, reportReturnReasons } from '@zhas/contracts';
import { languages } from '@zhas/kz';
import { type TemplateDefinition, templateIds, templates } from './catalogue';
import { type Notice, renderContent, renderDigest, renderEmail } from './render';
import { checkReasonLabels, formatDate, reportReturnLabels } from './words';

/** Every parameter set a template's tests render: the example and its variants. */
function samples(id: (typeof templateIds)[number]): Notice[] {
  const definition = templates[id] as TemplateDefinition;
  return [definition.example, ...(definition.variants ?? [])].map(
    (params) => ({ template: id, params }) as Notice,
  );
}

const links = {
  portalUrl: 'https://portal.example/notifications',
  optOutUrl: 'https://portal.example/opt-out?t=x',
};
const KAZAKH_LETTERS = /[әғқңөұүһі]/i;
const BROKEN = /undefined|NaN|\[object|null/;
/** Two SMS parts: 2 x 67 characters in UCS-2 (Cyrillic), 2 x 153 in GSM-7 (Latin). */
const smsLimit = { kk: 134, ru: 134, en: 306 } as const;

describe('notification templates', () => {
  it.each(templateIds)('%s exists in kk, ru and en and renders each of its samples', (id) => {
    for (const notice of samples(id)) {
      const rendered = Object.fromEntries(
        languages.map((language) => [language, renderContent(notice, language)]),
      );
      for (const language of languages) {
        const content = rendered[language]!;
        expect(content.subject.trim()).not.toBe('');
        expect(content.lines.length).toBeGreaterThan(0);
        expect(content.sms.trim()).not.toBe('');
        const all = [content.subject, ...content.lines, content.sms].join('\n');
        expect(all).not.toMatch(BROKEN);
        expect(content.sms.length).toBeLessThanOrEqual(smsLimit[language]);
      }
      // Translated, not copied: each language says it in its own words.
      expect(rendered.kk!.subject).not.toBe(rendered.ru!.subject);
      expect(rendered.ru!.subject).not.toBe(rendered.en!.subject);
      expect([rendered.kk!.subject, ...rendered.kk!.lines].join(' ')).toMatch(KAZAKH_LETTERS);
      expect(rendered.en!.lines.join(' ')).not.toMatch(/[а-яё]/i);
    }
  });

  it('refuses parameters that do not match the template', () => {
    expect(() =>
      renderContent({ template: 'check-failed', params: { registrationNumber: 'X', reasons: [] } }, 'en'),
    ).toThrow();
  });

  it('has a label in every language for every code an event can carry', () => {
    for (const code of bidCheckReasonCodes)
      for (const language of languages) expect(checkReasonLabels[code][language]).toBeTruthy();
    for (const code of reportReturnReasons)
      for (const language of languages) expect(reportReturnLabels[code][language]).toBeTruthy();
  });

  it('writes dates the way each language does', () => {
    expect(formatDate('2019-03-01', 'kk')).toBe('2019 жылғы 1 наурыз');
    expect(formatDate('2019-03-01', 'ru')).toBe('1 марта 2019 г.');
    expect(formatDate('2019-03-01', 'en')).toBe('1 March 2019');
  });

  it('greets by name when there is one and ends every e-mail with the portal and the opt-out links', () => {
    const content = renderContent(samples('bid-outcome')[0]!, 'ru');
    const email = renderEmail(content, 'ru', { name: 'Айгерим', links });
    expect(email.text.split('\n')[0]).toBe('Здравствуйте, Айгерим!');
    expect(email.text).toContain(links.optOutUrl);
    expect(email.html).toContain(`<a href="${links.optOutUrl}">`);
    expect(renderEmail(content, 'kk', { links }).text.split('\n')[0]).toBe('Сәлеметсіз бе!');
  });

  it('escapes what goes into the HTML', () => {
    const email = renderEmail({ subject: 'a<b', lines: ['<script>x</script>'] }, 'en', { links });
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;');
  });

  it('sums several notices up in one digest, each by its subject', () => {
    const notices = [...samples('check-passed'), ...samples('stipend-paid')];
    for (const language of languages) {
      const digest = renderDigest(notices, language);
      expect(digest.subject).toContain('2');
      expect(digest.lines).toHaveLength(3);
      expect(digest.lines[1]).toContain(renderContent(notices[0]!, language).subject);
    }
  });
});
