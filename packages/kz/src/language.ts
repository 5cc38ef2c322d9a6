import { z } from 'zod';

/** The platform's languages: Kazakh (Cyrillic script), Russian and English, in this order everywhere. */
export const languages = ['kk', 'ru', 'en'] as const;

export type Language = (typeof languages)[number];

export const languageSchema = z.enum(languages);

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** Each language's own name for itself, for a language switcher. */
export const languageNames: Readonly<Record<Language, string>> = {
  kk: 'Қазақша',
  ru: 'Русский',
  en: 'English',
};

/** A text the platform shows in all three languages: round titles, region names, indicator names. */
export interface TranslatedText {
  kk: string;
  ru: string;
  en: string;
}

export interface TranslatedTextOptions {
  /** Longest allowed text in each language, counted in UTF-16 code units after trimming. */
  readonly maxLength?: number;
}

export const defaultTranslatedTextMaxLength = 500;

/** A schema for a TranslatedText: every language present, trimmed and non-empty, with a length cap. */
export function makeTranslatedTextSchema(options: TranslatedTextOptions = {}) {
  const maxLength = options.maxLength ?? defaultTranslatedTextMaxLength;
  if (!Number.isSafeInteger(maxLength) || maxLength < 1) {
    throw new RangeError('maxLength must be a positive integer');
  }
  const text = (language: string) =>
    z
      .string()
      .trim()
      .min(1, { message: `The ${language} text is empty` })
      .max(maxLength, { message: `The ${language} text is longer than ${maxLength} characters` });
  return z.object({ kk: text('Kazakh'), ru: text('Russian'), en: text('English') });
}

export const translatedTextSchema = makeTranslatedTextSchema();

/**
 * Russian first, then Kazakh: Russian is the language most readers in Kazakhstan share, and every text the
 * platform publishes must have both, so English comes last.
 */
export const defaultFallbackOrder: readonly Language[] = ['ru', 'kk', 'en'];

/**
 * The text in the wanted language, else the first non-blank one in `fallbackOrder`. A partial text (a draft
 * not yet translated) may have none at all, hence undefined for it.
 */
export function pickText(
  text: TranslatedText,
  language: Language,
  fallbackOrder?: readonly Language[],
): string;
export function pickText(
  text: Partial<TranslatedText>,
  language: Language,
  fallbackOrder?: readonly Language[],
): string | undefined;
export function pickText(
  text: Partial<TranslatedText>,
  language: Language,
  fallbackOrder: readonly Language[] = defaultFallbackOrder,
): string | undefined {
  for (const candidate of [language, ...fallbackOrder, ...languages]) {
    const value = text[candidate];
    if (value !== undefined && value.trim() !== '') return value;
  }
  // All blank: give back what was asked for, so a complete TranslatedText always yields a string.
  return text[language];
}
