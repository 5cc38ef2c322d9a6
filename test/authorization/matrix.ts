/*
 * The authorization matrix: for every operation of every service, who may call it. The test in
 * authorization.int.test.ts runs each row against the running service and checks the tables against the services'
 * OpenAPI documents: an operation without rows (a new route) fails it, and so does a row for an operation that no
 * longer exists.
 *
 * `access` gives the rows for the actors without data of their own (the ids in the path are unknown to the service):
 *   - 'public': everyone passes, no token needed;
 *   - 'signed-in': every valid token passes;
 *   - a list of roles: those pass (admin counts as a coordinator), every other role gets 403;
 *   and without a valid token (none, expired, wrong audience) 401 unless public. "Passes" means the request gets past
 * authentication and authorization: the answer is neither 401 nor 403, nor a server error.
 * `except` names the actors whose answer differs from that rule, with the status they must get.
 * The rows that need data (a participant of another region, another team, another organization) are in
 * `scopedRows` of the test.
 */
import { type Role } from '@zhas/service-kit';

export const ACTORS = [
  'no token',
  'expired token',
  'wrong audience',
  'applicant',
  'host_org',
  'committee',
  'coordinator (national)',
  'coordinator (almaty)',
  'viewer',
  'mentor',
  'admin',
] as const;

export type ActorName = (typeof ACTORS)[number];

export interface OperationAccess {
  readonly access: 'public' | 'signed-in' | readonly Role[];
  readonly except?: Partial<Record<ActorName, number>>;
}

export type ServiceMatrix = Readonly<Record<string, OperationAccess>>;

export const competitions: ServiceMatrix = {
  'GET /staff-contacts/me': { access: ['host_org', 'committee', 'coordinator'] },
  'PUT /staff-contacts/me': { access: ['host_org', 'committee', 'coordinator'] },
  'GET /notifications': { access: ['host_org', 'committee', 'coordinator'] },
  'GET /notifications/unread-count': { access: ['host_org', 'committee', 'coordinator'] },
  'POST /notifications/{notificationId}/read': { access: ['host_org', 'committee', 'coordinator'] },
  'POST /notifications/read': { access: ['host_org', 'committee', 'coordinator'] },
  'GET /notification-preferences': { access: ['host_org', 'committee', 'coordinator'] },
  'PUT /notification-preferences': { access: ['host_org', 'committee', 'coordinator'] },
  'POST /notification-opt-outs': { access: 'public' },
  'GET /admin/notification-failures': { access: ['admin'] },
  'POST /admin/notification-failures/{failureId}/retry': { access: ['admin'] },
  'GET /rounds': { access: 'signed-in' },
  'POST /rounds': { access: ['coordinator'] },
  'GET /rounds/{roundId}': { access: 'signed-in' },
  'PATCH /rounds/{roundId}': { access: ['coordinator'] },
  'POST /rounds/{roundId}/publish': { access: ['coordinator'] },
  'POST /rounds/{roundId}/revisions': { access: ['coordinator'] },
  'POST /rounds/{roundId}/close': { access: ['coordinator'] },
  'GET /organizations': { access: ['coordinator'] },
  'POST /organizations': { access: ['host_org', 'coordinator'] },
  'GET /organizations/{organizationId}': {
    access: ['host_org', 'coordinator', 'committee', 'viewer'],
  },
  'POST /rounds/{roundId}/host-applications': { access: ['host_org', 'coordinator'] },
  'GET /host-applications/{hostApplicationId}': {
    access: ['host_org', 'committee', 'coordinator', 'viewer'],
  },
  'PATCH /host-applications/{hostApplicationId}': { access: ['host_org', 'coordinator'] },
  'POST /host-applications/{hostApplicationId}/submit': { access: ['host_org', 'coordinator'] },
  'POST /host-applications/{hostApplicationId}/withdraw': { access: ['host_org', 'coordinator'] },
  'PUT /host-applications/{hostApplicationId}/scores/me': { access: ['committee'] },
  'POST /host-applications/{hostApplicationId}/conflicts': { access: ['committee'] },
  'GET /host-applications': { access: ['host_org', 'committee', 'coordinator', 'viewer'] },
  'GET /rounds/{roundId}/regions/{region}/host-ranking': { access: ['coordinator', 'committee'] },
  'POST /rounds/{roundId}/regions/{region}/host-selection': { access: ['coordinator'] },
  'GET /rounds/{roundId}/regions/{region}/host-committee': { access: ['coordinator', 'committee'] },
  'PUT /rounds/{roundId}/regions/{region}/host-committee': { access: ['coordinator'] },
  'GET /rounds/{roundId}/selected-host-organizations': { access: 'public' },
  'POST /rounds/{roundId}/copies': { access: ['coordinator'] },
  'GET /rounds/{roundId}/check': { access: ['coordinator'] },
  'PUT /host-applications/{hostApplicationId}/scores/me/draft': { access: ['committee'] },
  'POST /host-applications/{hostApplicationId}/eligibility-review': { access: ['coordinator'] },
  'GET /admin/dead-letters': { access: ['admin'] },
  'GET /admin/outbox': { access: ['admin'] },
};

