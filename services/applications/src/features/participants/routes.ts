import { type Api, actHandler, changeHandler } from '@zhas/service-kit';
import { z } from 'zod';
import { type ApplicationsContext } from '../../shared/context';
import {
  changeProfile,
  erasePersonalDataOf,
  exportPersonalData,
  readParticipant,
  registerParticipant,
} from './commands';
import {
  exportAnswer,
  participantAnswer,
  participantParams,
  participantSchema,
  profileShape,
  registrationBody,
  view,
} from './schemas';

export function declareRoutes(api: Api, app: ApplicationsContext): void {
  const participant = api.schema('Participant', participantSchema);

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
    rateLimit: 'submission',
    body: registrationBody,
    responses: {
      201: { description: 'Registered', schema: participant },
      200: { description: 'Registered already by this account', schema: participant },
      409: { description: 'The IIN or the account is registered already' },
      422: { description: 'Outside the programme ages' },
    },
    handler: async ({ body, principal, requestId }) => {
      const { created, participant } = await registerParticipant(app, principal, body, requestId);
      return { status: created ? 201 : 200, body: view(participant) };
    },
  });

  api.route({
    method: 'get',
    path: '/participants/{participantId}',
    summary: 'A participant record, personal data included',
    description:
      'Only the participant themself (participant_id claim) and coordinators of their region may read it; each read ' +
      'is logged (`GET /admin/personal-data-reads`).',
    tags: ['participants'],
    auth: { roles: ['applicant', 'coordinator'] },
    params: participantParams,
    responses: { 200: { description: 'The participant', schema: participant } },
    // Each read is logged: an act on the record, with its request id.
    handler: actHandler(app, 'participantId', readParticipant, participantAnswer),
  });

  api.route({
    method: 'put',
    path: '/participants/{participantId}/profile',
    summary: 'Change the profile attributes and consents',
    tags: ['participants'],
    auth: { roles: ['applicant', 'coordinator'] },
    params: participantParams,
    body: z.object({ version: z.int().min(1), ...profileShape }),
    responses: {
      200: { description: 'Updated', schema: participant },
      409: { description: 'Stale version' },
    },
    handler: changeHandler(app, 'participantId', changeProfile, participantAnswer),
  });

  const personalDataExport = api.schema(
    'PersonalDataExport',
    z.object({
      participant,
      teamIds: z.array(z.string()).meta({ description: 'The teams that list the person as a member.' }),
      exportedAt: z.string(),
    }),
  );

  api.route({
    method: 'get',
    path: '/participants/{participantId}/personal-data',
    summary: 'Everything held about the person (their data export)',
    description:
      'For the person themself (participant_id claim) or an admin acting on their request: their record with ' +
      'its personal data opened, and the teams that list them.',
    tags: ['participants'],
    auth: { roles: ['applicant', 'admin'] },
    params: participantParams,
    responses: { 200: { description: 'The export', schema: personalDataExport } },
    handler: actHandler(app, 'participantId', exportPersonalData, exportAnswer),
  });

  api.route({
    method: 'delete',
    path: '/participants/{participantId}/personal-data',
    summary: "Erase the person's personal data",
    description:
      'For the person themself or an admin acting on their request: the IIN, name and phone are deleted (their ' +
      'sealed copy and its key with them) and the IIN may register again. The record stays with its anonymous ' +
      'attributes, so teams, bids, statistics and published events stay valid. A repeat changes nothing.',
    tags: ['participants'],
    auth: { roles: ['applicant', 'admin'] },
    params: participantParams,
    responses: { 200: { description: 'Erased', schema: participant } },
    handler: actHandler(app, 'participantId', erasePersonalDataOf, participantAnswer),
  });

  api.route({
    method: 'post',
    path: '/admin/personal-data/rotate-keys',
    summary: "Re-wrap every participant's data key under the current key-encryption key",
    description:
      "After a new key is put first in PERSONAL_DATA_KEYS: wraps each record's data key under it (and seals records " +
      'an older version wrote readable). When it reports nothing left to change, the old key can be removed.',
    tags: ['participants'],
    auth: { roles: ['admin'] },
    responses: {
      200: {
        description: 'How many records changed',
        schema: z.object({ rewrapped: z.number().int(), sealed: z.number().int() }),
      },
    },
    handler: async (_context) => ({ status: 200, body: await app.participants.rotateKeys() }),
  });
}
