import { roundCopy } from '../../testing/fixtures';
import { type PersonFacts, ageReferenceDate, eligibilityFailures } from './eligibility';

const round = roundCopy(); // youth window opens 2019-03-01T04:00Z (10:00 in Astana); ages 14-29
const consents = {
  'programme-participation': true,
  'monitoring-evaluation': false,
  'follow-up-survey': false,
  publicity: false,
};
const personBorn = (birthDate: string, extra: Partial<PersonFacts> = {}): PersonFacts => ({
  participantId: 'p-1',
  birthDate,
  region: 'akmola',
  consents,
  ...extra,
});
const alone: { activeTeamId: string | undefined; teamId: string } = {
  activeTeamId: undefined,
  teamId: 't-1',
};
const codes = (person: PersonFacts, membership = alone) =>
  eligibilityFailures(person, round, membership).map((failure) => failure.code);

describe('eligibility for a round', () => {
  it('counts age on the first day of the youth window, in Kazakhstan', () => {
    expect(ageReferenceDate(round)).toBe('2019-03-01');
    // The window opens 2019-02-28T20:00Z: still the 28th in UTC, already 1 March in Astana.
    expect(
      ageReferenceDate(
        roundCopy({
          youthApplicationWindow: {
            opensAt: '2019-02-28T20:00:00.000Z',
            closesAt: '2019-04-01T00:00:00.000Z',
          },
        }),
      ),
    ).toBe('2019-03-01');
  });

  it('takes the youngest and the oldest age of the range, on the day', () => {
    expect(codes(personBorn('2005-03-01'))).toEqual([]); // 14 that very day
    expect(codes(personBorn('2005-03-02'))).toEqual(['member-age-out-of-range']); // 13 until tomorrow
    expect(codes(personBorn('1989-03-02'))).toEqual([]); // 29, turns 30 tomorrow
    expect(codes(personBorn('1989-03-01'))).toEqual(['member-age-out-of-range']); // 30 that day
  });

  it('follows the rules of the round, not a fixed range', () => {
    const since2022 = roundCopy({ rules: { ...round.rules, ageRange: { min: 18, max: 34 } } });
    expect(eligibilityFailures(personBorn('1986-01-01'), since2022, alone)).toEqual([]);
    expect(
      eligibilityFailures(personBorn('2003-01-01'), since2022, alone).map((failure) => failure.code),
    ).toEqual(['member-age-out-of-range']);
  });

  it("requires a region among the round's targets", () => {
    expect(codes(personBorn('2000-01-01', { region: 'pavlodar' }))).toEqual(['region-not-in-round']);
  });

  it('requires consent to processing for programme participation', () => {
    expect(
      codes(personBorn('2000-01-01', { consents: { ...consents, 'programme-participation': false } })),
    ).toEqual(['member-consent-missing']);
  });

  it('allows one active team per round', () => {
    expect(codes(personBorn('2000-01-01'), { activeTeamId: 't-1', teamId: 't-1' })).toEqual([]);
    expect(codes(personBorn('2000-01-01'), { activeTeamId: 't-2', teamId: 't-1' })).toEqual([
      'member-in-another-team',
    ]);
  });

  it('reports every failure at once', () => {
    expect(
      codes(
        personBorn('1980-01-01', {
          region: 'pavlodar',
          consents: { ...consents, 'programme-participation': false },
        }),
        {
          activeTeamId: 't-9',
          teamId: 't-1',
        },
      ),
    ).toEqual([
      'member-age-out-of-range',
      'region-not-in-round',
      'member-consent-missing',
      'member-in-another-team',
    ]);
  });
});
