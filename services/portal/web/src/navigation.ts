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
  { path: '/results', label: 'nav.results', roles: null },
  { path: '/applicant', label: 'nav.applicant', roles: ['applicant'] },
  { path: '/applicant/rounds', label: 'nav.rounds', roles: ['applicant'] },
  { path: '/applicant/team', label: 'nav.team', roles: ['applicant'] },
  { path: '/applicant/bid', label: 'nav.bid', roles: ['applicant'] },
  { path: '/applicant/project', label: 'nav.project', roles: ['applicant'] },
  { path: '/review', label: 'nav.review', roles: ['host_org', 'committee', 'coordinator'] },
  { path: '/host-org', label: 'hostOrg.nav', roles: ['host_org'] },
  { path: '/coordinator', label: 'nav.coordinator', roles: ['coordinator'] },
  { path: '/dashboards', label: 'nav.dashboards', roles: ['viewer', 'coordinator'] },
  { path: '/notifications', label: 'nav.notifications', roles: ['applicant'] },
  { path: '/grievance', label: 'nav.grievance', roles: null },
  { path: '/mentor', label: 'mentors.nav', roles: ['mentor'] },
];

/** The journey a path belongs to: the longest journey path that starts it. */
export function activeJourney(pathname: string, journeys: readonly Journey[]): Journey | undefined {
  return journeys
    .filter(
      (journey) =>
        pathname === journey.path ||
        pathname.startsWith(journey.path === '/' ? '/\u0000' : `${journey.path}/`),
    )
    .sort((a, b) => b.path.length - a.path.length)[0];
}
