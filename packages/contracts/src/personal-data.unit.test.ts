import { randomBytes, randomUUID } from 'node:crypto';
import { isPersonalFieldName, type PersonalDataFinding, personalDataFindings } from './personal-data';

/** Findings without their wording, which the tests do not pin down. */
function found(findings: readonly PersonalDataFinding[]) {
  return findings.map(({ path, kind }) => ({ path, kind }));
}

describe('personalDataFindings', () => {
  it.each([
    'iin',
    'IIN',
    'participantIin',
    'name',
    'firstName',
    'last_name',
    'fullName',
    'middleName',
    'surname',
    'patronymic',
    'phone',
    'phoneNumber',
    'mobile',
    'email',
    'e-mail',
    'contactEmail',
    'address',
    'homeAddress',
    'contact',
    'contacts',
    'birthDate',
    'dateOfBirth',
    'passportNumber',
  ])('flags the field name %s', (key) => {
    expect(isPersonalFieldName(key)).toBe(true);
    const findings = personalDataFindings({ nested: [{ [key]: 'x' }] });
    expect(found(findings)).toEqual([{ path: `nested[0].${key}`, kind: 'field-name' }]);
    expect(findings[0]?.detail).toContain(key);
  });

  it.each([
    'participantId',
    'hostOrganizationId',
    'reviewerId',
    'assigneeId',
    'birthYear',
    'ageBand',
    'settlement',
    'region',
    'title',
    'follow-up-survey',
    'organizationName',
    'channel',
    'anonymous',
  ])('does not flag the field name %s', (key) => {
    expect(isPersonalFieldName(key)).toBe(false);
  });

  it.each([
    ['an IIN', '900101300123', 'iin-like'],
    ['an IIN inside text', 'IIN: 900101300123.', 'iin-like'],
    ['an IIN inside an id', 'prt-900101300123', 'iin-like'],
    ['an international phone', '+7 701 123 45 67', 'phone-like'],
    ['a compact international phone', '+77011234567', 'phone-like'],
    ['a national phone', '8 (701) 123-45-67', 'phone-like'],
    ['a compact national phone', '87011234567', 'phone-like'],
    ['a bare mobile number', '7011234567', 'phone-like'],
    ['a foreign phone', '+49 30 1234 5678', 'phone-like'],
    ['an e-mail address', 'aigerim.n@mail.kz', 'email-like'],
  ])('flags %s in a value', (_, value, kind) => {
    expect(found(personalDataFindings({ data: { note: value } }))).toEqual([{ path: 'data.note', kind }]);
  });

  it.each([
    ['a date', '2019-04-15'],
    ['an instant', '2019-04-15T17:59:31.482Z'],
    ['an id', 'bid-2019-0153'],
    ['a thirteen-digit number', '1234567890123'],
    ['an eleven-digit number', '12345678901'],
    ['a UUID whose last group is digits', '0b7c2f9e-3a1d-4e5f-9a6b-123456789012'],
    ['a hex digest', 'a1b2c3d4e5f6123456789012abcdef0123456789abcdef0123456789abcdef01'],
    ['an amount', '980000'],
  ])('does not flag %s', (_, value) => {
    expect(personalDataFindings({ value })).toEqual([]);
  });

  it('does not flag random UUIDs and hex seeds (no flaky tests)', () => {
    const values = Array.from({ length: 2000 }, () => [randomUUID(), randomBytes(32).toString('hex')]);
    expect(personalDataFindings(values)).toEqual([]);
  });

  it('checks keys as well as values, without repeating a personal key in the path', () => {
    expect(found(personalDataFindings({ byIin: { '900101300123': { phone: '+77011234567' } } }))).toEqual([
      { path: 'byIin', kind: 'field-name' },
      { path: 'byIin.<redacted>', kind: 'iin-like' },
      { path: 'byIin.<redacted>.phone', kind: 'field-name' },
      { path: 'byIin.<redacted>.phone', kind: 'phone-like' },
    ]);
  });

  it('never repeats the value it found, so findings can be logged', () => {
    const text = JSON.stringify(personalDataFindings({ a: '900101300123', b: '+77011234567', c: 'x@y.kz' }));
    expect(text).not.toMatch(/900101300123|7011234567|x@y\.kz/);
  });

  it('prefixes paths and ignores numbers, booleans, null and cycles', () => {
    const cyclic: Record<string, unknown> = { amount: 900101300123, ok: true, none: null };
    cyclic.self = cyclic;
    expect(personalDataFindings(cyclic, ['data'])).toEqual([]);
    expect(found(personalDataFindings(['900101300123'], ['data', 'ids']))).toEqual([
      { path: 'data.ids[0]', kind: 'iin-like' },
    ]);
    expect(found(personalDataFindings('900101300123'))).toEqual([{ path: '', kind: 'iin-like' }]);
  });
});
