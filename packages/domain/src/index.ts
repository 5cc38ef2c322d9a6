export {
  ROLES,
  canAccessRegion,
  canActForHostOrganization,
  canActForParticipant,
  effectiveRoles,
  hasRole,
  isNational,
  regionScope,
  reviewerIdOf,
} from './actor';
export type { Actor, Role } from './actor';
export {
  Refused,
  change,
  changeOf,
  forbidden,
  noChange,
  notFound,
  refusalOf,
  refuse,
  unlessRefused,
} from './decision';
export type { Change, CommonErrorCode, Decision, DomainError, NewEvent, NoChange, Refusal } from './decision';
