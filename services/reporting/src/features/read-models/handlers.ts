import { type DataOf, type ZhasEvent, type ZhasEventType } from '@zhas/contracts';
import { type EventHandlers } from '@zhas/messaging';
import { type Keep, type ReadModelName, type ReadModelSink } from './store';

/*
 * What each event of the three other services leaves in the read models: facts about one entity, in a slot named
 * after the kind of fact (see store.ts). Nothing is counted here: indicators are computed from these documents at
 * query time, so an event that arrives before the one it depends on (a bid awarded before its members registered)
 * changes nothing in the result, and a replay gives the same documents. No personal data exists in the events,
 * and nothing else is stored.
 */

/** A member's facts within a project: one document per project and participant ('|' is not allowed in ids). */
export function memberKey(projectId: string, participantId: string): string {
  return `${projectId}|${participantId}`;
}

/** One fact an event leaves: `fields` written into slot `slot` of document `id` of read model `model`. */
interface Fact {
  readonly model: ReadModelName;
  readonly id: string;
  readonly slot: string;
  readonly fields: Record<string, unknown>;
  readonly keep?: Keep;
}

function fact(model: ReadModelName, id: string, slot: string, fields: Record<string, unknown>): Fact {
  return { model, id, slot, fields };
}

/** The facts of each event type the read models need, from the event's data; other types are ignored. */
type Projections = { readonly [T in ZhasEventType]?: (data: DataOf<T>) => readonly Fact[] };

/** The fields of `data` named by `keys`, as they are. */
function pick<T extends object, K extends keyof T>(data: T, ...keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, data[key]])) as Pick<T, K>;
}

/** The attributes of a participant a registration states and a profile update changes. */
const profile = ['region', 'settlement', 'educationLevel', 'neet', 'vulnerability'] as const;
/** A team's membership, as formed and as changed. */
const team = ['roundId', 'region', 'leaderParticipantId', 'memberParticipantIds'] as const;
/** What each fact of a host organization's application keeps: the organization, round and region. */
const hostApplication = ['hostOrganizationId', 'roundId', 'region'] as const;
/** What each fact of a bid keeps of it: its team, round and region (every bid event carries them). */
const bid = ['teamId', 'roundId', 'region'] as const;
/** What each fact of a project's money, reports, surveys and recoveries keeps: the project, round and region. */
const project = ['projectId', 'roundId', 'region'] as const;
/** What each fact of a member within a project keeps. */
const member = ['projectId', 'participantId', 'roundId', 'region'] as const;

