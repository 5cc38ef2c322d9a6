import fc from 'fast-check';
import { attributesOf, disaggregate, measure, observe, type Observation, select, valueOf } from './compute';
import { indicatorSeed } from '../framework/seed';
import { emptyFacts, type Facts } from './facts';

const at = (date: string) => `${date}T06:00:00.000Z`;
const place = { roundId: 'r1', region: 'akmola' };
const definition = (code: string) => {
  const found = indicatorSeed.find((indicator) => indicator.code === code);
  if (!found) throw new Error(code);
  return found;
};
const total = (facts: Facts, code: string, range: { from?: string; to?: string } = {}) =>
  valueOf(definition(code), observe(facts).get(code) ?? [], range).value;

const registered = (id: string, sex: string, neet: boolean, vulnerability: string[] = []) => ({
  _id: id,
  registered: {
    v: 1,
    at: at('2019-03-01'),
    sex,
    ageBand: '18-24',
    region: 'akmola',
    settlement: 'urban',
    neet,
    vulnerability,
  },
});

/** Two members in an awarded, opened and completed project; one left early. */
const facts: Facts = {
  ...emptyFacts,
  participants: [registered('a', 'female', true, ['orphan']), registered('b', 'male', false)],
  bids: [
    {
      _id: 'bid1',
      firstSubmission: { v: 1, at: at('2019-03-01'), ...place, teamId: 't1' },
      decision: {
        v: 4,
        at: at('2019-03-31'),
        ...place,
        outcome: 'awarded',
        awardedAmountKzt: 800_000,
        memberParticipantIds: ['a', 'b'],
      },
    },
  ],
  teams: [
    { _id: 't1', membership: { v: 1, at: at('2019-02-01'), ...place, memberParticipantIds: ['a', 'b'] } },
  ],
  projects: [
    {
      _id: 'prj1',
      opened: {
        v: 1,
        at: at('2019-04-01'),
        ...place,
        bidId: 'bid1',
        memberParticipantIds: ['a', 'b'],
        grantAmountKzt: 800_000,
      },
      completed: {
        v: 5,
        at: at('2019-10-01'),
        ...place,
        bidId: 'bid1',
        on: '2019-10-01',
        beneficiariesReached: 40,
      },
    },
  ],
  agreements: [
    {
      _id: 'agr1',
      signed: { v: 1, at: at('2019-04-02'), ...place, projectId: 'prj1', grantAmountKzt: 750_000 },
    },
  ],
  members: [
    {
      _id: 'prj1|b',
      exit: {
        v: 2,
        at: at('2019-06-01'),
        ...place,
        projectId: 'prj1',
        participantId: 'b',
        reason: 'relocated',
        status: 'neet',
        on: '2019-06-01',
      },
    },
    {
      _id: 'prj1|a',
      exit: {
        v: 6,
        at: at('2019-10-01'),
        ...place,
        projectId: 'prj1',
        participantId: 'a',
        reason: 'project-completed',
        status: 'employed',
        on: '2019-10-01',
      },
    },
  ],
  reports: [
    {
      _id: 'rep1',
      submitted: { v: 1, at: at('2019-05-01'), ...place, projectId: 'prj1', beneficiariesReached: 25 },
      review: { v: 2, at: at('2019-05-03'), ...place, projectId: 'prj1', accepted: true },
    },
    {
      _id: 'rep2',
      submitted: { v: 1, at: at('2019-06-01'), ...place, projectId: 'prj1', beneficiariesReached: 99 },
      review: { v: 2, at: at('2019-06-03'), ...place, projectId: 'prj1', accepted: false },
    },
  ],
};

