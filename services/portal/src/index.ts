export { createPortalApp } from './app';
export { configSchema, loadPortalConfig, SERVICE_NAMES } from './config';
export type { PortalConfig, ServiceName } from './config';
export { userFromClaims, safeReturnPath } from './user';
export type { PortalUser } from './user';