const projections: Projections = {
  // competitions
  'competitions.round.published.v1': (d) => [
    fact('rounds', d.roundId, 'content', { ...pick(d, 'year', 'title', 'regions'), at: d.publishedAt }),
  ],
  'competitions.round.rules-revised.v1': (d) => [
    fact('rounds', d.roundId, 'content', { ...pick(d, 'year', 'title', 'regions'), at: d.revisedAt }),
  ],
  'competitions.round.closed.v1': (d) => [
    fact('rounds', d.roundId, 'closed', { outcome: d.outcome, at: d.closedAt }),
  ],
  'competitions.host-application.submitted.v1': (d) => [
    fact('hostApplications', d.hostApplicationId, 'submitted', {
      ...pick(d, ...hostApplication),
      at: d.submittedAt,
    }),
  ],
  'competitions.host-application.selected.v1': (d) => [
    fact('hostApplications', d.hostApplicationId, 'decision', {
      outcome: 'selected',
      ...pick(d, ...hostApplication, 'rank'),
      at: d.selectedAt,
    }),
  ],
  'competitions.host-application.rejected.v1': (d) => [
    fact('hostApplications', d.hostApplicationId, 'decision', {
      outcome: 'rejected',
      ...pick(d, ...hostApplication, 'reason'),
      at: d.rejectedAt,
    }),
  ],
  'competitions.host-application.withdrawn.v1': (d) => [
    fact('hostApplications', d.hostApplicationId, 'decision', {
      outcome: 'withdrawn',
      ...pick(d, ...hostApplication),
      at: d.withdrawnAt,
    }),
  ],

  // applications: participants (attributes only; no personal data travels in events)
  'applications.participant.registered.v2': (d) => [
    fact('participants', d.participantId, 'registered', {
      ...pick(d, 'roundId', 'sex', 'birthYear', 'ageBand', ...profile),
      at: d.registeredAt,
    }),
  ],
  'applications.participant.profile-updated.v1': (d) => [
    fact('participants', d.participantId, 'profile', { ...pick(d, ...profile), at: d.updatedAt }),
  ],
  'applications.team.formed.v1': (d) => [
    fact('teams', d.teamId, 'membership', { ...pick(d, ...team), at: d.formedAt }),
  ],
  'applications.team.changed.v1': (d) => [
    fact('teams', d.teamId, 'membership', { ...pick(d, ...team), at: d.changedAt }),
  ],

  // applications: bids
  'applications.bid.submitted.v1': (d) => {
    const fields = {
      ...pick(d, ...bid, 'submissionNumber', 'requestedAmountKzt', 'memberCount'),
      at: d.submittedAt,
    };
    // The first submission starts the clock of "days from submission to decision".
    return [
      { ...fact('bids', d.bidId, 'firstSubmission', fields), keep: 'earliest' },
      fact('bids', d.bidId, 'submission', fields),
    ];
  },
  'applications.bid.check-passed.v1': (d) => [
    fact('bids', d.bidId, 'check', { passed: true, ...pick(d, ...bid), at: d.checkedAt }),
  ],
  'applications.bid.check-failed.v1': (d) => [
    fact('bids', d.bidId, 'check', { passed: false, ...pick(d, ...bid), at: d.checkedAt }),
  ],
  'applications.bid.qualified.v1': (d) => [
    fact('bids', d.bidId, 'qualification', { qualified: true, ...pick(d, ...bid), at: d.qualifiedAt }),
  ],
  'applications.bid.not-qualified.v1': (d) => [
    fact('bids', d.bidId, 'qualification', { qualified: false, ...pick(d, ...bid), at: d.decidedAt }),
  ],
  'applications.bid.awarded.v1': (d) => [
    fact('bids', d.bidId, 'decision', {
      outcome: 'awarded',
      ...pick(d, ...bid, 'awardedAmountKzt', 'leaderParticipantId', 'memberParticipantIds'),
      at: d.awardedAt,
    }),
  ],
  'applications.bid.not-awarded.v1': (d) => [
    fact('bids', d.bidId, 'decision', {
      outcome: 'not-awarded',
      ...pick(d, ...bid, 'reason'),
      at: d.decidedAt,
    }),
  ],
  'applications.bid.withdrawn.v1': (d) => [
    fact('bids', d.bidId, 'decision', {
      outcome: 'withdrawn',
      ...pick(d, ...bid, 'reason'),
      at: d.withdrawnAt,
    }),
  ],

  // tracking: projects and their money
  'tracking.project.opened.v1': (d) => [
    fact('projects', d.projectId, 'opened', {
      ...pick(d, 'roundId', 'region', 'bidId', 'teamId', 'memberParticipantIds', 'grantAmountKzt'),
      at: d.openedAt,
    }),
  ],
  'tracking.project.completed.v1': (d) => [
    fact('projects', d.projectId, 'completed', {
      ...pick(d, 'roundId', 'region', 'bidId'),
      on: d.completedOn,
      ...pick(d, 'disbursedKzt', 'spentKzt', 'beneficiariesReached', 'membersCompleted'),
      at: d.completedAt,
    }),
  ],
  'tracking.project.terminated.v1': (d) => [
    fact('projects', d.projectId, 'terminated', {
      ...pick(d, 'roundId', 'region', 'reason'),
      on: d.terminatedOn,
      at: d.terminatedAt,
    }),
  ],
  'tracking.agreement.signed.v1': (d) => [
    fact('agreements', d.agreementId, 'signed', {
      ...pick(d, ...project, 'bidId', 'grantAmountKzt'),
      on: d.signedOn,
      at: d.signedAt,
    }),
  ],
  'tracking.tranche.payable.v1': (d) => [
    fact('tranches', d.trancheId, 'payable', {
      ...pick(d, ...project, 'trancheNumber', 'amountKzt'),
      at: d.payableAt,
    }),
  ],
  'tracking.tranche.disbursed.v1': (d) => [
    fact('tranches', d.trancheId, 'disbursed', {
      ...pick(d, ...project, 'trancheNumber', 'amountKzt'),
      on: d.disbursedOn,
      at: d.disbursedAt,
    }),
  ],
  'tracking.stipend.payable.v1': (d) => [
    fact('stipends', d.stipendId, 'payable', {
      ...pick(d, ...project, 'participantId', 'projectMonth', 'amountKzt', 'rateCategory'),
      at: d.payableAt,
    }),
  ],
  'tracking.stipend.paid.v1': (d) => [
    fact('stipends', d.stipendId, 'paid', {
      ...pick(d, ...project, 'participantId', 'projectMonth', 'amountKzt'),
      on: d.paidOn,
      at: d.paidAt,
    }),
  ],
  'tracking.report.submitted.v1': (d) => [
    fact('reports', d.reportId, 'submitted', {
      ...pick(
        d,
        ...project,
        'kind',
        'projectMonth',
        'submissionNumber',
        'activitiesHeld',
        'beneficiariesReached',
      ),
      at: d.submittedAt,
    }),
  ],
  'tracking.report.accepted.v1': (d) => [
    fact('reports', d.reportId, 'review', { accepted: true, ...pick(d, ...project), at: d.acceptedAt }),
  ],
  'tracking.report.returned.v1': (d) => [
    fact('reports', d.reportId, 'review', { accepted: false, ...pick(d, ...project), at: d.returnedAt }),
  ],
  'tracking.survey.recorded.v1': (d) => [
    fact('surveys', d.surveyId, 'recorded', {
      ...pick(d, ...project, 'participantId', 'wave', 'instrument'),
      score: d.lifeSkillsScore,
      at: d.recordedAt,
    }),
  ],
  'tracking.project.member-exited.v1': (d) => [
    fact('members', memberKey(d.projectId, d.participantId), 'exit', {
      ...pick(d, ...member, 'reason'),
      status: d.exitStatus,
      on: d.exitedOn,
      at: d.exitedAt,
    }),
  ],
  'tracking.project.follow-up-recorded.v1': (d) => [
    fact('members', memberKey(d.projectId, d.participantId), 'followUp', {
      ...pick(d, ...member, 'monthsAfterCompletion', 'status'),
      at: d.recordedAt,
    }),
  ],
  'tracking.recovery.opened.v1': (d) => [
    fact('recoveries', d.recoveryId, 'opened', {
      ...pick(d, ...project, 'reason', 'amountKzt'),
      at: d.openedAt,
    }),
  ],
  'tracking.recovery.settled.v1': (d) => [
    fact('recoveries', d.recoveryId, 'settled', {
      ...pick(d, ...project, 'outcome', 'recoveredAmountKzt', 'writtenOffAmountKzt'),
      at: d.settledAt,
    }),
  ],

  // tracking: grievances (no contact data in the events)
  'tracking.grievance.lodged.v1': (d) => [
    fact('grievances', d.grievanceId, 'lodged', {
      ...pick(d, 'category', 'channel', 'region', 'roundId', 'responseDueOn'),
      at: d.lodgedAt,
    }),
  ],
  'tracking.grievance.resolved.v1': (d) => [
    fact('grievances', d.grievanceId, 'resolved', {
      ...pick(d, 'category', 'region', 'roundId', 'outcome', 'lodgedAt', 'responseDueOn', 'withinDeadline'),
      at: d.resolvedAt,
    }),
  ],
};

/** The facts an event leaves in the read models: none for the types they do not need. */
function factsOf(event: ZhasEvent): readonly Fact[] {
  const project = projections[event.type] as ((data: ZhasEvent['data']) => readonly Fact[]) | undefined;
  return project?.(event.data) ?? [];
}

/** Writes the facts of `event` into `sink`, under the event's aggregate version. */
export async function writeFacts(sink: ReadModelSink, event: ZhasEvent): Promise<void> {
  for (const { model, id, slot, fields, keep } of factsOf(event)) {
    await sink.write(model, id, slot, event.aggregateversion, fields, keep);
  }
}

/** A consumer's handlers: one for each event type the read models need. */
export function projectionHandlers(sink: ReadModelSink): EventHandlers {
  const handle = (event: ZhasEvent) => writeFacts(sink, event);
  return Object.fromEntries(Object.keys(projections).map((type) => [type, handle]));
}