describe('indicator computations', () => {
  it('counts participants of financed projects and completers who did not leave early', () => {
    expect(total(facts, 'PDO-1')).toBe(2);
    expect(total(facts, 'PDO-2')).toBe(1);
    expect(total(facts, 'PDO-2.1')).toBe(100);
    expect(total(facts, 'PDO-1.2')).toBe(50);
    expect(total(facts, 'PDO-4')).toBe(50);
  });

  it('groups participants whose registration has not arrived under unknown, without a share denominator', () => {
    const early: Facts = { ...facts, participants: [] };
    const observations = observe(early).get('PDO-1') ?? [];
    expect(disaggregate(observations, 'sex', 'sum').map((group) => [group.key, group.value])).toEqual([
      ['unknown', 2],
    ]);
    expect(valueOf(definition('PDO-1.1'), observe(early).get('PDO-1.1') ?? [], {})).toMatchObject({
      value: null,
      denominator: 0,
    });
  });

  it('takes a later profile update over the registration, not an older one', () => {
    const participant = registered('a', 'female', true);
    const newer = {
      ...participant,
      profile: {
        v: 2,
        at: at('2019-03-05'),
        region: 'akmola',
        settlement: 'rural',
        neet: false,
        vulnerability: [],
      },
    };
    expect(attributesOf(newer)).toMatchObject({ sex: 'female', settlement: 'rural', neet: false });
    const older = { ...newer, registered: { ...participant.registered, v: 3 } };
    expect(attributesOf(older)).toMatchObject({ settlement: 'urban', neet: true });
    expect(attributesOf(undefined)).toEqual({});
  });

  it('counts beneficiaries from accepted reports, then the completion figure on its date', () => {
    expect(total(facts, 'IR-2.4')).toBe(40);
    expect(total(facts, 'IR-2.4', { to: '2019-09-30' })).toBe(25);
    expect(total(facts, 'IR-2.4', { from: '2019-10-01' })).toBe(15);
  });

  it('commits the signed grant over the awarded amount, and counts active projects at the end of a period', () => {
    expect(total(facts, 'IR-3.1')).toBe(750_000);
    expect(total(facts, 'IR-2.2', { from: '2019-01-01', to: '2019-06-30' })).toBe(1);
    expect(total(facts, 'IR-2.2', { to: '2019-03-30' })).toBe(0);
    expect(total(facts, 'IR-2.2', { to: '2019-10-01' })).toBe(0);
    expect(total(facts, 'IR-2.2')).toBe(0);
  });

  it('averages whole days from the first submission to the decision', () => {
    expect(total(facts, 'IR-4.2')).toBe(30);
  });

  it('aggregates sums, shares and means, and selects by round and region', () => {
    const observation = (num: number, den: number, region = 'akmola'): Observation => ({
      on: '2019-01-01',
      roundId: 'r1',
      region,
      dims: { region },
      num,
      den,
    });
    const list = [observation(1, 1), observation(0, 1), observation(1, 1, 'atyrau')];
    expect(measure(list, 'sum').value).toBe(2);
    expect(measure(list, 'percent').value).toBe(66.67);
    expect(measure(list, 'mean').value).toBe(0.67);
    expect(measure([], 'percent').value).toBeNull();
    expect(select(list, 'flow', { regions: ['atyrau'] })).toHaveLength(1);
    expect(select(list, 'flow', { regions: [] })).toHaveLength(0);
    expect(select(list, 'flow', { roundIds: ['r2'] })).toHaveLength(0);
    expect(select(list, 'flow', { from: '2019-01-02' })).toHaveLength(0);
  });

  it('gives the same numbers whatever order the documents come in', () => {
    const codes = indicatorSeed.map((indicator) => indicator.code);
    const values = (input: Facts) =>
      codes.map((code) =>
        valueOf(definition(code), observe(input).get(code) ?? [], {}, [
          'sex',
          'region',
          'neet',
          'vulnerability',
        ]),
      );
    const expected = values(facts);
    fc.assert(
      fc.property(
        fc.shuffledSubarray([...facts.members], { minLength: facts.members.length }),
        fc.shuffledSubarray([...facts.reports], { minLength: facts.reports.length }),
        fc.shuffledSubarray([...facts.participants], { minLength: facts.participants.length }),
        (members, reports, participants) => {
          expect(values({ ...facts, members, reports, participants })).toEqual(expected);
        },
      ),
    );
  });

  it('adds up the groups of a count to its total', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            region: fc.constantFrom('akmola', 'atyrau', 'pavlodar'),
            num: fc.integer({ min: 0, max: 1_000_000 }),
          }),
        ),
        (rows) => {
          const list = rows.map(({ region, num }) => ({
            on: '2019-01-01',
            roundId: 'r1',
            region,
            dims: { region },
            num,
            den: 1,
          }));
          const groups = disaggregate(list, 'region', 'sum');
          expect(groups.reduce((sum, group) => sum + (group.value ?? 0), 0)).toBe(measure(list, 'sum').value);
        },
      ),
    );
  });
});
