import fc from 'fast-check';
import {
  binEntityKindNames,
  binEntityKinds,
  binEntityTypeNames,
  binEntityTypes,
  binFailureText,
  binFailures,
  binSchema,
  computeBinCheckDigit,
  isValidBin,
  makeBin,
  parseBin,
  registrationYears,
  type BinResult,
} from './bin';
import { ageOn } from './calendar';
import { firstWeights, weightedRemainder } from './check-digit';
import { languages } from './language';

// Known valid BINs. The first two are the examples in python-stdnum's kz.bin documentation; all are
// checked here by hand against the rule (weights 1..11, remainder mod 11; if 10, weights 3..11,1,2).
const validSamples = [
  // 9401 4 0 00038: 9+8+0+4+20+0+0+0+0+30+88 = 159, 159 mod 11 = 5
  {
    bin: '940140000385',
    registeredOn: '1994-01',
    entityType: 'resident-legal-entity',
    entityKind: 'head-office',
  },
  // 9901 4 0 00465: 9+18+0+4+20+0+0+0+36+60+55 = 202, 202 mod 11 = 4
  {
    bin: '990140004654',
    registeredOn: '1999-01',
    entityType: 'resident-legal-entity',
    entityKind: 'head-office',
  },
  // 2206 4 0 00001: 2+4+0+24+20+0+0+0+0+0+11 = 61, 61 mod 11 = 6
  {
    bin: '220640000016',
    registeredOn: '2022-06',
    entityType: 'resident-legal-entity',
    entityKind: 'head-office',
  },
  // 1505 4 0 00161: 1+10+0+20+20+0+0+0+9+60+11 = 131, 131 mod 11 = 10; second: 3+20+0+30+28+0+0+0+11+6+2 =
  // 100, 100 mod 11 = 1
  {
    bin: '150540001611',
    registeredOn: '2015-05',
    entityType: 'resident-legal-entity',
    entityKind: 'head-office',
  },
  // 1003 5 1 00001 (a branch of a non-resident): 1+0+0+12+25+6+0+0+0+0+11 = 55, 55 mod 11 = 0
  {
    bin: '100351000010',
    registeredOn: '2010-03',
    entityType: 'non-resident-legal-entity',
    entityKind: 'branch',
  },
  // 0811 6 3 00002 (a peasant farm in joint entrepreneurship): 0+16+3+4+30+18+0+0+0+0+22 = 93, 93 mod 11 = 5
  {
    bin: '081163000025',
    registeredOn: '2008-11',
    entityType: 'joint-individual-entrepreneur',
    entityKind: 'peasant-farm',
  },
] as const;

const invalidSamples = [
  { value: '', reason: 'format' },
  { value: '94014000038', reason: 'format' },
  { value: '9401400003855', reason: 'format' },
  { value: '94014000038X', reason: 'format' },
  { value: '940 140 000 385', reason: 'format' },
  { value: '940040000385', reason: 'registration-date' }, // month 00
  { value: '941340000385', reason: 'registration-date' }, // month 13
  { value: '940130000385', reason: 'entity-type' }, // 3
  { value: '940170000385', reason: 'entity-type' }, // 7
  { value: '940144000385', reason: 'entity-kind' }, // 4
  { value: '940149000385', reason: 'entity-kind' }, // 9
  { value: '940140000386', reason: 'check-digit' }, // should end in 5
  // 1505 4 0 00160: 120 mod 11 = 10, and 98 mod 11 = 10: no 12th digit is valid
  { value: '150540001600', reason: 'check-digit' },
  { value: '150540001609', reason: 'check-digit' },
] as const;

const registeredOn = fc
  .integer({ min: 1990 * 12, max: 2089 * 12 + 11 })
  .map((months) => `${Math.floor(months / 12)}-${String((months % 12) + 1).padStart(2, '0')}`);
const entityType = fc.constantFrom(...binEntityTypes);
const entityKind = fc.constantFrom(...binEntityKinds);
const serial = fc.integer({ min: 0, max: 99_999 });
const validBin = fc.record({ registeredOn, entityType, entityKind, serial }).map(makeBin);

function substitute(value: string, position: number, digit: number): string {
  return value.slice(0, position) + String(digit) + value.slice(position + 1);
}

