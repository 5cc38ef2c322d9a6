import {
  criterionCodeSchema,
  educationLevels,
  exitStatusSchema,
  exitStatuses,
  idSchema,
  instantSchema,
  memberExitReasons,
  percentScoreSchema,
  surveyWaveSchema,
  surveyWaves,
} from '@zhas/contracts';
import { z } from 'zod';
import { projectStatuses, terminationReasons } from './domain';

// What the API shows of a project. Response bodies are parsed with these schemas, so nothing else leaves.

const isoDate = z.iso.date();
const instant = instantSchema;

export const rulesView = z.object({
  rulesVersion: z.int(),
  grantCeilingKzt: z.int(),
  projectDurationMonths: z.int(),
  stipendMonthlyKzt: z.object({ graduate: z.int(), other: z.int() }),
  graduateEducationLevels: z.array(z.enum(educationLevels)),
  tranchePercentages: z.array(z.int()),
});

export const projectView = z.object({
  projectId: idSchema,
  version: z.int().meta({ description: 'Send it back with edits; a stale one gets 409.' }),
  bidId: idSchema,
  teamId: idSchema,
  roundId: idSchema,
  region: z.string(),
  hostOrganizationId: idSchema.optional(),
  leaderParticipantId: idSchema,
  memberParticipantIds: z.array(idSchema),
  members: z.array(
    z.object({
      participantId: idSchema,
      active: z.boolean(),
      exit: z
        .object({ reason: z.enum(memberExitReasons), exitStatus: z.enum(exitStatuses), exitedOn: isoDate })
        .optional(),
      followUps: z.array(
        z.object({ monthsAfterCompletion: z.int(), status: z.enum(exitStatuses), recordedAt: instant }),
      ),
    }),
  ),
  grantAmountKzt: z.int(),
  durationMonths: z.int(),
  status: z.enum(projectStatuses),
  openedAt: instant,
  agreement: z
    .object({
      agreementId: idSchema,
      signedOn: isoDate,
      startsOn: isoDate,
      endsOn: isoDate,
      tranches: z.array(z.object({ trancheNumber: z.int(), amountKzt: z.int() })),
      rules: rulesView,
      signedAt: instant,
    })
    .optional(),
  completion: z
    .object({
      completedOn: isoDate,
      disbursedKzt: z.int(),
      spentKzt: z.int(),
      beneficiariesReached: z.int(),
      membersCompleted: z.int(),
    })
    .optional(),
  termination: z.object({ reason: z.enum(terminationReasons), terminatedOn: isoDate }).optional(),
  waitingFor: z.array(z.enum(['round-rules'])).meta({
    description: 'What the project waits for from other services before its agreement can be signed.',
  }),
});

export const surveyView = z.object({
  surveyId: idSchema,
  projectId: idSchema,
  participantId: idSchema,
  wave: z.enum(surveyWaves),
  instrument: z.string(),
  lifeSkillsScore: z.number(),
  recordedAt: instant,
});

// What the API takes: the bodies of the coordinators' and host organizations' commands.

const versionField = z.int().min(1).meta({ description: 'The version you edited (from the last read).' });

export const agreementBody = z.object({ signedOn: isoDate, startsOn: isoDate });

export const memberExitBody = z.object({
  version: versionField,
  reason: z.enum(memberExitReasons),
  exitStatus: exitStatusSchema,
  exitedOn: isoDate,
});

export const surveyBody = z.object({
  participantId: idSchema,
  wave: surveyWaveSchema,
  instrument: criterionCodeSchema.meta({
    description: "The questionnaire and version, e.g. 'life-skills-2019'.",
  }),
  lifeSkillsScore: percentScoreSchema,
});

export const completionBody = z.object({
  version: versionField,
  completedOn: isoDate,
  members: z.array(z.object({ participantId: idSchema, exitStatus: exitStatusSchema })).max(50),
});

export const terminationBody = z.object({
  version: versionField,
  reason: z.enum(terminationReasons),
  terminatedOn: isoDate,
});

export const followUpBody = z.object({
  participantId: idSchema,
  monthsAfterCompletion: z.int().min(6).max(12),
  status: exitStatusSchema,
});
