import { describe, expect, it } from 'vitest';
import { precheckIin } from './iin';
import { emptyRegistration, registrationProblems } from './registration';

const complete = {
  ...emptyRegistration,
  iin: '010301600007',
  confirmed: true,
  fullName: 'Әсем Тестова',
  phone: '+7 701 123 45 67',
  region: 'almaty',
  settlement: 'urban' as const,
  educationLevel: 'higher' as const,
};
const rules = { onDate: '2019-03-01', minAge: 14, maxAge: 34 };

describe('the registration form before it is sent', () => {
  it('has nothing to say about a complete form', () => {
    expect(registrationProblems(complete, precheckIin(complete.iin, rules))).toEqual({});
  });

  it('names every missing answer by its field', () => {
    expect(Object.keys(registrationProblems(emptyRegistration, precheckIin('', rules))).sort()).toEqual([
      'educationLevel',
      'fullName',
      'iin',
      'phone',
      'region',
      'settlement',
    ]);
  });

  it('asks to confirm what the IIN says, and gives the age when it is outside the programme', () => {
    const unconfirmed = { ...complete, confirmed: false };
    expect(registrationProblems(unconfirmed, precheckIin(complete.iin, rules))).toEqual({
      confirmed: { key: 'register.confirmRequired' },
    });
    expect(
      registrationProblems(complete, precheckIin(complete.iin, { ...rules, onDate: '2012-01-01' })),
    ).toEqual({
      iin: { key: 'register.ageOutside', values: { age: 10 } },
    });
  });

  it('refuses a phone number that is too short', () => {
    expect(registrationProblems({ ...complete, phone: '12345' }, precheckIin(complete.iin, rules))).toEqual({
      phone: { key: 'validation.invalid' },
    });
  });
});
