import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import kk from './locales/kk.json';
import ru from './locales/ru.json';

/** The portal's languages: Kazakh (Cyrillic), Russian, English. Every text lives in locales/<language>.json. */
export const LANGUAGES = ['kk', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** The choice is remembered on this device; it is a language code, nothing about the person. */
const STORAGE_KEY = 'zhas.language';

export function rememberedLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // storage may be off (private mode): fall through
  }
  const fromBrowser = navigator.languages.map((tag) => tag.slice(0, 2)).find(isLanguage);
  return fromBrowser ?? 'ru';
}

export function rememberLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // not remembered; the choice still applies to this visit
  }
}

export const resources = {
  kk: { translation: kk },
  ru: { translation: ru },
  en: { translation: en },
} as const;

export async function setUpI18n(language: Language) {
  await i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: false,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  document.documentElement.lang = language;
  i18next.on('languageChanged', (next) => {
    document.documentElement.lang = next;
  });
  return i18next;
}
