import { idSchema, instantSchema, instantWithOffsetSchema } from '@zhas/contracts';
import { type Api, paginatedResponse, paginationQuery } from '@zhas/service-kit';
import { z } from 'zod';
import { type ApplicationsContext } from '../../shared/context';
import { readPurposes } from './domain';

const readSchema = z.object({
  readId: z.string(),
  participantId: z.string().meta({ description: 'Whose personal data was read.' }),
  reader: z.object({
    subject: z.string().meta({ description: "The reader's account id (the token's subject)." }),
    roles: z.array(z.string()),
  }),
  purpose: z.enum(readPurposes).meta({ description: 'Why it was read.' }),
  operation: z.string().meta({ description: 'The operation that answered with it.' }),
  requestId: z.string(),
  at: instantSchema,
});

export function declareRoutes(api: Api, app: ApplicationsContext): void {
  const read = api.schema('PersonalDataRead', readSchema);

  api.route({
    method: 'get',
    path: '/admin/personal-data-reads',
    summary: 'Who read whose personal data, when and why',
    description:
      "Every answer that opens a participant's IIN, name, phone or e-mail is logged before it leaves: the reader, the " +
      'person, the time, the purpose and the operation. Newest first; filter by the person, the reader and a time ' +
      'range (`from` inclusive, `to` exclusive).',
    tags: ['participants'],
    auth: { roles: ['admin'] },
    query: paginationQuery.extend({
      participantId: idSchema.optional(),
      reader: z
        .string()
        .min(1)
        .max(200)
        .optional()
        .meta({ description: "The reader's account id (subject)." }),
      // Any RFC 3339 time, offsets included (what the document's date-time format allows).
      from: instantWithOffsetSchema.optional(),
      to: instantWithOffsetSchema.optional(),
    }),
    responses: { 200: { description: 'A page of reads', schema: paginatedResponse(read) } },
    handler: async ({ query }) => {
      const found = await app.personalDataReads.find(
        {
          ...(query.participantId === undefined ? {} : { participantId: query.participantId }),
          ...(query.reader === undefined ? {} : { readerSubject: query.reader }),
          ...(query.from === undefined ? {} : { from: new Date(query.from) }),
          ...(query.to === undefined ? {} : { to: new Date(query.to) }),
        },
        query,
      );
      return {
        status: 200,
        body: {
          items: found.items.map((item) => ({
            ...item,
            reader: { ...item.reader, roles: [...item.reader.roles] },
            at: item.at.toISOString(),
          })),
          nextCursor: found.nextCursor,
        },
      };
    },
  });
}
