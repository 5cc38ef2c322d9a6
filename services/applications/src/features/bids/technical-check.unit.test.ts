import { completeContent, formedTeam, roundCopy } from '../../testing/fixtures';
import { type CheckFacts, completenessReasons, technicalCheck } from './technical-check';

const consents = {
  'programme-participation': true,
  'monitoring-evaluation': true,
  'follow-up-survey': true,
  publicity: false,
};
const member = (participantId: string, birthDate = '1999-06-01') => ({
  person: { participantId, birthDate, region: 'akmola', consents },
  activeTeamId: 't-1',
});
const team = formedTeam;
const facts = (overrides: Partial<CheckFacts> = {}): CheckFacts => ({
  content: completeContent,
  round: roundCopy(),
  team,
  members: [member('p-1'), member('p-2'), member('p-3')],
  ...overrides,
});

describe('the technical check', () => {
  it('passes a complete bid of an eligible team within the rules', () => {
    expect(technicalCheck(facts())).toEqual([]);
  });

  it('names each missing required section', () => {
    const content = { ...completeContent, title: '', activities: [], plannedBeneficiaries: null };
    expect(completenessReasons(content)).toEqual([
      { code: 'required-section-missing', field: 'title' },
      { code: 'required-section-missing', field: 'plannedBeneficiaries' },
      { code: 'required-section-missing', field: 'activities' },
    ]);
  });

  it('requires budget lines that add up to the requested amount', () => {
    const content = { ...completeContent, requestedAmountKzt: 750_001 };
    expect(technicalCheck(facts({ content }))).toContainEqual({
      code: 'budget-lines-do-not-add-up',
      field: 'budgetLines',
    });
  });

  it("keeps the budget within the round's ceiling, the ceiling itself allowed", () => {
    const at = (amount: number) => ({
      ...completeContent,
      budgetLines: [{ category: 'equipment' as const, amountKzt: amount, note: '' }],
      requestedAmountKzt: amount,
    });
    expect(technicalCheck(facts({ content: at(1_000_000) }))).toEqual([]);
    expect(technicalCheck(facts({ content: at(1_000_001) }))).toEqual([
      { code: 'budget-exceeds-ceiling', field: 'requestedAmountKzt' },
    ]);
  });

  it("keeps the duration and the activities within the round's project duration", () => {
    expect(technicalCheck(facts({ content: { ...completeContent, durationMonths: 7 } }))).toEqual([
      { code: 'duration-out-of-range', field: 'durationMonths' },
    ]);
    const content = {
      ...completeContent,
      durationMonths: 3,
      activities: [{ month: 4, description: 'Late' }],
    };
    expect(technicalCheck(facts({ content }))).toEqual([
      { code: 'duration-out-of-range', field: 'activities' },
    ]);
  });

  it('requires the non-commercial declaration', () => {
    expect(technicalCheck(facts({ content: { ...completeContent, nonCommercialDeclared: false } }))).toEqual([
      { code: 'commercial-activity', field: 'nonCommercialDeclared' },
    ]);
  });

  it('checks the size of the team against the rules', () => {
    const pair = { ...team, memberParticipantIds: ['p-1', 'p-2'] };
    expect(technicalCheck(facts({ team: pair, members: [member('p-1'), member('p-2')] }))).toEqual([
      { code: 'team-size-out-of-range', field: 'team' },
    ]);
  });

  it('checks the eligibility of every member and names the member', () => {
    const members = [
      member('p-1'),
      member('p-2', '1980-01-01'),
      { ...member('p-3'), activeTeamId: 't-other' },
    ];
    expect(technicalCheck(facts({ members }))).toEqual([
      { code: 'member-age-out-of-range', field: 'members[1]' },
      { code: 'member-in-another-team', field: 'members[2]' },
    ]);
  });

  it('requires the confirmation of the requested host organization', () => {
    const withHost = { ...team, hostOrganizationId: 'h-1', hostOrganizationStatus: 'requested' as const };
    expect(technicalCheck(facts({ team: withHost }))).toEqual([
      { code: 'host-organization-not-confirmed', field: 'hostOrganizationId' },
    ]);
    expect(technicalCheck(facts({ team: { ...withHost, hostOrganizationStatus: 'confirmed' } }))).toEqual([]);
  });

  it("requires the team's region among the round's", () => {
    expect(technicalCheck(facts({ team: { ...team, region: 'pavlodar' } }))).toEqual([
      { code: 'region-not-in-round', field: 'region' },
    ]);
  });
});
