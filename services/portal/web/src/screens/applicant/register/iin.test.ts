import { describe, expect, it } from 'vitest';
import { ageOn, precheckIin } from './iin';

// 010301 6 0000 7: born 1 March 2001, female; the check digit computed by the platform's rule.
const VALID = '010301600007';

describe('the IIN pre-check in the browser', () => {
  it('reads birth date and sex from a valid IIN', () => {
    expect(precheckIin(VALID)).toEqual({ ok: true, birthDate: '2001-03-01', sex: 'female', age: null });
    expect(precheckIin('0103 0160 0007')).toMatchObject({ ok: true });
  });

  it('names what is wrong', () => {
    expect(precheckIin('01030160000')).toEqual({ ok: false, problem: 'length' });
    expect(precheckIin('01030160000a')).toEqual({ ok: false, problem: 'length' });
    expect(precheckIin('010301700007')).toEqual({ ok: false, problem: 'century' });
    expect(precheckIin('013001600007')).toEqual({ ok: false, problem: 'birthDate' });
    expect(precheckIin('010301600004')).toEqual({ ok: false, problem: 'checkDigit' });
  });

  it('checks the age on the round date', () => {
    const rules = { onDate: '2019-03-01', minAge: 14, maxAge: 29 };
    expect(precheckIin(VALID, rules)).toEqual({ ok: true, birthDate: '2001-03-01', sex: 'female', age: 18 });
    expect(precheckIin(VALID, { ...rules, minAge: 19 })).toEqual({ ok: false, problem: 'tooYoung', age: 18 });
    expect(precheckIin(VALID, { ...rules, onDate: '2031-03-01' })).toEqual({
      ok: false,
      problem: 'tooOld',
      age: 30,
    });
  });

  it('counts full years', () => {
    expect(ageOn('2001-03-01', '2019-02-28')).toBe(17);
    expect(ageOn('2001-03-01', '2019-03-01')).toBe(18);
    expect(ageOn('2000-02-29', '2018-02-28')).toBe(17);
  });
});
