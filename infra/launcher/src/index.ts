export { up, down, status, embeddedAddresses } from './infrastructure';
export type { Infrastructure, ServerState, ServerStatus, LauncherOptions } from './infrastructure';
export { launcherPaths } from './paths';
export type { LauncherPaths } from './paths';
export { MissingToolError } from './tools';
export { portOffset, SERVICES } from './services';
