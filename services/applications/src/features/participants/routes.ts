import { createHmac } from 'node:crypto';
import {
  consentsSchema,
  educationLevelSchema,
  settlementSchema,
  sexSchema,
  vulnerabilitySchema,
} from '@zhas/contracts';
import { parseIin, regionIdSchema } from '@zhas/kz';
import { type AggregateStore, ConcurrencyConflict } from '@zhas/messaging';
import { type Api, type Principal, problems, requireRole } from '@zhas/service-kit';
import { z } from 'zod';
import { load, saveVersion } from '../../shared/retry';
import { newId } from '../../shared/ids';
import { type ParticipantState, participantView, register, updateProfile } from './domain';

const iinField = z
  .string()
  .regex(/^\d{12}$/, 'An IIN is exactly 12 digits')
  .superRefine((value, context) => {
    const parsed = parseIin(value);
    // The message never repeats the digits: it may reach logs.
    if (!parsed.ok) context.addIssue({ code: 'custom', message: parsed.message });
  })
  .meta({ description: 'Individual identification number; birth date and sex are read from it.' });

const profileShape = {
  region: regionIdSchema,
  settlement: settlementSchema,
  educationLevel: educationLevelSchema,
  neet: z.boolean().meta({ description: 'Not in employment, education or training.' }),
  vulnerability: vulnerabilitySchema,
  consents: consentsSchema,
};

const registrationBody = z.object({
  iin: iinField,
  fullName: z.string().trim().min(2).max(200),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{10,20}$/, 'A phone number of 10-15 digits'),
  ...profileShape,
});

const participantSchema = z.object({
  participantId: z.string(),
  iin: z.string(),
  fullName: z.string(),
  phone: z.string(),
  birthDate: z.string(),
  sex: sexSchema,
  ...profileShape,
  region: z.string(),
  registeredAt: z.string(),
  version: z.number().int(),
});

const participantIdParams = z.object({ participantId: z.string().min(1).max(128) });

export class Participants {
  constructor(
    readonly store: AggregateStore<ParticipantState>,
    private readonly indexKey: string,
  ) {}

  async ensureIndexes(): Promise<void> {
    await this.store.collection.createIndex({ iinDigest: 1 }, { unique: true });
  }

  digest(iin: string): string {
    return createHmac('sha256', this.indexKey).update(iin).digest('hex');
  }

  async get(participantId: string) {
    return (await this.store.get(participantId))?.state;
  }

  async register(principal: Principal, body: z.infer<typeof registrationBody>, now: Date, requestId: string) {
    requireRole(principal, 'applicant');
    if (principal.participantId !== undefined) {
      throw problems.conflict('/problems/already-registered', 'This account is registered already.', {
        participantId: principal.participantId,
      });
    }
    const iinDigest = this.digest(body.iin);
    const decision = register(
      body,
      { participantId: newId('p'), subject: principal.subject, iinDigest },
      now,
    );
    try {
      const saved = await this.store.create(decision.state.participantId, decision.state, decision.events, {
        correlationId: requestId,
        now,
      });
      return { created: true, participant: saved };
    } catch (error) {
      if (!(error instanceof ConcurrencyConflict)) throw error;
      // The IIN is registered: a retry by the same account gets its id back; anyone else learns nothing more.
      const existing = await this.store.collection.findOne({ iinDigest });
      if (existing && existing.subject === principal.subject) {
        const again = await load(this.store, 'Participant', String(existing._id));
        return { created: false, participant: again };
      }
      throw problems.conflict(
        '/problems/already-registered',
        'A participant with this IIN is registered already.',
      );
    }
  }
}

export function declareParticipantRoutes(api: Api, participants: Participants, now: () => Date): void {
  api.route({
    method: 'post',
    path: '/participants',
    summary: 'Register as a participant',
    description:
      'An applicant registers once with their IIN; the answer gives the participantId that the identity provider ' +
      'then puts in their token (`participant_id`). Birth date and sex are read from the IIN. A retry by the same ' +
      'account returns the same participant (200).',
    tags: ['participants'],
    auth: { roles: ['applicant'] },
    body: registrationBody,
    responses: {
      201: { description: 'Registered', schema: participantSchema },
      200: { description: 'Registered already by this account', schema: participantSchema },
      409: { description: 'The IIN or the account is registered already' },
      422: { description: 'Outside the programme ages' },
    },
    handler: async ({ body, principal, requestId }) => {
      const { created, participant } = await participants.register(principal, body, now(), requestId);
      const view = {
        ...participantView(principalFor(participant.state), participant.state),
        version: participant.version,
      };
      return created ? { status: 201, body: view } : { status: 200, body: view };
    },
  });

  api.route({
    method: 'get',
    path: '/participants/{participantId}',
    summary: 'A participant record, personal data included',
    description: 'Only the participant themself (participant_id claim) and coordinators may read it.',
    tags: ['participants'],
    auth: { roles: ['applicant', 'coordinator'] },
    params: participantIdParams,
    responses: { 200: { description: 'The participant', schema: participantSchema } },
    handler: async ({ params, principal }) => {
      const participant = await load(participants.store, 'Participant', params.participantId);
      return {
        status: 200,
        body: { ...participantView(principal, participant.state), version: participant.version },
      };
    },
  });

  api.route({
    method: 'put',
    path: '/participants/{participantId}/profile',
    summary: 'Change the profile attributes and consents',
    tags: ['participants'],
    auth: { roles: ['applicant', 'coordinator'] },
    params: participantIdParams,
    body: z.object({ version: z.int().min(1), ...profileShape }),
    responses: {
      200: { description: 'Updated', schema: participantSchema },
      409: { description: 'Stale version' },
    },
    handler: async ({ params, body, principal, requestId }) => {
      const at = now();
      const current = await load(participants.store, 'Participant', params.participantId);
      const { version, ...profile } = body;
      const decision = updateProfile(principal, current.state, profile, at);
      const saved = await saveVersion(() =>
        participants.store.update(current.id, version, decision.state, decision.events, {
          correlationId: requestId,
          now: at,
        }),
      );
      return { status: 200, body: { ...participantView(principal, saved.state), version: saved.version } };
    },
  });
}

/** The registering applicant, now known by their participant id. */
function principalFor(participant: ParticipantState): Principal {
  return { subject: participant.subject, roles: ['applicant'], participantId: participant.participantId };
}
