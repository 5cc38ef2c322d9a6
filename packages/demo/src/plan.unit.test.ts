import { parseIin } from '@zhas/kz';
import { ageOn, DEMO_REGIONS, hostSeats, planRound, QUALIFYING_SCORE, TEAM_SIZE, teamSizes } from './plan';
import { seededRandom } from './random';

const AGE_ON = '2026-03-01';

describe('the demo plan', () => {
  const plan = planRound({ youth: 700, seed: 42, ageOn: AGE_ON });

  it('is the same for the same seed and differs for another', () => {
    expect(planRound({ youth: 700, seed: 42, ageOn: AGE_ON })).toEqual(plan);
    const other = planRound({ youth: 700, seed: 43, ageOn: AGE_ON });
    expect(other.people.map((person) => person.iin)).not.toEqual(plan.people.map((person) => person.iin));
  });

  it('gives every young person a valid, unique IIN that agrees with their birth date and sex', () => {
    expect(plan.people).toHaveLength(700);
    expect(new Set(plan.people.map((person) => person.iin)).size).toBe(700);
    for (const person of plan.people) {
      expect(parseIin(person.iin)).toEqual({
        ok: true,
        iin: person.iin,
        birthDate: person.birthDate,
        sex: person.sex,
      });
    }
  });

  it('keeps ages within 14-29 on the youth window and mixes sexes, NEET and vulnerability', () => {
    const ages = plan.people.map((person) => ageOn(person.birthDate, AGE_ON));
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(14);
    expect(Math.max(...ages)).toBeLessThanOrEqual(29);
    const share = (test: (person: (typeof plan.people)[number]) => boolean) =>
      plan.people.filter(test).length / plan.people.length;
    expect(share((person) => person.sex === 'female')).toBeGreaterThan(0.4);
    expect(share((person) => person.sex === 'female')).toBeLessThan(0.65);
    expect(share((person) => person.neet)).toBeGreaterThan(0.3);
    expect(share((person) => person.vulnerability.length > 0)).toBeGreaterThan(0.2);
    expect(share((person) => person.vulnerability.length > 0)).toBeLessThan(0.6);
  });

  it('uses the six regions of 2019 only, and people join teams of their own region', () => {
    expect(new Set(plan.people.map((person) => person.region))).toEqual(new Set(DEMO_REGIONS));
    for (const team of plan.teams) {
      expect(team.members.length).toBeGreaterThanOrEqual(TEAM_SIZE.min);
      expect(team.members.length).toBeLessThanOrEqual(TEAM_SIZE.max);
      for (const index of team.members) expect(plan.people[index]!.region).toBe(team.region);
    }
    const members = plan.teams.flatMap((team) => team.members);
    expect(new Set(members).size).toBe(members.length);
    // teams of mostly three: about 1,100 bids for 3,500 youth
    expect(plan.teams.length).toBeGreaterThan(700 / 3.6);
    expect(plan.teams.length).toBeLessThanOrEqual(700 / 3);
  });

  it('has bids within the ceiling with budget lines that add up, and a mix of outcomes', () => {
    for (const { bid } of plan.teams) {
      expect(bid.amountKzt).toBeLessThanOrEqual(1_000_000);
      expect(bid.budgetLines.reduce((sum, line) => sum + line.amountKzt, 0)).toBe(bid.amountKzt);
      for (const line of bid.budgetLines) expect(line.amountKzt).toBeGreaterThan(0);
      if (bid.abandonsAfterFailure) expect(bid.failsCheckFirst).toBe(true);
    }
    expect(plan.teams.some((team) => team.bid.failsCheckFirst)).toBe(true);
    expect(plan.teams.some((team) => team.bid.reviewScore < QUALIFYING_SCORE)).toBe(true);
    expect(plan.teams.some((team) => team.project.earlyLeaver !== null)).toBe(true);
    expect(plan.teams.some((team) => team.project.returnedReport)).toBe(true);
    for (const { project, members } of plan.teams) {
      expect(project.exitStatuses).toHaveLength(members.length);
      if (project.earlyLeaver !== null) expect(project.earlyLeaver).toBeGreaterThan(0);
    }
  });

  it('sets quotas below the qualifying bids so that the lottery chooses, and seats for the host teams', () => {
    for (const quota of plan.quotas) {
      const teams = plan.teams.filter((team) => team.region === quota.region);
      const qualifyingTeams = teams.filter(
        (team) => !team.bid.abandonsAfterFailure && team.bid.reviewScore >= QUALIFYING_SCORE,
      );
      const qualifying = qualifyingTeams.length;
      expect(quota.projectQuota).toBeLessThanOrEqual(Math.max(1, qualifying));
      // the lottery's losers are qualifying teams of the region, as many as the quota leaves out
      const losers = plan.lotteryLosers[quota.region];
      expect(losers).toHaveLength(Math.max(0, qualifying - quota.projectQuota));
      expect(losers.every((index) => qualifyingTeams.some((team) => team.index === index))).toBe(true);
      expect(quota.hostOrganizationSeats).toBe(hostSeats(teams.filter((team) => team.withHost).length));
      const organizations = plan.organizations.filter((org) => org.region === quota.region);
      // more applicants than seats, and the seats go to the best scores
      expect(organizations.length).toBeGreaterThan(quota.hostOrganizationSeats);
      expect(new Set(plan.organizations.map((org) => org.bin)).size).toBe(plan.organizations.length);
    }
    expect(plan.grievances.length).toBeGreaterThan(0);
  });

  it('refuses fewer people than one team', () => {
    expect(() => planRound({ youth: 2, seed: 1, ageOn: AGE_ON })).toThrow(RangeError);
  });
});

describe('team sizes', () => {
  it('are 3-5 and leave at most a couple of people without a team', () => {
    const random = seededRandom(7);
    for (const count of [3, 4, 5, 6, 7, 11, 100, 1001]) {
      const sizes = teamSizes(count, random);
      for (const size of sizes) expect(size).toBeGreaterThanOrEqual(3);
      for (const size of sizes) expect(size).toBeLessThanOrEqual(5);
      const left = count - sizes.reduce((sum, size) => sum + size, 0);
      expect(left).toBeGreaterThanOrEqual(0);
      expect(left).toBeLessThan(3);
    }
    expect(teamSizes(2, random)).toEqual([]);
  });
});

describe('ageOn', () => {
  it('counts whole years, the birthday itself included', () => {
    expect(ageOn('2000-03-01', '2026-03-01')).toBe(26);
    expect(ageOn('2000-03-02', '2026-03-01')).toBe(25);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
  });
});
