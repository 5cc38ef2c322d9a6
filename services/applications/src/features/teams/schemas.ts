import { idSchema, hostDeclineReasons } from '@zhas/contracts';
import { type Actor } from '@zhas/domain';
import { type Aggregate } from '@zhas/messaging';
import { type Document } from 'mongodb';
import { z } from 'zod';
import { bidIdOf } from '../bids/store';
import { eligibilityFailureCodes } from '../participants/eligibility';
import { type TeamState } from './domain';
import { canSeeInvitationCode } from './policy';

// The team endpoints' parameters and response schemas (and the OpenAPI document), beside the views they check.

export const teamSchema = z.object({
  teamId: z.string(),
  roundId: z.string(),
  region: z.string(),
  leaderParticipantId: z.string(),
  memberParticipantIds: z.array(z.string()),
  invitedParticipantIds: z.array(z.string()),
  hostOrganizationId: z.string().nullable(),
  hostOrganizationStatus: z.enum(['none', 'requested', 'confirmed', 'declined']),
  hostDeclineReason: z.enum(hostDeclineReasons).nullable(),
  status: z.enum(['forming', 'formed']),
  formedAt: z.string().nullable(),
  invitationCode: z.string().nullable().meta({
    description: "The code (or link) people join the team with; shown to the team's members only, else null.",
  }),
  bidId: z.string().meta({ description: "The id the team's one bid has, or will have once it is started." }),
  version: z.number().int(),
});

export const personSchema = z.object({
  participantId: z.string(),
  role: z.enum(['leader', 'member', 'invited']),
  fullName: z.string(),
  eligible: z.boolean(),
  reasons: z.array(z.enum(eligibilityFailureCodes)).meta({
    description: 'Why the person is not eligible for the round now (empty when eligible).',
  }),
});

export const teamParams = z.object({ teamId: idSchema });
export const memberParams = z.object({ teamId: idSchema, participantId: idSchema });
/** The team as the actor may see it: the invitation code only for its members. */
export const teamView = (saved: Pick<Aggregate<TeamState>, 'id' | 'state' | 'version'>, actor: Actor) => ({
  ...saved.state,
  invitationCode: canSeeInvitationCode(actor, saved.state) ? (saved.state.invitationCode ?? null) : null,
  bidId: bidIdOf(saved.id),
  version: saved.version,
});

/** A 200 answer with the team as the actor may see it. */
export const teamAnswer = (saved: Pick<Aggregate<TeamState>, 'id' | 'state' | 'version'>, actor: Actor) => ({
  status: 200 as const,
  body: teamView(saved, actor),
});

/** A 201 answer with the team just started, as the actor may see it. */
export const teamCreated = (saved: Pick<Aggregate<TeamState>, 'id' | 'state' | 'version'>, actor: Actor) => ({
  status: 201 as const,
  body: teamView(saved, actor),
});

/** A team of a listed page (a stored document) as the actor may see it. */
export const listedTeamView = (doc: Document, actor: Actor) => {
  const { _id, version, ...state } = doc;
  return teamSchema.parse(
    teamView({ id: String(_id), version: Number(version), state: state as TeamState }, actor),
  );
};
