import { type Aggregate, type AggregateStore, deleteIfMatches, isDuplicateKey } from '@zhas/messaging';
import { Refused, refuse } from '@zhas/domain';
import { type PaginationQuery, type Page, findPage, listFilter, matchesNothing } from '@zhas/service-kit';
import { type Collection, type Db, type Document } from 'mongodb';
import { type TeamState } from './domain';
import { type TeamListScope } from './policy';

interface Membership {
  _id: string;
  teamId: string;
  /** Wall-clock time of the claim: a join in progress is not mistaken for a stale claim. */
  claimedAt: Date;
}

interface InvitationCodeRecord {
  /** The code in its written form (normalizeInvitationCode). */
  _id: string;
  teamId: string;
  createdAt: Date;
}

/** A claim older than this whose team does not list the person was left by an interrupted join or leave. */
const STALE_CLAIM_MS = 60_000;

/**
 * The teams, and the one-active-team-per-round rule: one record per round and person (`roundMemberships`) whose
 * unique `_id` lets only one team claim the person.
 */
export class Teams {
  private readonly memberships: Collection<Document>;
  private readonly invitationCodes: Collection<InvitationCodeRecord>;

  constructor(
    readonly store: AggregateStore<TeamState>,
    db: Db,
  ) {
    this.memberships = db.collection('roundMemberships');
    this.invitationCodes = db.collection('invitationCodes');
  }

  async ensureIndexes(): Promise<void> {
    await this.store.collection.createIndex({ roundId: 1, region: 1, _id: 1 });
    await this.store.collection.createIndex({ memberParticipantIds: 1 });
  }

  async list(
    scope: TeamListScope,
    filters: {
      roundId?: string;
      /** The regions to list, already narrowed to the caller's (regionScope). */
      region?: readonly string[];
      status?: readonly string[];
      hostOrganizationStatus?: readonly string[];
    },
    query: PaginationQuery,
  ): Promise<Page<Document>> {
    const visible =
      scope.kind === 'all'
        ? {}
        : scope.kind === 'host-organization'
          ? { hostOrganizationId: scope.hostOrganizationId }
          : scope.kind === 'member'
            ? {
                $or: [
                  { memberParticipantIds: scope.participantId },
                  { invitedParticipantIds: scope.participantId },
                ],
              }
            : matchesNothing;
    const { roundId, region, status, hostOrganizationStatus } = filters;
    return findPage(
      this.store.collection,
      listFilter({ roundId, region, status, hostOrganizationStatus }, visible),
      query,
    );
  }

  /**
   * Reserves a new invitation code for the team: the code's record is written before the team names it, so a code
   * always leads to its team; a record the team does not name (replaced, revoked, or left by an interrupted
   * command) opens nothing, since the team is read and must name the code (opensTeam).
   */
  async reserveInvitationCode(teamId: string, newCode: () => string): Promise<string> {
    for (;;) {
      const code = newCode();
      try {
        await this.invitationCodes.insertOne({ _id: code, teamId, createdAt: new Date() });
        return code;
      } catch (error) {
        // 50 random bits: a collision is rare, and the next code is as good.
        if (!isDuplicateKey(error)) throw error;
      }
    }
  }

  /** The team a code was reserved for, if any (the team itself says whether the code still opens it). */
  async teamIdOfInvitationCode(code: string): Promise<string | undefined> {
    return (await this.invitationCodes.findOne({ _id: code }))?.teamId;
  }

  /** Forgets a code the team no longer names. */
  async forgetInvitationCode(code: string, teamId: string): Promise<void> {
    await deleteIfMatches(this.invitationCodes, code, { teamId });
  }

  /** The ids of the teams that list the person as a member (for their data export). */
  async idsOfMember(participantId: string): Promise<string[]> {
    const found = await this.store.collection
      .find({ memberParticipantIds: participantId }, { projection: { _id: 1 } })
      .sort({ _id: 1 })
      .toArray();
    return found.map((team) => String(team._id));
  }

  /**
   * The team the person is in for the round, if any. `known`: a team the caller has just read (a bid's check of
   * its members): when the claim names it, it is not read again.
   */
  async activeTeamOf(roundId: string, participantId: string, known?: TeamState): Promise<string | undefined> {
    const claim = (await this.memberships.findOne({
      _id: membershipId(roundId, participantId) as never,
    })) as Membership | null;
    if (!claim) return undefined;
    // A claim whose team does not list the person was left behind by an interrupted join or leave: it is free.
    const team = known?.teamId === claim.teamId ? known : (await this.store.get(claim.teamId))?.state;
    if (team?.memberParticipantIds.includes(participantId)) return claim.teamId;
    if (Date.now() - claim.claimedAt.getTime() < STALE_CLAIM_MS) return claim.teamId;
    await deleteIfMatches(this.memberships, claim._id, { teamId: claim.teamId });
    return undefined;
  }

  /** Frees the person's place in the round once the team no longer lists them. */
  async release(roundId: string, participantId: string, teamId: string): Promise<void> {
    await deleteIfMatches(this.memberships, membershipId(roundId, participantId), { teamId });
  }

  /**
   * Runs `join` (the team's own write) holding the person's one place in the round for the team: a concurrent
   * claim for another team loses on the unique _id; if `join` fails, the place is freed again, so a lost race
   * leaves no one stuck in a team they never joined.
   */
  async withPlaceInRound(
    roundId: string,
    participantId: string,
    teamId: string,
    join: () => Promise<Aggregate<TeamState>>,
  ): Promise<Aggregate<TeamState>> {
    const taken = await this.claim(roundId, participantId, teamId);
    try {
      return await join();
    } catch (error) {
      if (taken) await this.release(roundId, participantId, teamId);
      throw error;
    }
  }

  /** True when this call took the place, false when the team held it already. */
  private async claim(roundId: string, participantId: string, teamId: string): Promise<boolean> {
    const _id = membershipId(roundId, participantId);
    try {
      await this.memberships.insertOne({ _id: _id as never, teamId, claimedAt: new Date() });
      return true;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const current = await this.memberships.findOne({ _id: _id as never });
    if (current?.teamId === teamId) return false;
    // A stale claim (see activeTeamOf) is freed and taken.
    if ((await this.activeTeamOf(roundId, participantId)) === undefined) {
      return this.claim(roundId, participantId, teamId);
    }
    throw new Refused(refuse('already-in-team', 'A person is in at most one active team per round.'));
  }
}

function membershipId(roundId: string, participantId: string): string {
  return `${roundId}:${participantId}`;
}
