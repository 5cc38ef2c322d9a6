import { type Role } from './session';

/**
 * The portal's journeys. A journey's screens live in screens/<journey>/ and load on first visit (routes.tsx); the
 * menu shows a journey to the roles that may use it. Later workspaces plug in here.
 */
export interface Journey {
  readonly path: string;
  /** Its name in the menu: a key of the locale files. */
  readonly label: string;
  /** Who sees it; `null`: everyone, signed in or not. */
  readonly roles: readonly Role[] | null;
}

export const JOURNEYS: readonly Journey[] = [
  { path: '/', label: 'nav.home', roles: null },
  { path: '/applicant', label: 'nav.applicant', roles: ['applicant'] },
  { path: '/review', label: 'nav.review', roles: ['host_org', 'committee', 'coordinator'] },
  { path: '/coordinator', label: 'nav.coordinator', roles: ['coordinator'] },
  { path: '/dashboards', label: 'nav.dashboards', roles: ['viewer', 'coordinator'] },
];
