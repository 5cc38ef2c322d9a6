import { describe, expect, it } from 'vitest';
import { emptyProfile, formFieldOf, profileBody, profileProblems } from './profile';

const filled = {
  ...emptyProfile,
  fullName: 'Ержан Сапаров',
  phone: '+7 701 234 5678',
  email: 'yerzhan@zhas.example',
  regions: ['akmola'],
  expertise: ['education' as const],
  capacity: '3',
  employers: 'org-h1\norg-h2, org-h3',
};

describe('the mentor profile form', () => {
  it('names every field left empty', () => {
    expect(profileProblems({ ...emptyProfile, capacity: '' })).toEqual({
      fullName: 'required',
      phone: 'required',
      email: 'required',
      regions: 'required',
      expertise: 'required',
      capacity: 'capacity',
    });
  });

  it('tells a wrong phone, e-mail, capacity or organization code from a missing one', () => {
    expect(
      profileProblems({
        ...filled,
        phone: 'call me',
        email: 'yerzhan@',
        capacity: '51',
        employers: 'org h1!',
      }),
    ).toEqual({ phone: 'invalid', email: 'invalid', capacity: 'capacity', employers: 'employers' });
    expect(profileProblems(filled)).toEqual({});
  });

  it('sends what the service takes, organizations one by one', () => {
    expect(profileBody(filled)).toEqual({
      fullName: 'Ержан Сапаров',
      phone: '+7 701 234 5678',
      email: 'yerzhan@zhas.example',
      regions: ['akmola'],
      expertise: ['education'],
      capacity: 3,
      employerHostOrganizationIds: ['org-h1', 'org-h2', 'org-h3'],
    });
  });

  it("maps the service's field names to the form's", () => {
    expect(formFieldOf('employerHostOrganizationIds.2')).toBe('employers');
    expect(formFieldOf('phone')).toBe('phone');
    expect(formFieldOf('version')).toBeUndefined();
  });
});
