// What tests and tools may use of this service without starting it through main.ts.
export { composeService } from './app';
export { configSchema, SERVICE_NAME } from './config';
export type { Config } from './config';
export { applicationsNotifications } from './features/notifications/contacts';
