import {
  defaultTranslatedTextMaxLength,
  isLanguage,
  languageNames,
  languageSchema,
  languages,
  makeTranslatedTextSchema,
  pickText,
  translatedTextSchema,
  type TranslatedText,
} from './language';

const title: TranslatedText = { kk: 'Жас жоба', ru: 'Жас проект', en: 'Zhas Project' };

describe('languages', () => {
  it('are Kazakh, Russian and English, each with its own name', () => {
    expect(languages).toEqual(['kk', 'ru', 'en']);
    expect(Object.keys(languageNames)).toEqual([...languages]);
    expect(isLanguage('kk')).toBe(true);
    expect(isLanguage('kz')).toBe(false);
    expect(isLanguage(1)).toBe(false);
    expect(languageSchema.safeParse('en').success).toBe(true);
    expect(languageSchema.safeParse('de').success).toBe(false);
  });
});

describe('translatedTextSchema', () => {
  it('accepts all three texts, trimmed', () => {
    expect(translatedTextSchema.parse({ kk: ' Жас жоба ', ru: 'Жас проект\n', en: 'Zhas Project' })).toEqual(
      title,
    );
  });

  it('names each missing, empty or blank language', () => {
    const result = translatedTextSchema.safeParse({ kk: '   ', ru: '' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['kk'], ['ru'], ['en']]);
    expect(result.error?.issues[0]?.message).toBe('The Kazakh text is empty');
  });

  it('caps the length, by default and as asked', () => {
    const long = 'а'.repeat(defaultTranslatedTextMaxLength + 1);
    expect(translatedTextSchema.safeParse({ ...title, ru: long }).success).toBe(false);
    const short = makeTranslatedTextSchema({ maxLength: 12 });
    expect(short.safeParse(title).success).toBe(true);
    const result = short.safeParse({ ...title, en: 'Zhas Project 2017' });
    expect(result.error?.issues[0]?.path).toEqual(['en']);
    expect(result.error?.issues[0]?.message).toContain('12 characters');
    expect(() => makeTranslatedTextSchema({ maxLength: 0 })).toThrow(RangeError);
  });
});

describe('pickText', () => {
  it('gives the text in the wanted language', () => {
    expect(pickText(title, 'kk')).toBe('Жас жоба');
    expect(pickText(title, 'en')).toBe('Zhas Project');
  });

  it('falls back to Russian, then Kazakh, then English by default', () => {
    expect(pickText({ ru: 'Жас проект', en: 'Zhas Project' }, 'kk')).toBe('Жас проект');
    expect(pickText({ kk: 'Жас жоба', en: 'Zhas Project' }, 'ru')).toBe('Жас жоба');
    expect(pickText({ kk: 'Жас жоба', ru: ' ' }, 'en')).toBe('Жас жоба');
  });

  it('follows a given fallback order', () => {
    expect(pickText({ kk: 'Жас жоба', en: 'Zhas Project' }, 'ru', ['en', 'kk'])).toBe('Zhas Project');
  });

  it('gives undefined when a partial text has nothing', () => {
    expect(pickText({}, 'kk')).toBeUndefined();
    expect(pickText({ kk: '  ' }, 'ru')).toBeUndefined();
    // A complete but blank text (the schema would refuse it) still yields a string.
    expect(pickText({ kk: '', ru: ' ', en: '' }, 'ru')).toBe(' ');
  });
});
