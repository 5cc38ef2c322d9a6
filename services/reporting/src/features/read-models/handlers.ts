import { type EventHandlers } from '@zhas/messaging';
import { type ReadModelSink } from './store';

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

/** What each fact of a bid keeps of it: its team, round and region (every bid event carries them). */
const ofBid = (d: { teamId: string; roundId: string; region: string }) => ({
  teamId: d.teamId,
  roundId: d.roundId,
  region: d.region,
});

/** What each fact of a project's money, reports, surveys and recoveries keeps: the project, round and region. */
const ofProject = (d: { projectId: string; roundId: string; region: string }) => ({
  projectId: d.projectId,
  roundId: d.roundId,
  region: d.region,
});

export function projectionHandlers(sink: ReadModelSink): EventHandlers {
  return {
    // competitions
    'competitions.round.published.v1': async (event) => {
      const { roundId, year, title, regions, publishedAt } = event.data;
      await sink.write('rounds', roundId, 'content', event.aggregateversion, {
        year,
        title,
        regions,
        at: publishedAt,
      });
    },
    'competitions.round.rules-revised.v1': async (event) => {
      const { roundId, year, title, regions, revisedAt } = event.data;
      await sink.write('rounds', roundId, 'content', event.aggregateversion, {
        year,
        title,
        regions,
        at: revisedAt,
      });
    },
    'competitions.round.closed.v1': async (event) => {
      const { roundId, outcome, closedAt } = event.data;
      await sink.write('rounds', roundId, 'closed', event.aggregateversion, { outcome, at: closedAt });
    },
    'competitions.host-application.submitted.v1': async (event) => {
      const { hostApplicationId, hostOrganizationId, roundId, region, submittedAt } = event.data;
      await sink.write('hostApplications', hostApplicationId, 'submitted', event.aggregateversion, {
        hostOrganizationId,
        roundId,
        region,
        at: submittedAt,
      });
    },
    'competitions.host-application.selected.v1': async (event) => {
      const { hostApplicationId, hostOrganizationId, roundId, region, rank, selectedAt } = event.data;
      await sink.write('hostApplications', hostApplicationId, 'decision', event.aggregateversion, {
        outcome: 'selected',
        hostOrganizationId,
        roundId,
        region,
        rank,
        at: selectedAt,
      });
    },
    'competitions.host-application.rejected.v1': async (event) => {
      const { hostApplicationId, hostOrganizationId, roundId, region, reason, rejectedAt } = event.data;
      await sink.write('hostApplications', hostApplicationId, 'decision', event.aggregateversion, {
        outcome: 'rejected',
        hostOrganizationId,
        roundId,
        region,
        reason,
        at: rejectedAt,
      });
    },
    'competitions.host-application.withdrawn.v1': async (event) => {
      const { hostApplicationId, hostOrganizationId, roundId, region, withdrawnAt } = event.data;
      await sink.write('hostApplications', hostApplicationId, 'decision', event.aggregateversion, {
        outcome: 'withdrawn',
        hostOrganizationId,
        roundId,
        region,
        at: withdrawnAt,
      });
    },

    // applications: participants (attributes only; no personal data travels in events)
    'applications.participant.registered.v2': async (event) => {
      const d = event.data;
      await sink.write('participants', d.participantId, 'registered', event.aggregateversion, {
        roundId: d.roundId,
        sex: d.sex,
        birthYear: d.birthYear,
        ageBand: d.ageBand,
        region: d.region,
        settlement: d.settlement,
        educationLevel: d.educationLevel,
        neet: d.neet,
        vulnerability: d.vulnerability,
        at: d.registeredAt,
      });
    },
    'applications.participant.profile-updated.v1': async (event) => {
      const d = event.data;
      await sink.write('participants', d.participantId, 'profile', event.aggregateversion, {
        region: d.region,
        settlement: d.settlement,
        educationLevel: d.educationLevel,
        neet: d.neet,
        vulnerability: d.vulnerability,
        at: d.updatedAt,
      });
    },
    'applications.team.formed.v1': async (event) => {
      const d = event.data;
      await sink.write('teams', d.teamId, 'membership', event.aggregateversion, {
        roundId: d.roundId,
        region: d.region,
        leaderParticipantId: d.leaderParticipantId,
        memberParticipantIds: d.memberParticipantIds,
        at: d.formedAt,
      });
    },
    'applications.team.changed.v1': async (event) => {
      const d = event.data;
      await sink.write('teams', d.teamId, 'membership', event.aggregateversion, {
        roundId: d.roundId,
        region: d.region,
        leaderParticipantId: d.leaderParticipantId,
        memberParticipantIds: d.memberParticipantIds,
        at: d.changedAt,
      });
    },

    // applications: bids
    'applications.bid.submitted.v1': async (event) => {
      const d = event.data;
      const fields = {
        ...ofBid(d),
        submissionNumber: d.submissionNumber,
        requestedAmountKzt: d.requestedAmountKzt,
        memberCount: d.memberCount,
        at: d.submittedAt,
      };
      // The first submission starts the clock of "days from submission to decision".
      await sink.write('bids', d.bidId, 'firstSubmission', event.aggregateversion, fields, 'earliest');
      await sink.write('bids', d.bidId, 'submission', event.aggregateversion, fields);
    },
    'applications.bid.check-passed.v1': async (event) => {
      const d = event.data;
      await sink.write('bids', d.bidId, 'check', event.aggregateversion, {
        passed: true,
        ...ofBid(d),
        at: d.checkedAt,
      });
    },
    'applications.bid.check-failed.v1': async (event) => {
      const d = event.data;
      await sink.write('bids', d.bidId, 'check', event.aggregateversion, {
        passed: false,
        ...ofBid(d),
        at: d.checkedAt,
      });
    },
    'applications.bid.qualified.v1': async (event) => {
      const d = event.data;
      await sink.write('bids', d.bidId, 'qualification', event.aggregateversion, {
        qualified: true,
        ...ofBid(d),
        at: d.qualifiedAt,
      });
    },
    'applications.bid.not-qualified.v1': async (event) => {
      const d = event.data;
      await sink.write('bids', d.bidId, 'qualification', event.aggregateversion, {
        qualified: false,
        ...ofBid(d),
        at: d.decidedAt,
      });
    },
    'applications.bid.awarded.v1': async (event) => {
      const d = event.data;
      await sink.write('bids', d.bidId, 'decision', event.aggregateversion, {
        outcome: 'awarded',
        ...ofBid(d),
        awardedAmountKzt: d.awardedAmountKzt,
        leaderParticipantId: d.leaderParticipantId,
        memberParticipantIds: d.memberParticipantIds,
        at: d.awardedAt,
      });
    },
    'applications.bid.not-awarded.v1': async (event) => {
      const d = event.data;
      await sink.write('bids', d.bidId, 'decision', event.aggregateversion, {
        outcome: 'not-awarded',
        ...ofBid(d),
        reason: d.reason,
        at: d.decidedAt,
      });
    },
    'applications.bid.withdrawn.v1': async (event) => {
      const d = event.data;
      await sink.write('bids', d.bidId, 'decision', event.aggregateversion, {
        outcome: 'withdrawn',
        ...ofBid(d),
        reason: d.reason,
        at: d.withdrawnAt,
      });
    },

    // tracking: projects and their money
    'tracking.project.opened.v1': async (event) => {
      const d = event.data;
      await sink.write('projects', d.projectId, 'opened', event.aggregateversion, {
        roundId: d.roundId,
        region: d.region,
        bidId: d.bidId,
        teamId: d.teamId,
        memberParticipantIds: d.memberParticipantIds,
        grantAmountKzt: d.grantAmountKzt,
        at: d.openedAt,
      });
    },
    'tracking.project.completed.v1': async (event) => {
      const d = event.data;
      await sink.write('projects', d.projectId, 'completed', event.aggregateversion, {
        roundId: d.roundId,
        region: d.region,
        bidId: d.bidId,
        on: d.completedOn,
        disbursedKzt: d.disbursedKzt,
        spentKzt: d.spentKzt,
        beneficiariesReached: d.beneficiariesReached,
        membersCompleted: d.membersCompleted,
        at: d.completedAt,
      });
    },
    'tracking.project.terminated.v1': async (event) => {
      const d = event.data;
      await sink.write('projects', d.projectId, 'terminated', event.aggregateversion, {
        roundId: d.roundId,
        region: d.region,
        reason: d.reason,
        on: d.terminatedOn,
        at: d.terminatedAt,
      });
    },
    'tracking.agreement.signed.v1': async (event) => {
      const d = event.data;
      await sink.write('agreements', d.agreementId, 'signed', event.aggregateversion, {
        ...ofProject(d),
        bidId: d.bidId,
        grantAmountKzt: d.grantAmountKzt,
        on: d.signedOn,
        at: d.signedAt,
      });
    },
    'tracking.tranche.payable.v1': async (event) => {
      const d = event.data;
      await sink.write('tranches', d.trancheId, 'payable', event.aggregateversion, {
        ...ofProject(d),
        trancheNumber: d.trancheNumber,
        amountKzt: d.amountKzt,
        at: d.payableAt,
      });
    },
    'tracking.tranche.disbursed.v1': async (event) => {
      const d = event.data;
      await sink.write('tranches', d.trancheId, 'disbursed', event.aggregateversion, {
        ...ofProject(d),
        trancheNumber: d.trancheNumber,
        amountKzt: d.amountKzt,
        on: d.disbursedOn,
        at: d.disbursedAt,
      });
    },
    'tracking.stipend.payable.v1': async (event) => {
      const d = event.data;
      await sink.write('stipends', d.stipendId, 'payable', event.aggregateversion, {
        ...ofProject(d),
        participantId: d.participantId,
        projectMonth: d.projectMonth,
        amountKzt: d.amountKzt,
        rateCategory: d.rateCategory,
        at: d.payableAt,
      });
    },
    'tracking.stipend.paid.v1': async (event) => {
      const d = event.data;
      await sink.write('stipends', d.stipendId, 'paid', event.aggregateversion, {
        ...ofProject(d),
        participantId: d.participantId,
        projectMonth: d.projectMonth,
        amountKzt: d.amountKzt,
        on: d.paidOn,
        at: d.paidAt,
      });
    },
    'tracking.report.submitted.v1': async (event) => {
      const d = event.data;
      await sink.write('reports', d.reportId, 'submitted', event.aggregateversion, {
        ...ofProject(d),
        kind: d.kind,
        projectMonth: d.projectMonth,
        submissionNumber: d.submissionNumber,
        activitiesHeld: d.activitiesHeld,
        beneficiariesReached: d.beneficiariesReached,
        at: d.submittedAt,
      });
    },
    'tracking.report.accepted.v1': async (event) => {
      const d = event.data;
      await sink.write('reports', d.reportId, 'review', event.aggregateversion, {
        accepted: true,
        ...ofProject(d),
        at: d.acceptedAt,
      });
    },
    'tracking.report.returned.v1': async (event) => {
      const d = event.data;
      await sink.write('reports', d.reportId, 'review', event.aggregateversion, {
        accepted: false,
        ...ofProject(d),
        at: d.returnedAt,
      });
    },
    'tracking.survey.recorded.v1': async (event) => {
      const d = event.data;
      await sink.write('surveys', d.surveyId, 'recorded', event.aggregateversion, {
        ...ofProject(d),
        participantId: d.participantId,
        wave: d.wave,
        instrument: d.instrument,
        score: d.lifeSkillsScore,
        at: d.recordedAt,
      });
    },
    'tracking.project.member-exited.v1': async (event) => {
      const d = event.data;
      await sink.write('members', memberKey(d.projectId, d.participantId), 'exit', event.aggregateversion, {
        projectId: d.projectId,
        participantId: d.participantId,
        roundId: d.roundId,
        region: d.region,
        reason: d.reason,
        status: d.exitStatus,
        on: d.exitedOn,
        at: d.exitedAt,
      });
    },
    'tracking.project.follow-up-recorded.v1': async (event) => {
      const d = event.data;
      await sink.write(
        'members',
        memberKey(d.projectId, d.participantId),
        'followUp',
        event.aggregateversion,
        {
          projectId: d.projectId,
          participantId: d.participantId,
          roundId: d.roundId,
          region: d.region,
          monthsAfterCompletion: d.monthsAfterCompletion,
          status: d.status,
          at: d.recordedAt,
        },
      );
    },
    'tracking.recovery.opened.v1': async (event) => {
      const d = event.data;
      await sink.write('recoveries', d.recoveryId, 'opened', event.aggregateversion, {
        ...ofProject(d),
        reason: d.reason,
        amountKzt: d.amountKzt,
        at: d.openedAt,
      });
    },
    'tracking.recovery.settled.v1': async (event) => {
      const d = event.data;
      await sink.write('recoveries', d.recoveryId, 'settled', event.aggregateversion, {
        ...ofProject(d),
        outcome: d.outcome,
        recoveredAmountKzt: d.recoveredAmountKzt,
        writtenOffAmountKzt: d.writtenOffAmountKzt,
        at: d.settledAt,
      });
    },

    // tracking: grievances (no contact data in the events)
    'tracking.grievance.lodged.v1': async (event) => {
      const d = event.data;
      await sink.write('grievances', d.grievanceId, 'lodged', event.aggregateversion, {
        category: d.category,
        channel: d.channel,
        region: d.region,
        roundId: d.roundId,
        responseDueOn: d.responseDueOn,
        at: d.lodgedAt,
      });
    },
    'tracking.grievance.resolved.v1': async (event) => {
      const d = event.data;
      await sink.write('grievances', d.grievanceId, 'resolved', event.aggregateversion, {
        category: d.category,
        region: d.region,
        roundId: d.roundId,
        outcome: d.outcome,
        lodgedAt: d.lodgedAt,
        responseDueOn: d.responseDueOn,
        withinDeadline: d.withinDeadline,
        at: d.resolvedAt,
      });
    },
  };
}
