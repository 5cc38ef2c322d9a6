import { problemLike } from '../../testing/problem-like';
import { personalDataFindings } from '@zhas/contracts';
import { makeIin } from '@zhas/kz';
import { person } from '../../testing/fixtures';
import { participantView, register, updateProfile } from './domain';

const ids = { participantId: 'p-1', subject: 'u-1', iinDigest: 'd' };
const now = new Date('2019-03-10T06:00:00.000Z');

describe('participant registration', () => {
  it('reads birth date and sex from the IIN and publishes the indicator attributes only', () => {
    const body = { ...person(), iin: makeIin({ birthDate: '2001-03-11', sex: 'male', serial: 42 }) };
    const { state, events } = register(body, ids, now);
    expect(state).toMatchObject({ birthDate: '2001-03-11', sex: 'male', iin: body.iin });
    expect(events[0]!.data).toMatchObject({ sex: 'male', birthYear: 2001, ageBand: '14-17' }); // 17, turns 18 tomorrow
    expect(personalDataFindings(events[0]!.data)).toEqual([]);
    expect(JSON.stringify(events[0]!.data)).not.toContain(body.fullName);
  });

  it("refuses ages outside the programme's bands", () => {
    const tooOld = { ...person(), iin: makeIin({ birthDate: '1984-03-09', sex: 'female', serial: 3 }) };
    expect(() => register(tooOld, ids, now)).toThrow(
      problemLike({ type: '/problems/age-outside-programme' }),
    );
    const tooYoung = { ...person(), iin: makeIin({ birthDate: '2005-03-11', sex: 'female', serial: 3 }) };
    expect(() => register(tooYoung, ids, now)).toThrow(problemLike({ status: 422 }));
  });

  it('refuses an IIN with a wrong check digit or a future birth date', () => {
    const valid = makeIin({ birthDate: '2000-01-01', sex: 'female', serial: 5 });
    const wrong = valid.slice(0, 11) + String((Number(valid[11]) + 1) % 10);
    expect(() => register({ ...person(), iin: wrong }, ids, now)).toThrow(
      problemLike({ type: '/problems/invalid-iin' }),
    );
    const future = makeIin({ birthDate: '2020-01-01', sex: 'female', serial: 5 });
    expect(() => register({ ...person(), iin: future }, ids, now)).toThrow(problemLike({ status: 422 }));
  });

  it('shows personal data to the person and coordinators only, and lets them change the profile', () => {
    const { state } = register(person(), ids, now);
    expect(
      participantView({ subject: 'u-1', roles: ['applicant'], participantId: 'p-1' }, state),
    ).not.toHaveProperty('iinDigest');
    expect(() =>
      participantView({ subject: 'u-2', roles: ['applicant'], participantId: 'p-2' }, state),
    ).toThrow(problemLike({ status: 403 }));
    expect(() => participantView({ subject: 'v', roles: ['viewer'] }, state)).toThrow(
      problemLike({ status: 403 }),
    );
    const updated = updateProfile(
      { subject: 'k', roles: ['coordinator'] },
      state,
      { ...state, neet: false },
      now,
    );
    expect(updated.state.neet).toBe(false);
    expect(updated.events[0]!.data).toMatchObject({ participantId: 'p-1', neet: false });
  });
});
