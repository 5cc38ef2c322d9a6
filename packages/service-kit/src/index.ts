export { baseConfigSchema, loadConfig, ConfigError, portSchema } from './config';
export type { BaseConfig } from './config';
export { createLogger, REDACTED_PATHS } from './logger';
export type { Logger } from './logger';
export { createHttpApp, sendProblem } from './http/app';
export type { HttpAppOptions } from './http/app';
export { HttpProblem, problems, fieldErrors } from './http/problem';
export { conflictProblem, refusalProblem } from './http/domain-errors';
export type { ProblemTable, RefusalStatus } from './http/domain-errors';
export type { FieldError, ProblemDocument } from './http/problem';
export { readiness, mongoHealthCheck } from './health';
export type { HealthCheck, ReadinessReport } from './health';
export { listen } from './service';
export type { RunningService } from './service';
export { runService, setupService, startService } from './bootstrap';
export { InstanceLease, isFerretDb, SecondInstanceError } from './instance-lease';
export type { ServiceDependencies, ComposedService, StartServiceOptions, StartedService } from './bootstrap';
export { declareFeatures } from './composition';
export type { CommandContext, ComposeService, FeatureRoutes, FeatureWiring, Indexed } from './composition';
export { createApi, problemDocumentSchema } from './http/routes';
export {
  changeHandler,
  created,
  itemsOf,
  ok,
  once,
  pageHandler,
  pageOf,
  readHandler,
  versioned,
} from './http/handlers';
export type { IdempotentRunner } from './http/handlers';
export { actHandler, noContent, shown } from './http/handlers';
export {
  rateLimitConfigSchema,
  loadRateLimitSettings,
  createRateLimits,
  DatabaseRateLimitStore,
} from './http/rate-limit';
export type { RateLimits, RateLimitSettings, RouteRateLimit } from './http/rate-limit';
export type {
  Api,
  ApiOptions,
  HttpMethod,
  OpenApiDocument,
  ParameterSchema,
  ResponseSpec,
  ResponseSpecs,
  RouteAuth,
  RouteContext,
  RouteDefinition,
  RouteHandler,
  RouteResult,
} from './http/routes';
export {
  paginationQuery,
  page,
  paginatedResponse,
  encodeCursor,
  decodeCursor,
  queryList,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
} from './http/pagination';
export type { Page, PaginationQuery } from './http/pagination';
export { findPage, listFilter, listFilters, matchesNothing, pageOfList, queryBoolean } from './http/lists';
export type { ListOrder } from './http/lists';
export { auditTrailView, declareAuditTrailRoute } from './http/audit-trail';
export { ROLES, roleSchema, principalFromClaims } from './auth/principal';
export type { Principal, Role } from './auth/principal';
export {
  effectiveRoles,
  hasRole,
  requireRole,
  canActForParticipant,
  requireParticipant,
  canActForHostOrganization,
  requireHostOrganization,
  canAccessRegion,
  requireRegion,
  regionScope,
  isNational,
  requireNational,
} from './auth/authorize';
export {
  authConfigSchema,
  authSettingsSchema,
  loadAuthSettings,
  defaultLocalKeyDir,
  findRepoRoot,
} from './auth/config';
export type { AuthConfig, AuthSettings } from './auth/config';
export { createAuthenticator, bearerToken, invalidToken } from './auth/authenticator';
export type { Authenticator, AuthenticatorOptions, AuthenticatorSettings } from './auth/authenticator';
export { ensureLocalKeys, issueLocalToken } from './auth/local-keys';
export type { LocalKeys, LocalTokenRequest } from './auth/local-keys';
export { idempotencyKeyHeader, runIdempotent } from './http/idempotency';
export type { IdempotentResult } from './http/idempotency';
export {
  PersonalDataVault,
  personalDataConfigSchema,
  personalDataConfigShape,
  sealedPersonalDataSchema,
} from './personal-data';
export type { PersonalDataConfig, SealedPersonalData } from './personal-data';
