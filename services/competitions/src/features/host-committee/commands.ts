import { type Actor, forbidden, Refused } from '@zhas/domain';
import { type CompetitionsContext } from '../../shared/context';
import { readRound } from '../rounds/commands';
import { assignCommittee, canSeeCommittee, type HostCommittee } from './domain';

export interface CommitteeView {
  readonly roundId: string;
  readonly region: string;
  readonly assigned: boolean;
  readonly memberIds: readonly string[];
  readonly assignedAt?: string;
}

const viewOf = (roundId: string, region: string, committee: HostCommittee | null): CommitteeView =>
  committee
    ? { roundId, region, assigned: true, memberIds: committee.memberIds, assignedAt: committee.assignedAt }
    : { roundId, region, assigned: false, memberIds: [] };

export async function readCommittee(
  app: CompetitionsContext,
  actor: Actor,
  roundId: string,
  region: string,
): Promise<CommitteeView> {
  if (!canSeeCommittee(actor, region))
    throw new Refused(forbidden(`Your access does not cover region ${region}.`));
  const round = await readRound(app, actor, roundId);
  return viewOf(round.id, region, await app.committees.find(round.id, region));
}

/** Replaces the region's committee; the same list again changes nothing but the time it was given. */
export async function assign(
  app: CompetitionsContext,
  actor: Actor,
  roundId: string,
  region: string,
  memberIds: readonly string[],
): Promise<CommitteeView> {
  const round = await readRound(app, actor, roundId);
  const selection = await app.selections.find(round.id, region);
  const decided = assignCommittee(
    actor,
    round.state,
    round.id,
    region,
    memberIds,
    selection?.confirmedAt,
    app.now(),
  );
  if (decided.kind === 'refusal') throw new Refused(decided);
  await app.committees.save(decided.committee);
  return viewOf(round.id, region, decided.committee);
}
