import { type ProblemTable } from '@zhas/service-kit';
import { type CompetitionsErrorCode } from './errors';

/** Each domain error code of the service and the status of its problem document (type `/problems/<code>`). */
export const competitionsProblems: ProblemTable<CompetitionsErrorCode> = {
  validation: 400,
  forbidden: 403,
  'not-found': 404,
  'invalid-state': 409,
  'round-frozen': 409,
  'round-not-open': 409,
  'outside-window': 409,
  'window-still-open': 409,
  'selection-confirmed': 409,
  'scoring-incomplete': 409,
  'application-exists': 409,
  'organization-exists': 409,
  'round-invalid': 422,
  'region-not-in-round': 422,
  'incomplete-application': 422,
};
