import { type DomainError } from '@zhas/domain';

/**
 * The refusals of this service's domain, by code. `shared/problems.ts` gives each its HTTP status; the problem
 * document's type is `/problems/<code>`, which clients switch on.
 */
export type TrackingErrorCode =
  // Who may act (policies).
  | 'forbidden'
  | 'not-found'
  // The state a project and its documents are in.
  | 'project-state'
  | 'round-rules-unknown'
  | 'grant-exceeds-ceiling'
  | 'member-already-exited'
  | 'last-member'
  | 'member-exited'
  | 'completion-incomplete'
  | 'follow-up-recorded'
  | 'report-exists'
  | 'report-not-submitted'
  | 'tranche-not-payable'
  | 'tranche-already-disbursed'
  | 'grant-exceeded'
  | 'stipend-already-paid'
  | 'stipend-not-payable'
  | 'recovery-exceeds-disbursed'
  | 'recovery-settled'
  | 'survey-recorded'
  | 'grievance-resolved'
  | 'grievance-unassigned'
  | 'grievance-unanswered'
  // Rules a request breaks.
  | 'starts-before-signing'
  | 'exit-reason'
  | 'not-active-members'
  | 'month-out-of-range'
  | 'report-members'
  | 'recovery-amounts'
  | 'survey-wave'
  // Mentors.
  | 'mentor-not-registered'
  | 'mentor-conflict-of-interest'
  | 'mentor-region'
  | 'mentor-at-capacity'
  | 'mentor-capacity-below-load'
  | 'project-has-mentor'
  | 'project-not-running';

export type TrackingError = DomainError<TrackingErrorCode>;
