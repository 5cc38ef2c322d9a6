import { idSchema } from '@zhas/contracts';
import { regionIdSchema } from '@zhas/kz';
import {
  type Api,
  changeHandler,
  idempotencyKeyHeader,
  listFilters,
  once,
  pageHandler,
  paginatedResponse,
  paginationQuery,
  queryList,
  readHandler,
} from '@zhas/service-kit';
import { z } from 'zod';
import { type CompetitionsContext } from '../../shared/context';
import * as commands from './commands';
import { hostApplicationStatuses } from './domain';
import { declareReviewRoutes } from './review-routes';
import {
  applicationAnswer,
  applicationParams,
  applicationStarted,
  editBody,
  hostApplicationView,
  hostApplicationViewSchema,
  startBody,
  versionBody,
} from './views';

const APPLICANT = { roles: ['host_org', 'coordinator'] } as const;
const tags = ['host-applications'];

export function declareRoutes(api: Api, app: CompetitionsContext): void {
  const application = api.schema('HostApplication', hostApplicationViewSchema);

  api.route({
    method: 'post',
    path: '/rounds/{roundId}/host-applications',
    summary: 'Start a host-organization application',
    description:
      'A draft in a region of a published round, for an organization registered with POST /organizations. ' +
      'One application per organization and round: a second one is a 409 naming the first.',
    tags,
    auth: APPLICANT,
    params: z.object({ roundId: idSchema }),
    body: startBody,
    responses: {
      201: { description: 'The draft application', schema: application },
      422: { description: 'The round does not run in that region' },
    },
    handler: changeHandler(app, 'roundId', commands.startApplication, applicationStarted),
  });

  api.route({
    method: 'patch',
    path: '/host-applications/{hostApplicationId}',
    summary: 'Save a draft application',
    description: 'Replaces the facts given and, optionally, the region. Send the `version` you edited.',
    tags,
    auth: APPLICANT,
    params: applicationParams,
    body: editBody,
    responses: {
      200: { description: 'The draft', schema: application },
      422: { description: 'The round does not run in that region' },
    },
    handler: changeHandler(app, 'hostApplicationId', commands.editApplication, applicationAnswer),
  });

  api.route({
    method: 'post',
    path: '/host-applications/{hostApplicationId}/submit',
    summary: 'Submit an application',
    description:
      'Within the host-organization window only (409 /problems/outside-window with the `deadline`), with every ' +
      'fact (422 /problems/incomplete-application). Eligibility is decided at once, with a reason for each ' +
      'failed condition; publishes `submitted` and `eligibility-decided`.',
    tags,
    auth: APPLICANT,
    rateLimit: 'submission',
    params: applicationParams,
    headers: idempotencyKeyHeader,
    body: versionBody,
    responses: {
      200: { description: 'The submitted application with its eligibility', schema: application },
      422: { description: 'Facts are missing' },
    },
    handler: (request) =>
      once(
        app,
        'host-application-submit',
        request,
        changeHandler(app, 'hostApplicationId', commands.submitApplication, applicationAnswer),
      ),
  });

  api.route({
    method: 'post',
    path: '/host-applications/{hostApplicationId}/withdraw',
    summary: 'Withdraw an application',
    description:
      'Before the selection in its region is confirmed; publishes `withdrawn` if it had been submitted.',
    tags,
    auth: APPLICANT,
    params: applicationParams,
    headers: idempotencyKeyHeader,
    body: versionBody,
    responses: { 200: { description: 'The withdrawn application', schema: application } },
    handler: (request) =>
      once(
        app,
        'host-application-withdraw',
        request,
        changeHandler(app, 'hostApplicationId', commands.withdrawApplication, applicationAnswer),
      ),
  });

  declareReviewRoutes(api, app, application);

  api.route({
    method: 'get',
    path: '/host-applications/{hostApplicationId}',
    summary: 'Get an application',
    description:
      'Organizations see their own; committee members and viewers the submitted ones in their regions; ' +
      "coordinators all, with each member's scores.",
    tags,
    auth: { roles: ['host_org', 'committee', 'coordinator', 'viewer'] },
    params: applicationParams,
    responses: { 200: { description: 'The application', schema: application } },
    handler: readHandler(app, 'hostApplicationId', commands.readApplication, applicationAnswer),
  });

  api.route({
    method: 'get',
    path: '/host-applications',
    summary: 'List applications',
    description:
      'Oldest first, filtered by round, region, status and organization, and always by what the caller may see ' +
      '(its own organization; submitted ones in its regions for committee members and viewers).',
    tags,
    auth: { roles: ['host_org', 'committee', 'coordinator', 'viewer'] },
    query: paginationQuery.extend({
      ...listFilters.round,
      region: queryList(regionIdSchema).optional(),
      ...listFilters.status(hostApplicationStatuses),
      hostOrganizationId: idSchema.optional(),
    }),
    responses: { 200: { description: 'A page of applications', schema: paginatedResponse(application) } },
    handler: pageHandler(app, commands.listApplications, hostApplicationView),
  });
}
