import { personalDataFindings } from '@zhas/contracts';
import { type Actor, changeOf, refusalOf } from '@zhas/domain';
import { makeIin } from '@zhas/kz';
import { person } from '../../testing/fixtures';
import { participantView, refuseRead, register, updateProfile } from './domain';

const applicant: Actor = { subject: 'u-1', roles: ['applicant'] };
const ids = { participantId: 'p-1', iinDigest: 'd' };
const now = new Date('2019-03-10T06:00:00.000Z');

describe('participant registration', () => {
  it('reads birth date and sex from the IIN and publishes the indicator attributes only', () => {
    const body = { ...person(), iin: makeIin({ birthDate: '2001-03-11', sex: 'male', serial: 42 }) };
    const { state, events } = changeOf(register(applicant, body, ids, now));
    expect(state).toMatchObject({ birthDate: '2001-03-11', sex: 'male', iin: body.iin, subject: 'u-1' });
    expect(events[0]!.data).toMatchObject({ sex: 'male', birthYear: 2001, ageBand: '14-17' }); // 17, turns 18 tomorrow
    expect(personalDataFindings(events[0]!.data)).toEqual([]);
    expect(JSON.stringify(events[0]!.data)).not.toContain(body.fullName);
  });

  it('is for applicant accounts not registered yet', () => {
    expect(refusalOf(register({ subject: 'v', roles: ['viewer'] }, person(), ids, now))).toMatchObject({
      code: 'forbidden',
    });
    expect(refusalOf(register({ ...applicant, participantId: 'p-0' }, person(), ids, now))).toMatchObject({
      code: 'already-registered',
      facts: { participantId: 'p-0' },
    });
  });

  it("refuses ages outside the programme's bands", () => {
    const tooOld = { ...person(), iin: makeIin({ birthDate: '1984-03-09', sex: 'female', serial: 3 }) };
    expect(refusalOf(register(applicant, tooOld, ids, now))).toMatchObject({ code: 'age-outside-programme' });
    const tooYoung = { ...person(), iin: makeIin({ birthDate: '2005-03-11', sex: 'female', serial: 3 }) };
    expect(refusalOf(register(applicant, tooYoung, ids, now))).toMatchObject({
      code: 'age-outside-programme',
    });
  });

  it('refuses an IIN with a wrong check digit or a future birth date', () => {
    const valid = makeIin({ birthDate: '2000-01-01', sex: 'female', serial: 5 });
    const wrong = valid.slice(0, 11) + String((Number(valid[11]) + 1) % 10);
    expect(refusalOf(register(applicant, { ...person(), iin: wrong }, ids, now))).toMatchObject({
      code: 'invalid-iin',
    });
    const future = makeIin({ birthDate: '2020-01-01', sex: 'female', serial: 5 });
    expect(refusalOf(register(applicant, { ...person(), iin: future }, ids, now))).toMatchObject({
      code: 'invalid-iin',
    });
  });

  it('shows personal data to the person and coordinators only, and lets them change the profile', () => {
    const { state } = changeOf(register(applicant, person(), ids, now));
    expect(participantView(state)).not.toHaveProperty('iinDigest');
    expect(refuseRead({ subject: 'u-1', roles: ['applicant'], participantId: 'p-1' }, state)).toBeUndefined();
    expect(refuseRead({ subject: 'k', roles: ['coordinator'] }, state)).toBeUndefined();
    expect(
      refusalOf(refuseRead({ subject: 'u-2', roles: ['applicant'], participantId: 'p-2' }, state)),
    ).toMatchObject({ code: 'forbidden' });
    expect(refusalOf(refuseRead({ subject: 'v', roles: ['viewer'] }, state))).toMatchObject({
      code: 'forbidden',
    });
    const updated = changeOf(
      updateProfile({ subject: 'k', roles: ['coordinator'] }, state, { ...state, neet: false }, now),
    );
    expect(updated.state.neet).toBe(false);
    expect(updated.events[0]!.data).toMatchObject({ participantId: 'p-1', neet: false });
    expect(
      refusalOf(
        updateProfile({ subject: 'u-2', roles: ['applicant'], participantId: 'p-2' }, state, state, now),
      ),
    ).toMatchObject({ code: 'forbidden' });
  });
});
