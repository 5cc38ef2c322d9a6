import { type DataOf } from '@zhas/contracts';
import { kazakhstanClockOf } from '@zhas/kz';
import { type StipendWithheldReason, type Tell, tell } from '@zhas/notifications';

// Who among the young people is told what, decided from an event and the facts this service keeps (pure: no
// database, no clock). Each decision names the people, the notice, and the key that makes it one notice per
// person however often the event arrives: e.g. a lottery's award and its outcome for a bid share the key
// `outcome:<bidId>`, so one lottery run tells each person once.

/** What the decisions need to know about a bid and its team. */
export interface BidFacts {
  readonly registrationNumber: string;
  readonly leaderParticipantId: string;
  readonly memberParticipantIds: readonly string[];
}

/** A person who registered is welcomed, and learns where their messages will come. */
export function welcome(data: DataOf<'applications.participant.registered.v2'>): Tell {
  return tell([data.participantId], 'welcome', {}, 'welcome');
}

export function teamInvitation(data: DataOf<'applications.team.member-invited.v1'>): Tell {
  return tell(
    [data.invitedParticipantId],
    'team-invitation',
    { teamId: data.teamId },
    `invitation:${data.teamId}`,
  );
}

/**
 * A member saved the draft: the other members hear of it at most once an hour (Kazakhstan time), however often
 * the draft autosaves.
 */
export function bidSaved(data: DataOf<'applications.bid.draft-saved.v1'>, bid: BidFacts): Tell {
  const { date, hour } = kazakhstanClockOf(new Date(data.savedAt));
  return tell(
    bid.memberParticipantIds.filter((id) => id !== (data.savedByParticipantId ?? bid.leaderParticipantId)),
    'bid-saved',
    { registrationNumber: bid.registrationNumber },
    `bid-saved:${data.bidId}:${date}T${String(hour).padStart(2, '0')}`,
  );
}

export function checkPassed(data: DataOf<'applications.bid.check-passed.v1'>, bid: BidFacts): Tell {
  return tell(
    bid.memberParticipantIds,
    'check-passed',
    { registrationNumber: bid.registrationNumber },
    `check:${data.bidId}:${data.submissionNumber}`,
  );
}

export function checkFailed(data: DataOf<'applications.bid.check-failed.v1'>, bid: BidFacts): Tell {
  return tell(
    bid.memberParticipantIds,
    'check-failed',
    {
      registrationNumber: bid.registrationNumber,
      reasons: [...new Set(data.reasons.map((reason) => reason.code))],
    },
    `check:${data.bidId}:${data.submissionNumber}`,
  );
}

export function qualified(data: DataOf<'applications.bid.qualified.v1'>, bid: BidFacts): Tell {
  return tell(
    bid.memberParticipantIds,
    'review-outcome',
    { registrationNumber: bid.registrationNumber, qualified: true, averageScore: data.averageScore },
    `review:${data.bidId}`,
  );
}

export function notQualified(data: DataOf<'applications.bid.not-qualified.v1'>, bid: BidFacts): Tell {
  return tell(
    bid.memberParticipantIds,
    'review-outcome',
    {
      registrationNumber: bid.registrationNumber,
      qualified: false,
      reason: data.reason,
      ...(data.averageScore === undefined ? {} : { averageScore: data.averageScore }),
    },
    `review:${data.bidId}`,
  );
}

/** The award goes to the team as awarded (the event carries it). */
export function awarded(
  data: DataOf<'applications.bid.awarded.v1'>,
  bid: Pick<BidFacts, 'registrationNumber'>,
): Tell {
  return tell(
    data.memberParticipantIds,
    'bid-outcome',
    { registrationNumber: bid.registrationNumber, awarded: true, amountKzt: data.awardedAmountKzt },
    `outcome:${data.bidId}`,
  );
}

export function notAwarded(data: DataOf<'applications.bid.not-awarded.v1'>, bid: BidFacts): Tell {
  return tell(
    bid.memberParticipantIds,
    'bid-outcome',
    { registrationNumber: bid.registrationNumber, awarded: false, reason: data.reason },
    `outcome:${data.bidId}`,
  );
}

export function agreementSigned(
  data: DataOf<'tracking.agreement.signed.v1'>,
  members: readonly string[],
): Tell {
  return tell(
    members,
    'agreement-signed',
    { amountKzt: data.grantAmountKzt, startsOn: data.startsOn, endsOn: data.endsOn },
    `agreement:${data.agreementId}`,
  );
}

export function trancheDisbursed(
  data: DataOf<'tracking.tranche.disbursed.v1'>,
  members: readonly string[],
): Tell {
  return tell(
    members,
    'tranche-disbursed',
    { trancheNumber: data.trancheNumber, amountKzt: data.amountKzt, disbursedOn: data.disbursedOn },
    `tranche:${data.trancheId}`,
  );
}

export function reportAccepted(
  data: DataOf<'tracking.report.accepted.v1'>,
  members: readonly string[],
): Tell {
  return tell(
    members,
    'report-accepted',
    { projectMonth: data.projectMonth, kind: data.kind },
    `report-accepted:${data.reportId}`,
  );
}

/** Each return is its own notice: a report may be returned again after it was corrected. */
export function reportReturned(
  data: DataOf<'tracking.report.returned.v1'>,
  members: readonly string[],
): Tell {
  return tell(
    members,
    'report-returned',
    { projectMonth: data.projectMonth, kind: data.kind, reasons: [...data.reasons] },
    `report-returned:${data.reportId}:${data.returnedAt}`,
  );
}

export function stipendPaid(data: DataOf<'tracking.stipend.paid.v1'>): Tell {
  return tell(
    [data.participantId],
    'stipend-paid',
    { projectMonth: data.projectMonth, amountKzt: data.amountKzt, paidOn: data.paidOn },
    `stipend:${data.stipendId}`,
  );
}

/** What a member did in the month, as the report submitted it. */
export type MonthConditions = DataOf<'tracking.report.submitted.v1'>['members'][number];

/**
 * When a report is accepted, the members whose month lacks a condition of the stipend (the mentor session, the
 * training, the survey) are told theirs is withheld and why: the rule tracking applies to stipends, read from the
 * report as it was accepted.
 */
export function stipendsWithheld(
  data: DataOf<'tracking.report.accepted.v1'>,
  submitted: readonly MonthConditions[],
  members: readonly string[],
): Tell[] {
  return submitted.flatMap((member) => {
    if (!members.includes(member.participantId)) return [];
    const reasons: StipendWithheldReason[] = [
      ...(member.mentorSessionAttended ? [] : (['mentor-session-missed'] as const)),
      ...(member.trainingCompleted ? [] : (['training-not-completed'] as const)),
      ...(member.surveyCompleted ? [] : (['survey-not-completed'] as const)),
    ];
    if (reasons.length === 0) return [];
    return [
      tell(
        [member.participantId],
        'stipend-withheld',
        { projectMonth: data.projectMonth, reasons },
        `stipend-withheld:${data.reportId}:${member.participantId}`,
      ),
    ];
  });
}