export const applications: ServiceMatrix = {
  'GET /notifications': { access: ['applicant'] },
  'GET /notifications/unread-count': { access: ['applicant'] },
  'POST /notifications/{notificationId}/read': { access: ['applicant'] },
  'POST /notifications/read': { access: ['applicant'] },
  'GET /notification-preferences': { access: ['applicant'] },
  'PUT /notification-preferences': { access: ['applicant'] },
  'POST /notification-opt-outs': { access: 'public' },
  'GET /admin/notification-failures': { access: ['admin'] },
  'POST /admin/notification-failures/{failureId}/retry': { access: ['admin'] },
  'POST /participants': { access: ['applicant'] },
  'GET /participants/{participantId}': { access: ['applicant', 'coordinator'] },
  'PUT /participants/{participantId}/profile': { access: ['applicant', 'coordinator'] },
  'GET /participants/{participantId}/personal-data': { access: ['applicant', 'admin'] },
  'DELETE /participants/{participantId}/personal-data': { access: ['applicant', 'admin'] },
  'POST /admin/personal-data/rotate-keys': { access: ['admin'] },
  'GET /admin/personal-data-reads': { access: ['admin'] },
  'GET /teams': { access: ['applicant', 'host_org', 'committee', 'coordinator', 'viewer'] },
  'POST /teams': { access: ['applicant'] },
  'GET /teams/{teamId}': { access: ['applicant', 'host_org', 'committee', 'coordinator', 'viewer'] },
  'POST /teams/{teamId}/invitations': { access: ['applicant', 'coordinator'] },
  'POST /teams/{teamId}/invitations/{participantId}/accept': { access: ['applicant'] },
  'POST /teams/{teamId}/form': { access: ['applicant', 'coordinator'] },
  'PUT /teams/{teamId}/host-organization': { access: ['applicant', 'coordinator'] },
  'DELETE /teams/{teamId}/members/{participantId}': { access: ['applicant', 'coordinator'] },
  'POST /teams/{teamId}/host-organization/confirm': { access: ['host_org', 'coordinator'] },
  'POST /teams/{teamId}/host-organization/decline': { access: ['host_org', 'coordinator'] },
  'POST /teams/{teamId}/invitation-code': { access: ['applicant', 'coordinator'] },
  'DELETE /teams/{teamId}/invitation-code': { access: ['applicant', 'coordinator'] },
  'GET /teams/{teamId}/people': {
    access: ['applicant', 'host_org', 'committee', 'coordinator', 'viewer'],
  },
  'GET /team-invitations/{code}': { access: ['applicant'] },
  'POST /team-invitations/{code}/accept': { access: ['applicant'] },
  'GET /bids': { access: ['host_org', 'committee', 'coordinator', 'viewer'] },
  'POST /bids': { access: ['applicant', 'coordinator'] },
  'GET /bids/{bidId}': { access: ['applicant', 'host_org', 'committee', 'coordinator', 'viewer'] },
  'GET /bid-status/{registrationNumber}': { access: ['applicant', 'coordinator', 'viewer'] },
  'PUT /bids/{bidId}/draft': { access: ['applicant', 'coordinator'] },
  'POST /bids/{bidId}/submit': { access: ['applicant', 'coordinator'] },
  'POST /bids/{bidId}/withdraw': { access: ['applicant', 'coordinator'] },
  'POST /bids/{bidId}/conflicts': { access: ['host_org', 'committee'] },
  'POST /bids/{bidId}/reviews': { access: ['host_org', 'committee'] },
  'POST /bids/{bidId}/qualification': { access: ['coordinator'] },
  'GET /rounds/{roundId}/regions/{region}/lottery': { access: 'public' },
  'POST /rounds/{roundId}/regions/{region}/lottery': { access: ['coordinator'] },
  'POST /lotteries/{lotteryId}/outcomes': { access: ['coordinator'] },
  'GET /lotteries/{lotteryId}': { access: 'public' },
  'GET /lotteries/{lotteryId}/verification': { access: 'public' },
  'POST /lotteries/verification': { access: 'public' },
  'PUT /reviewers/me': { access: ['host_org', 'committee'] },
  'GET /review-queue': { access: ['host_org', 'committee'] },
  'GET /review-queue/summary': { access: ['host_org', 'committee'] },
  'GET /bids/{bidId}/review-sheet': { access: ['host_org', 'committee'] },
  'PUT /bids/{bidId}/reviews/mine/draft': { access: ['host_org', 'committee'] },
  'POST /rounds/{roundId}/regions/{region}/review-assignments': { access: ['coordinator'] },
  // Another region's coordinator: the path's region is not theirs.
  'GET /rounds/{roundId}/regions/{region}/reviewers': {
    access: ['coordinator'],
    except: { 'coordinator (almaty)': 403 },
  },
  // Another region's coordinator: the path's region is not theirs.
  'POST /rounds/{roundId}/regions/{region}/qualification-decisions': {
    access: ['coordinator'],
    except: { 'coordinator (almaty)': 403 },
  },
  'GET /rounds/{roundId}/pipeline': { access: ['coordinator', 'viewer'] },
  'PUT /rounds/{roundId}/regions/{region}/lottery/seed': { access: ['coordinator'] },
  // Another region's coordinator: the path's region is not theirs.
  'GET /rounds/{roundId}/regions/{region}/lottery/preparation': {
    access: ['coordinator'],
    except: { 'coordinator (almaty)': 403 },
  },
  'POST /lotteries/{lotteryId}/draw': { access: ['coordinator'] },
  'POST /lotteries/{lotteryId}/publish': { access: ['coordinator'] },
  'GET /rounds/{roundId}/lotteries': { access: 'public' },
  'GET /audit-trail/{aggregateId}': { access: ['coordinator'] },
  'GET /admin/dead-letters': { access: ['admin'] },
  'GET /admin/outbox': { access: ['admin'] },
};