function substitution(positions: fc.Arbitrary<number>) {
  return fc.tuple(validBin, positions, fc.integer({ min: 1, max: 9 })).map(([bin, position, shift]) => ({
    bin,
    altered: substitute(bin, position, (Number(bin.charAt(position)) + shift) % 10),
  }));
}

function sameFacts(a: BinResult, b: BinResult): boolean {
  return (
    a.ok &&
    b.ok &&
    a.registeredOn === b.registeredOn &&
    a.entityType === b.entityType &&
    a.entityKind === b.entityKind
  );
}

const messageOf = (result: BinResult) => (result.ok ? '' : result.message);

const firstRemainder = (value: string) => weightedRemainder(value.slice(0, 11), firstWeights);

describe('parseBin', () => {
  it.each(validSamples)('accepts $bin: registered $registeredOn', (sample) => {
    expect(parseBin(sample.bin)).toEqual({ ok: true, ...sample });
    expect(isValidBin(sample.bin)).toBe(true);
  });

  it.each(invalidSamples)('rejects "$value" for $reason', ({ value, reason }) => {
    const result = parseBin(value);
    expect(result).toMatchObject({ ok: false, reason });
    expect(isValidBin(value)).toBe(false);
  });

  it('says what the check digit should be, or that none exists', () => {
    expect(messageOf(parseBin('940140000386'))).toContain('should be 5');
    expect(messageOf(parseBin('150540001600'))).toContain('no check digit exists');
  });

  it('reads YY 90-99 as the 1990s and 00-89 as the 2000s without a reference day', () => {
    expect(parseBin('940140000385')).toMatchObject({ registeredOn: '1994-01' });
    expect(parseBin(makeBin({ ...head, registeredOn: '2089-12', serial: 1 }))).toMatchObject({
      registeredOn: '2089-12',
    });
  });

  it('reads YY up to today as 20YY and above as 19YY with a reference day', () => {
    const bin2025 = makeBin({ ...head, registeredOn: '2025-01', serial: 1 });
    expect(parseBin(bin2025, { today: '2025-11-21' })).toMatchObject({ ok: true, registeredOn: '2025-01' });
    expect(parseBin(bin2025, { today: '2024-12-31' })).toMatchObject({ ok: true, registeredOn: '1925-01' });
    expect(parseBin('990140004654', { today: '2025-11-21' })).toMatchObject({ registeredOn: '1999-01' });
  });

  it('rejects a registration month after the reference day', () => {
    const bin = makeBin({ ...head, registeredOn: '2025-12', serial: 1 });
    expect(parseBin(bin, { today: '2025-12-01' }).ok).toBe(true);
    expect(parseBin(bin, { today: '2025-11-30' })).toMatchObject({ ok: false, reason: 'registration-date' });
    expect(() => parseBin(bin, { today: '2025-11-31' })).toThrow(RangeError);
  });

  it('gives a reason, and never throws, for any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^\d{12}$/)), (value) => {
        const result = parseBin(value);
        return result.ok
          ? result.bin === value
          : binFailures.includes(result.reason) && result.message !== '';
      }),
    );
  });
});

const head = { entityType: 'resident-legal-entity', entityKind: 'head-office' } as const;

describe('makeBin', () => {
  it('makes BINs that parse back to what they were made from', () => {
    fc.assert(
      fc.property(registeredOn, entityType, entityKind, serial, (month, type, kind, n) => {
        const bin = makeBin({ registeredOn: month, entityType: type, entityKind: kind, serial: n });
        const result = parseBin(bin);
        return (
          result.ok &&
          result.registeredOn === month &&
          result.entityType === type &&
          result.entityKind === kind
        );
      }),
    );
  });

  it('skips a serial that has no check digit', () => {
    expect(computeBinCheckDigit('15054000160')).toBeUndefined();
    expect(makeBin({ ...head, registeredOn: '2015-05', serial: 160 })).toBe('150540001611');
  });

  it('refuses months parseBin could not read back, and bad serials', () => {
    expect(() => makeBin({ ...head, registeredOn: '1989-12', serial: 1 })).toThrow(RangeError);
    expect(() => makeBin({ ...head, registeredOn: '2090-01', serial: 1 })).toThrow(RangeError);
    expect(() => makeBin({ ...head, registeredOn: '2020-13', serial: 1 })).toThrow(RangeError);
    expect(() => makeBin({ ...head, registeredOn: '2020-01', serial: 100_000 })).toThrow(RangeError);
  });
});

