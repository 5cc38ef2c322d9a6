import { type EducationLevel, type ZhasEvent } from '@zhas/contracts';
import { applyIfNewer, documentKey, type EventHandlers, findByIds, withDocumentLock } from '@zhas/messaging';
import { type Collection, type Document } from 'mongodb';
import { type TrackingRules } from '../projects/domain';

// Local copies of other services' data (docs/architecture.md, "Services"): the rules of rounds, participants'
// education level and pseudonymous attributes, teams. Events from different topics arrive in any order, so
// nothing here assumes that a round or a participant is known before the award that needs it: a missing copy
// is waited for (an agreement is signed once the rules are here; a stipend's amount is set once the education
// level is here).

type RoundEvent = Extract<
  ZhasEvent,
  { type: 'competitions.round.published.v1' | 'competitions.round.rules-revised.v1' }
>;

export type RoundCopy = { roundId: string; rules: TrackingRules; version: number };
export type ParticipantCopy = {
  participantId: string;
  educationLevel: EducationLevel;
  region: string;
  settlement: string;
  neet: boolean;
  version: number;
};

export class ReferenceData {
  constructor(
    readonly rounds: Collection<Document>,
    readonly participants: Collection<Document>,
    readonly teams: Collection<Document>,
  ) {}

  async rulesOf(roundId: string): Promise<TrackingRules | undefined> {
    const round = (await this.rounds.findOne({ _id: roundId as never })) as RoundCopy | null;
    return round?.rules;
  }

  async educationLevelOf(participantId: string): Promise<EducationLevel | undefined> {
    const participant = (await this.participants.findOne({
      _id: participantId as never,
    })) as ParticipantCopy | null;
    return participant?.educationLevel;
  }

  async educationLevels(participantIds: readonly string[]): Promise<Map<string, EducationLevel>> {
    const found = await findByIds<ParticipantCopy & { _id: string }>(this.participants, participantIds);
    return new Map(found.map((participant) => [participant._id, participant.educationLevel]));
  }

  /**
   * Notes on the participant's copy (created if the participant is not known yet) that a stipend waits for their
   * education level; the handlers of the participant's events settle what is noted after writing the level.
   */
  async awaitEducationLevel(participantId: string, stipendId: string): Promise<void> {
    await withDocumentLock(documentKey(this.participants, participantId), () =>
      this.participants.updateOne(
        { _id: participantId as never },
        { $addToSet: { awaitingStipendIds: stipendId } },
        { upsert: true },
      ),
    );
  }

  async stipendsAwaiting(participantId: string): Promise<string[]> {
    const participant = (await this.participants.findOne({ _id: participantId as never })) as {
      awaitingStipendIds?: string[];
    } | null;
    return participant?.awaitingStipendIds ?? [];
  }

  /** The handlers that keep the copies; each write is version-guarded, so a redelivery changes nothing. */
  handlers(
    onParticipantKnown: (participantId: string, correlationId: string, causationId: string) => Promise<void>,
  ) {
    const applyRound = async (event: RoundEvent) => {
      const { rules, rulesVersion, roundId } = event.data;
      const copy: TrackingRules = {
        rulesVersion,
        grantCeilingKzt: rules.grantCeilingKzt,
        projectDurationMonths: rules.projectDurationMonths,
        stipendMonthlyKzt: rules.stipendMonthlyKzt,
        graduateEducationLevels: rules.graduateEducationLevels,
        tranchePercentages: rules.tranchePercentages,
      };
      await applyIfNewer(this.rounds, roundId, event.aggregateversion, { $set: { roundId, rules: copy } });
    };
    return {
      'competitions.round.published.v1': applyRound,
      'competitions.round.rules-revised.v1': applyRound,
      'applications.participant.registered.v2': async (event) => {
        const { participantId, educationLevel, region, settlement, neet, sex, ageBand } = event.data;
        await applyIfNewer(this.participants, participantId, event.aggregateversion, {
          $set: { participantId, educationLevel, region, settlement, neet, sex, ageBand },
        });
        await onParticipantKnown(participantId, event.correlationid, event.id);
      },
      'applications.participant.profile-updated.v1': async (event) => {
        const { participantId, educationLevel, region, settlement, neet } = event.data;
        await applyIfNewer(this.participants, participantId, event.aggregateversion, {
          $set: { participantId, educationLevel, region, settlement, neet },
        });
        await onParticipantKnown(participantId, event.correlationid, event.id);
      },
      'applications.team.formed.v1': async (event) => {
        const { teamId, roundId, region, leaderParticipantId, memberParticipantIds } = event.data;
        await applyIfNewer(this.teams, teamId, event.aggregateversion, {
          $set: { teamId, roundId, region, leaderParticipantId, memberParticipantIds },
        });
      },
      'applications.team.changed.v1': async (event) => {
        const { teamId, roundId, region, leaderParticipantId, memberParticipantIds } = event.data;
        await applyIfNewer(this.teams, teamId, event.aggregateversion, {
          $set: { teamId, roundId, region, leaderParticipantId, memberParticipantIds },
        });
      },
    } satisfies EventHandlers;
  }
}