export const tracking: ServiceMatrix = {
  'GET /projects': { access: ['coordinator', 'viewer', 'host_org', 'applicant'] },
  'GET /projects/{projectId}': { access: ['coordinator', 'viewer', 'host_org', 'applicant'] },
  'POST /projects/{projectId}/agreement': { access: ['coordinator'] },
  'POST /projects/{projectId}/members/{participantId}/exit': { access: ['coordinator'] },
  'GET /projects/{projectId}/surveys': {
    access: ['coordinator', 'viewer', 'host_org', 'applicant'],
  },
  'POST /projects/{projectId}/surveys': { access: ['coordinator', 'host_org'] },
  'POST /projects/{projectId}/complete': { access: ['coordinator'] },
  'POST /projects/{projectId}/terminate': { access: ['coordinator'] },
  'POST /projects/{projectId}/follow-ups': { access: ['coordinator'] },
  'POST /projects/{projectId}/reports/{projectMonth}': { access: ['applicant'] },
  'GET /projects/{projectId}/reports': {
    access: ['coordinator', 'viewer', 'host_org', 'applicant'],
  },
  'GET /reports': { access: ['coordinator', 'viewer'] },
  'GET /reports/{reportId}': { access: ['coordinator', 'viewer', 'host_org', 'applicant'] },
  'POST /reports/{reportId}/accept': { access: ['host_org', 'coordinator'] },
  'POST /reports/{reportId}/return': { access: ['host_org', 'coordinator'] },
  'GET /projects/{projectId}/tranches': {
    access: ['coordinator', 'viewer', 'host_org', 'applicant'],
  },
  'POST /tranches/{trancheId}/disburse': { access: ['coordinator'] },
  'GET /stipends': { access: ['coordinator', 'viewer'] },
  'GET /projects/{projectId}/stipends': { access: ['coordinator', 'viewer', 'host_org'] },
  'GET /projects/{projectId}/my-stipends': { access: ['applicant'] },
  'POST /stipends/{stipendId}/pay': { access: ['coordinator'] },
  'GET /projects/{projectId}/recoveries': { access: ['coordinator', 'viewer'] },
  'POST /projects/{projectId}/recoveries': { access: ['coordinator'] },
  'POST /recoveries/{recoveryId}/settle': { access: ['coordinator'] },
  'GET /grievances': { access: ['coordinator'] },
  'POST /grievances': { access: 'public' },
  'GET /grievances/status/{trackingCode}': { access: 'public' },
  'GET /grievances/{grievanceId}': { access: ['coordinator'] },
  'POST /grievances/{grievanceId}/assign': { access: ['coordinator'] },
  'POST /grievances/{grievanceId}/answer': { access: ['coordinator'] },
  'POST /grievances/{grievanceId}/resolve': { access: ['coordinator'] },
  'POST /admin/personal-data/rotate-keys': { access: ['admin'] },
  'GET /mentors/me': { access: ['mentor'] },
  'PUT /mentors/me': { access: ['mentor'] },
  'GET /mentors/me/projects': { access: ['mentor'] },
  'GET /mentors/me/projects/{projectId}/reports': { access: ['mentor'] },
  'GET /mentors': { access: ['coordinator'] },
  'GET /mentors/{mentorId}': { access: ['coordinator', 'mentor'] },
  'POST /mentors/{mentorId}/conflicts': { access: ['coordinator', 'mentor'] },
  'GET /projects/{projectId}/mentor': { access: ['coordinator'] },
  'PUT /projects/{projectId}/mentor': { access: ['coordinator'] },
  'DELETE /projects/{projectId}/mentor': { access: ['coordinator'] },
  'GET /audit-trail/{aggregateId}': { access: ['coordinator'] },
  'GET /admin/dead-letters': { access: ['admin'] },
  'GET /admin/outbox': { access: ['admin'] },
};

