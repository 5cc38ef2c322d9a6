import { attributesOf, dateOf, NO_ROUND, type Observation, personDims } from '../indicators/compute';
import { type Facts } from '../indicators/facts';

/*
 * The selection funnel in people: registered, in a team, in a submitted bid, in a bid that passed the technical
 * check, in a qualified bid, awarded, and completed (the last is PDO-2, youth completing projects). Each stage is
 * tallied like an indicator (codes `funnel.<stage>`), dated when the person reached it, placed in the round and
 * region of the bid, so the funnel can be filtered and split like any figure.
 */

export const funnelStages = [
  'registered',
  'in-team',
  'submitted',
  'passed-check',
  'qualified',
  'awarded',
  'completed',
] as const;
export type FunnelStage = (typeof funnelStages)[number];

/** The tally code of a stage ('completed' is the indicator PDO-2). */
export function funnelCode(stage: FunnelStage): string {
  return stage === 'completed' ? 'PDO-2' : `funnel.${stage}`;
}

export function funnelEach(facts: Facts, add: (code: string, observation: Observation) => void): void {
  const participants = new Map(facts.participants.map((participant) => [participant._id, participant]));
  const person = (id: string, on: string, roundId: string, region: string): Observation => ({
    on,
    roundId,
    region,
    dims: personDims(attributesOf(participants.get(id)), roundId, region),
    num: 1,
    den: 1,
  });
  for (const participant of facts.participants) {
    const registered = participant.registered;
    if (!registered) continue;
    const roundId = registered.roundId ?? NO_ROUND;
    add('funnel.registered', person(participant._id, dateOf(registered.at), roundId, registered.region));
  }
  const teams = new Map(facts.teams.map((team) => [team._id, team]));
  for (const team of facts.teams) {
    const membership = team.membership;
    if (!membership) continue;
    const roundId = membership.roundId ?? NO_ROUND;
    for (const id of membership.memberParticipantIds) {
      add('funnel.in-team', person(id, dateOf(membership.at), roundId, membership.region));
    }
  }
  for (const bid of facts.bids) {
    const first = bid.firstSubmission;
    if (!first) continue;
    const members = teams.get(first.teamId)?.membership?.memberParticipantIds ?? [];
    const roundId = first.roundId ?? NO_ROUND;
    const stage = (code: string, at: string, ids: readonly string[] = members) => {
      for (const id of ids) add(code, person(id, dateOf(at), roundId, first.region));
    };
    stage('funnel.submitted', first.at);
    if (bid.check?.passed) stage('funnel.passed-check', bid.check.at);
    if (bid.qualification?.qualified) stage('funnel.qualified', bid.qualification.at);
    if (bid.decision?.outcome === 'awarded') {
      stage('funnel.awarded', bid.decision.at, bid.decision.memberParticipantIds ?? members);
    }
  }
}