// The same rule as the IIN's, so the same limits (see iin.unit.test.ts): the 11th digit has weight 11.
describe('single-digit substitutions in a valid BIN', () => {
  it('are always caught in the 12th digit', () => {
    fc.assert(
      fc.property(substitution(fc.constant(11)), ({ altered }) => {
        const result = parseBin(altered);
        return !result.ok && result.reason === 'check-digit';
      }),
    );
  });

  it('in digits 1-6 either fail or change the registration month, type or kind', () => {
    fc.assert(
      fc.property(substitution(fc.integer({ min: 0, max: 5 })), ({ bin, altered }) => {
        return !sameFacts(parseBin(bin), parseBin(altered));
      }),
    );
  });

  it('in digits 1-10 are caught unless one of the two numbers has first remainder 10', () => {
    fc.assert(
      fc.property(substitution(fc.integer({ min: 0, max: 9 })), ({ bin, altered }) => {
        return !parseBin(altered).ok || firstRemainder(bin) === 10 || firstRemainder(altered) === 10;
      }),
    );
  });

  it('in digit 11 pass exactly when the first remainder is not 10', () => {
    fc.assert(
      fc.property(substitution(fc.constant(10)), ({ bin, altered }) => {
        expect(parseBin(altered).ok).toBe(firstRemainder(bin) !== 10);
      }),
    );
  });
});

describe('registrationYears', () => {
  // Registered in June 2022: counted from 30 June 2022, the last day the BIN allows.
  it('counts full years from the last day of the registration month', () => {
    expect(registrationYears('220640000016', '2022-06-01')).toBe(0);
    expect(registrationYears('220640000016', '2025-06-29')).toBe(2);
    expect(registrationYears('220640000016', '2025-06-30')).toBe(3);
    expect(registrationYears('220640000016', '2025-07-01')).toBe(3);
    expect(registrationYears('940140000385', '2025-01-31')).toBe(31);
  });

  it('throws for an invalid BIN or one registered after the day', () => {
    expect(() => registrationYears('940140000386', '2025-01-01')).toThrow(RangeError);
    expect(() => registrationYears('220640000016', '2022-05-31')).toThrow(RangeError);
    expect(() => registrationYears('220640000016', 'yesterday')).toThrow(RangeError);
  });

  it('counts no more years than since the 1st of the month, and at most one fewer', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000 * 12, max: 2040 * 12 + 11 }),
        fc.integer({ min: 0, max: 40 * 366 }),
        (months, days) => {
          const month = `${Math.floor(months / 12)}-${String((months % 12) + 1).padStart(2, '0')}`;
          const bin = makeBin({ ...head, registeredOn: month, serial: 7 });
          const firstDay = `${month}-01`;
          const onDate = new Date(Date.parse(firstDay) + days * 86_400_000).toISOString().slice(0, 10);
          const years = registrationYears(bin, onDate);
          const fromFirstDay = ageOn(firstDay, onDate);
          return years <= fromFirstDay && years >= fromFirstDay - 1;
        },
      ),
    );
  });
});

describe('binSchema', () => {
  it('accepts a valid BIN and rejects with one issue naming the reason', () => {
    expect(binSchema.parse('940140000385')).toBe('940140000385');
    const result = binSchema.safeParse('940170000385');
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]).toMatchObject({ params: { reason: 'entity-type' } });
    expect(binSchema.safeParse('94014').error?.issues[0]?.message).toContain('12 digits');
  });
});

describe('translated names', () => {
  it('exist in every language for every type, kind and failure', () => {
    for (const language of languages) {
      for (const type of binEntityTypes) expect(binEntityTypeNames[type][language]).not.toBe('');
      for (const kind of binEntityKinds) expect(binEntityKindNames[kind][language]).not.toBe('');
      for (const reason of binFailures) expect(binFailureText[reason][language]).not.toBe('');
    }
  });
});
