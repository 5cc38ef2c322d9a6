import { type BidCheckReasonCode } from '@zhas/contracts';
import { type PersonFacts, eligibilityFailures } from '../participants/eligibility';
import { type RoundCopy } from '../rounds/store';
import { type TeamState } from '../teams/domain';
import { type BidContent } from './content';

// The technical check (docs/architecture.md, "The grant cycle", step 5a): automatic rules, each failure with
// a reason code and the part of the bid at fault. Pure: the caller loads the round, the team and its members.

export interface CheckReason {
  readonly code: BidCheckReasonCode;
  readonly field?: string;
}

export interface CheckFacts {
  readonly content: BidContent;
  readonly round: Pick<RoundCopy, 'regions' | 'rules' | 'youthApplicationWindow'>;
  readonly team: Pick<
    TeamState,
    'teamId' | 'region' | 'memberParticipantIds' | 'hostOrganizationId' | 'hostOrganizationStatus'
  >;
  /** One per member, in the team's order: the person and their active team in the round, if any. */
  readonly members: readonly { readonly person: PersonFacts; readonly activeTeamId: string | undefined }[];
}

/**
 * Reasons that make a bid incomplete: a required section missing or budget lines that do not add up. Such a bid is
 * refused at submission (nothing to publish yet); the team completes the draft and submits again.
 */
export function completenessReasons(content: BidContent): CheckReason[] {
  const reasons: CheckReason[] = [];
  const required: [keyof BidContent, boolean][] = [
    ['title', content.title === ''],
    ['problem', content.problem === ''],
    ['goal', content.goal === ''],
    ['beneficiaries', content.beneficiaries === ''],
    ['plannedBeneficiaries', content.plannedBeneficiaries === null],
    ['activities', content.activities.length === 0],
    ['budgetLines', content.budgetLines.length === 0],
    ['requestedAmountKzt', content.requestedAmountKzt === null],
    ['durationMonths', content.durationMonths === null],
  ];
  for (const [field, missing] of required)
    if (missing) reasons.push({ code: 'required-section-missing', field });
  const total = content.budgetLines.reduce((sum, line) => sum + line.amountKzt, 0);
  if (
    content.budgetLines.length > 0 &&
    content.requestedAmountKzt !== null &&
    total !== content.requestedAmountKzt
  ) {
    reasons.push({ code: 'budget-lines-do-not-add-up', field: 'budgetLines' });
  }
  return reasons;
}

/** Every rule of the check; empty means the bid passes. */
export function technicalCheck(facts: CheckFacts): CheckReason[] {
  const { content, round, team } = facts;
  const { rules } = round;
  const reasons = completenessReasons(content);
  if (content.requestedAmountKzt !== null && content.requestedAmountKzt > rules.grantCeilingKzt) {
    reasons.push({ code: 'budget-exceeds-ceiling', field: 'requestedAmountKzt' });
  }
  if (
    content.durationMonths !== null &&
    (content.durationMonths < 1 || content.durationMonths > rules.projectDurationMonths)
  ) {
    reasons.push({ code: 'duration-out-of-range', field: 'durationMonths' });
  }
  if (
    content.activities.some(
      (activity) => activity.month > (content.durationMonths ?? rules.projectDurationMonths),
    )
  ) {
    reasons.push({ code: 'duration-out-of-range', field: 'activities' });
  }
  if (!content.nonCommercialDeclared) {
    reasons.push({ code: 'commercial-activity', field: 'nonCommercialDeclared' });
  }
  const size = team.memberParticipantIds.length;
  if (size < rules.teamSize.min || size > rules.teamSize.max) {
    reasons.push({ code: 'team-size-out-of-range', field: 'team' });
  }
  if (!round.regions.includes(team.region)) reasons.push({ code: 'region-not-in-round', field: 'region' });
  if (team.hostOrganizationId !== null && team.hostOrganizationStatus !== 'confirmed') {
    reasons.push({ code: 'host-organization-not-confirmed', field: 'hostOrganizationId' });
  }
  facts.members.forEach((member, index) => {
    for (const failure of eligibilityFailures(member.person, round, {
      activeTeamId: member.activeTeamId,
      teamId: team.teamId,
    })) {
      reasons.push({ code: failure.code, field: `members[${index}]` });
    }
  });
  return reasons;
}
