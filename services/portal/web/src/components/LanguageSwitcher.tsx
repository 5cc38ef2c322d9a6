import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGES, rememberLanguage } from '../i18n';

/** Kazakh, Russian, English; the choice is remembered on this device. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.label')}
      value={i18n.language}
      onChange={(value) => {
        if (!isLanguage(value)) return;
        rememberLanguage(value);
        void i18n.changeLanguage(value);
      }}
      data={LANGUAGES.map((language) => ({
        value: language,
        label: (
          <span lang={language} aria-label={t(`language.${language}`)}>
            {language.toUpperCase()}
          </span>
        ),
      }))}
    />
  );
}