export const reporting: ServiceMatrix = {
  'GET /indicators': { access: ['viewer', 'coordinator'] },
  'GET /indicators/{code}': { access: ['viewer', 'coordinator'] },
  'PATCH /indicators/{code}': { access: ['admin'] },
  'GET /indicators/{code}/history': { access: ['viewer', 'coordinator'] },
  'PUT /indicators/{code}/targets': { access: ['admin'] },
  'GET /indicator-values': { access: ['viewer', 'coordinator'] },
  'GET /results-framework': { access: ['viewer', 'coordinator'] },
  'GET /time-series': { access: ['viewer', 'coordinator'] },
  'GET /funnel': { access: ['viewer', 'coordinator'] },
  'GET /exports/indicator-values': { access: ['viewer', 'coordinator'] },
  'GET /exports/results-framework': { access: ['viewer', 'coordinator'] },
  'GET /exports/time-series': { access: ['viewer', 'coordinator'] },
  'GET /figure-snapshots': { access: ['viewer', 'coordinator'] },
  'GET /figure-snapshots/{snapshotId}': { access: ['viewer', 'coordinator'] },
  'GET /exports/indicator-rows': { access: ['viewer', 'coordinator'] },
  'POST /snapshots': { access: ['coordinator'] },
  'GET /public/indicators': { access: 'public' },
  'GET /public/headline': { access: 'public' },
  'GET /public/map': { access: 'public' },
  'GET /public/breakdown': { access: 'public' },
  'GET /public/exports/headline': { access: 'public' },
  'GET /public/exports/map': { access: 'public' },
  'GET /public/exports/breakdown': { access: 'public' },
  'GET /open-data/iati-activities.xml': { access: 'public' },
  'GET /open-data/360giving.json': { access: 'public' },
  'GET /open-data/grants': { access: 'public' },
  'GET /read-models/progress': { access: ['viewer', 'coordinator'] },
  'POST /admin/rebuild': { access: ['admin'] },
  'GET /admin/rebuild/{rebuildId}': { access: ['admin'] },
  'GET /admin/dead-letters': { access: ['admin'] },
  'GET /admin/outbox': { access: ['admin'] },
};

