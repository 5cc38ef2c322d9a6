import { type TFunction } from 'i18next';

/** A group's name in the chosen language: sexes, settlements, yes/no, age bands, regions, rounds. */
export function groupLabel(t: TFunction, dimension: string, key: string): string {
  if (key === 'unknown') return t('results.groups.unknown');
  if (dimension === 'region') return t(`regions.${key}`, { defaultValue: key });
  if (dimension === 'age-band') return t('results.groups.ageBand', { band: key });
  if (dimension === 'round') return key;
  return t(`results.groups.${key}`, { defaultValue: key });
}

export const DIMENSIONS = ['sex', 'age-band', 'settlement', 'vulnerability', 'neet', 'region'] as const;
