import { z } from 'zod';
import * as kz from './index';

// The package's public face, as other workspaces import it.
describe('@zhas/kz', () => {
  it('exports the identification numbers, regions, languages and money', () => {
    expect(kz.parseIin('900101300017')).toMatchObject({ ok: true, birthDate: '1990-01-01', sex: 'male' });
    expect(kz.parseBin('940140000385')).toMatchObject({ ok: true, registeredOn: '1994-01' });
    expect(kz.regionsOn('2025-01-01')).toHaveLength(20);
    expect(kz.pickText({ kk: 'Жас', ru: 'Жас', en: 'Zhas' }, 'en')).toBe('Zhas');
    expect(kz.splitKzt(kz.kzt(1_000_001), [50, 50])).toEqual([500_001, 500_000]);
  });

  it('composes into a round-like schema', () => {
    const round = z.object({
      title: kz.translatedTextSchema,
      regions: z.array(kz.regionIdSchema).min(1),
      grantCeiling: kz.kztSchema,
      leaderIin: kz.iinSchema,
      hostOrganizationBin: kz.binSchema,
    });
    const parsed = round.safeParse({
      title: { kk: 'Жас жоба 2017', ru: 'Жас проект 2017', en: 'Zhas Project 2017' },
      regions: ['almaty-region', 'karaganda', 'pavlodar', 'south-kazakhstan'],
      grantCeiling: 1_000_000,
      leaderIin: '900101300017',
      hostOrganizationBin: '940140000385',
    });
    expect(parsed.success).toBe(true);
  });

  it('has schemas that convert to JSON Schema, for the OpenAPI documents', () => {
    expect(z.toJSONSchema(kz.iinSchema)).toMatchObject({ type: 'string', pattern: '^\\d{12}$' });
    expect(z.toJSONSchema(kz.binSchema)).toMatchObject({ type: 'string', pattern: '^\\d{12}$' });
    expect(z.toJSONSchema(kz.kztSchema)).toMatchObject({ type: 'integer', minimum: 0 });
    expect(z.toJSONSchema(kz.regionIdSchema)).toMatchObject({ enum: [...kz.regionIds] });
    expect(z.toJSONSchema(kz.translatedTextSchema)).toMatchObject({ required: ['kk', 'ru', 'en'] });
    expect(z.toJSONSchema(kz.isoDateSchema)).toMatchObject({ type: 'string' });
    expect(z.toJSONSchema(kz.languageSchema)).toMatchObject({ enum: ['kk', 'ru', 'en'] });
  });
});
