import { describe, expect, it } from 'vitest';
import { regions } from '@zhas/kz';
import { resources } from './index';

function keys(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return [`${prefix}[${value.length}]`];
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

describe('locale files', () => {
  it('have the same keys in Kazakh, Russian and English', () => {
    const en = keys(resources.en.translation).sort();
    expect(keys(resources.kk.translation).sort()).toEqual(en);
    expect(keys(resources.ru.translation).sort()).toEqual(en);
  });

  it('write Kazakh in Cyrillic', () => {
    // Every Kazakh text but the brand and the names of the other languages, placeholders left out.
    const { language: _names, app: _brand, ...texts } = resources.kk.translation;
    const values = (value: unknown): string[] =>
      typeof value === 'string'
        ? [value]
        : typeof value === 'object' && value !== null
          ? Object.values(value).flatMap(values)
          : [];
    const latinWords = values(texts).flatMap(
      (text) => text.replace(/{{\w+}}/g, '').match(/[A-Za-z]{3,}/g) ?? [],
    );
    expect(latinWords).toEqual([]);
  });

  it('name the regions in force as the platform does (packages/kz)', () => {
    for (const region of regions.filter((candidate) => candidate.validTo === null)) {
      const names = region.names[region.names.length - 1]?.name;
      for (const language of ['kk', 'ru', 'en'] as const) {
        expect([
          region.id,
          (resources[language].translation.regions as Record<string, string>)[region.id],
        ]).toEqual([region.id, names?.[language]]);
      }
    }
  });
});