export const matrices = { competitions, applications, tracking, reporting } as const;

/**
 * Rows that need data of their own: a participant registered in Akmola (`self`), a team they lead in Akmola, and
 * actors scoped to that region, to another one, or to another person or organization. The test makes the data and
 * runs each row; `{participantId}` and `{teamId}` are those of the data.
 */
export const SCOPED_ACTORS = [
  'applicant (self)',
  'applicant (other)',
  'host_org (other)',
  'committee',
  'coordinator (national)',
  'coordinator (akmola)',
  'coordinator (mangystau)',
  'viewer',
  'admin',
] as const;

export type ScopedActor = (typeof SCOPED_ACTORS)[number];

export interface ScopedRow {
  readonly service: 'applications';
  readonly operation: string;
  readonly expect: Readonly<Partial<Record<ScopedActor, number>>>;
  /** Why the row is here (a failure found before, say). */
  readonly note?: string;
}

export const scopedRows: readonly ScopedRow[] = [
  {
    service: 'applications',
    operation: 'GET /participants/{participantId}',
    note: 'a coordinator of another region read a participant, IIN, name and phone included (200); now 403',
    expect: {
      'applicant (self)': 200,
      'applicant (other)': 403,
      'host_org (other)': 403,
      committee: 403,
      'coordinator (national)': 200,
      'coordinator (akmola)': 200,
      'coordinator (mangystau)': 403,
      viewer: 403,
      admin: 200,
    },
  },
  {
    service: 'applications',
    operation: 'GET /participants/{participantId}/personal-data',
    expect: {
      'applicant (self)': 200,
      'applicant (other)': 403,
      'host_org (other)': 403,
      committee: 403,
      'coordinator (national)': 403,
      'coordinator (akmola)': 403,
      'coordinator (mangystau)': 403,
      viewer: 403,
      admin: 200,
    },
  },
  {
    service: 'applications',
    operation: 'DELETE /participants/{participantId}/personal-data',
    expect: {
      'applicant (other)': 403,
      'host_org (other)': 403,
      committee: 403,
      'coordinator (national)': 403,
      'coordinator (akmola)': 403,
      viewer: 403,
    },
  },
  {
    service: 'applications',
    operation: 'GET /teams/{teamId}',
    expect: {
      'applicant (self)': 200,
      'applicant (other)': 403,
      'host_org (other)': 403,
      'coordinator (national)': 200,
      'coordinator (akmola)': 200,
      'coordinator (mangystau)': 403,
      admin: 200,
    },
  },
  {
    service: 'applications',
    operation: 'GET /teams/{teamId}/people',
    note: 'names of the members: the team, its host organization and the region’s staff only',
    expect: {
      'applicant (self)': 200,
      'applicant (other)': 403,
      'host_org (other)': 403,
      'coordinator (national)': 200,
      'coordinator (akmola)': 200,
      'coordinator (mangystau)': 403,
      admin: 200,
    },
  },
  {
    service: 'applications',
    operation: 'POST /teams/{teamId}/invitation-code',
    expect: {
      'applicant (other)': 403,
      'host_org (other)': 403,
      'coordinator (mangystau)': 403,
    },
  },
];
