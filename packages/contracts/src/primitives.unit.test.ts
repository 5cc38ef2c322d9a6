import { z } from 'zod';
import { emailSchema, instantSchema, instantWithOffsetSchema, phoneSchema } from './primitives';

// The patterns these schemas publish in the OpenAPI documents must refuse exactly what the schemas refuse: a client
// (or a request generator) that follows the document is then never surprised by a 400.
const published = (schema: z.ZodType) => new RegExp(z.globalRegistry.get(schema)?.pattern as string);

describe('e-mail addresses', () => {
  const cases: [string, boolean][] = [
    ['aigerim.n@mail.kz', true],
    ["o'neil+zhas@example.org", true],
    [`${'a'.repeat(64)}@mail.kz`, true],
    [`${'a'.repeat(65)}@mail.kz`, false],
    [`a@${'b'.repeat(63)}.kz`, true],
    [`a@${'b'.repeat(64)}.kz`, false],
    ['a@-mail.kz', false],
    ['a@mail-.kz', false],
    ['"quoted"@mail.kz', false],
    ['a@10.0.0.1', false],
    ['.a@mail.kz', false],
    ['a..b@mail.kz', false],
  ];

  it.each(cases)('%s: %s, by the schema and by its published pattern alike', (value, accepted) => {
    expect(emailSchema.safeParse(value).success).toBe(accepted);
    expect(published(emailSchema).test(value)).toBe(accepted);
  });
});

describe('phone numbers', () => {
  const cases: [string, string | undefined][] = [
    ['+7 701 234 5678', '+7 701 234 5678'],
    [' +7 (701) 234-56-78 ', '+7 (701) 234-56-78'],
    ['87012345678', '87012345678'],
    ['7212 41 23 45', '7212 41 23 45'],
    ['234 567', undefined],
    [' 1      ', undefined],
    ['call me', undefined],
    ['+7 701 234 567-', undefined],
  ];

  it.each(cases)('%j: %j (checked as sent, then trimmed)', (value, accepted) => {
    const parsed = phoneSchema.safeParse(value);
    expect(parsed.success ? parsed.data : undefined).toBe(accepted);
  });
});

describe('instants', () => {
  const cases: [string, boolean, boolean][] = [
    ['2019-04-15T17:59:31.482Z', true, true],
    ['2019-04-15T22:59:31+05:00', false, true],
    ['2019-04-15t17:59:31z', false, false],
    ['2016-12-31T23:59:60Z', false, false],
    ['2019-02-29T00:00:00Z', false, false],
    ['2020-02-29T00:00:00Z', true, true],
  ];

  it.each(cases)(
    '%s: in UTC %s, with an offset %s, by the schemas and their patterns alike',
    (value, utc, offset) => {
      expect(instantSchema.safeParse(value).success).toBe(utc);
      expect(published(instantSchema).test(value)).toBe(utc);
      expect(instantWithOffsetSchema.safeParse(value).success).toBe(offset);
      expect(published(instantWithOffsetSchema).test(value)).toBe(offset);
    },
  );
});
