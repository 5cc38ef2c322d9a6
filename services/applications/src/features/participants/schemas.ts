import {
  consentsSchema,
  educationLevelSchema,
  emailSchema,
  idSchema,
  phoneSchema,
  settlementSchema,
  sexSchema,
  vulnerabilitySchema,
} from '@zhas/contracts';
import { languageSchema, parseIin, regionIdSchema } from '@zhas/kz';
import { type Aggregate } from '@zhas/messaging';
import { z } from 'zod';
import { type ParticipantState, participantView } from './domain';

// The participant endpoints' parameters and bodies, and the record they answer with.

const iinField = z
  .string()
  .regex(/^\d{12}$/, 'An IIN is exactly 12 digits')
  .superRefine((value, context) => {
    const parsed = parseIin(value);
    // The message never repeats the digits: it may reach logs.
    if (!parsed.ok) context.addIssue({ code: 'custom', message: parsed.message });
  })
  .meta({ description: 'Individual identification number; birth date and sex are read from it.' });

export const profileShape = {
  region: regionIdSchema,
  settlement: settlementSchema,
  educationLevel: educationLevelSchema,
  neet: z.boolean().meta({ description: 'Not in employment, education or training.' }),
  // Each category once (the schema refines it; the document states it).
  vulnerability: vulnerabilitySchema.meta({ uniqueItems: true }),
  consents: consentsSchema,
};

export const registrationBody = z.object({
  iin: iinField,
  fullName: z.string().trim().min(2).max(200),
  phone: phoneSchema,
  email: emailSchema.optional().meta({ description: 'For messages by e-mail (optional).' }),
  contactLanguage: languageSchema
    .optional()
    .meta({ description: 'The language of the person’s messages (kk, ru or en); Kazakh when not given.' }),
  ...profileShape,
});

export const participantSchema = z.object({
  participantId: z.string(),
  iin: z.string(),
  fullName: z.string(),
  phone: z.string(),
  email: z.string().optional(),
  contactLanguage: languageSchema.optional(),
  birthDate: z.string(),
  sex: sexSchema,
  ...profileShape,
  region: z.string(),
  registeredAt: z.string(),
  erasedAt: z.string().optional().meta({
    description:
      "When the personal data was erased at the person's request: IIN, name and phone are then empty.",
  }),
  version: z.number().int(),
});

export const participantParams = z.object({ participantId: idSchema });

/** A participant record with its version, as the endpoints answer it. */
export const view = (saved: Aggregate<ParticipantState>) => ({
  ...participantView(saved.state),
  version: saved.version,
});

/** A 200 answer with the participant. */
export const participantAnswer = (saved: Aggregate<ParticipantState>) => ({
  status: 200 as const,
  body: view(saved),
});

/** A 200 answer with everything held about the person. */
export const exportAnswer = (found: {
  readonly participant: Aggregate<ParticipantState>;
  readonly teamIds: readonly string[];
  readonly exportedAt: Date;
}) => ({
  status: 200 as const,
  body: {
    participant: view(found.participant),
    teamIds: [...found.teamIds],
    exportedAt: found.exportedAt.toISOString(),
  },
});
