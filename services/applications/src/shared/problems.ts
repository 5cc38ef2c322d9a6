import { type ProblemTable } from '@zhas/service-kit';
import { type ApplicationsErrorCode } from './errors';

/** Each domain error code of the service and the status of its problem document (type `/problems/<code>`). */
export const applicationsProblems: ProblemTable<ApplicationsErrorCode> = {
  forbidden: 403,
  'not-found': 404,
  'wrong-state': 409,
  'round-closed': 409,
  'outside-window': 409,
  'window-still-open': 409,
  'already-registered': 409,
  'already-invited': 409,
  'already-in-team': 409,
  'leader-stays': 409,
  'bid-submitted': 409,
  'bid-exists': 409,
  'team-not-formed': 409,
  'conflict-of-interest': 409,
  'already-reviewed': 409,
  'no-reviews': 409,
  'reviews-pending': 409,
  'lottery-already-drawn': 409,
  'lottery-seed-fixed': 409,
  'age-outside-programme': 422,
  'invalid-iin': 422,
  'not-eligible': 422,
  'region-not-in-round': 422,
  'host-organization-not-selected': 422,
  'team-full': 422,
  'team-size': 422,
  'bid-incomplete': 422,
  'rubric-mismatch': 422,
};
