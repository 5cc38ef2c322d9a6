import {
  budgetLinesSchema,
  idSchema,
  instantSchema,
  kztSchema,
  reportReturnReasons,
  sexSchema,
} from '@zhas/contracts';
import {
  type Api,
  changeHandler,
  idempotencyKeyHeader,
  listFilters,
  ok,
  once,
  pageHandler,
  pageOf,
  paginatedResponse,
  paginationQuery,
  readHandler,
  versioned as view,
} from '@zhas/service-kit';
import { z } from 'zod';
import { type Tracking } from '../../shared/context';
import * as commands from './commands';
import { beneficiaryAgeBands } from './domain';

const instant = instantSchema;

const memberMonth = z.object({
  participantId: idSchema,
  mentorSessionAttended: z.boolean(),
  trainingCompleted: z.boolean(),
  surveyCompleted: z.boolean(),
});

const reportContent = z.object({
  activitiesHeld: z.int().nonnegative().max(1000),
  activities: z.array(z.string().trim().min(1).max(500)).max(50).default([]),
  beneficiaries: z
    .array(
      z.object({
        sex: sexSchema,
        ageBand: z.enum(beneficiaryAgeBands),
        count: z.int().nonnegative().max(1_000_000),
      }),
    )
    .max(beneficiaryAgeBands.length * 2)
    .refine(
      (groups) => new Set(groups.map((group) => `${group.sex}:${group.ageBand}`)).size === groups.length,
      { message: 'Each sex and age band appears once' },
    ),
  expenses: budgetLinesSchema,
  commercialIncomeKzt: kztSchema.default(0),
  members: z.array(memberMonth).min(1).max(20),
});

export const reportView = reportContent.extend({
  reportId: idSchema,
  version: z.int(),
  projectId: idSchema,
  roundId: idSchema,
  region: z.string(),
  kind: z.enum(['monthly', 'mid-term', 'final']),
  projectMonth: z.int(),
  status: z.enum(['submitted', 'accepted', 'returned']),
  submissionNumber: z.int(),
  submittedAt: instant,
  acceptedAt: instant.optional(),
  returns: z.array(
    z.object({
      reasons: z.array(z.enum(reportReturnReasons)),
      note: z.string().optional(),
      returnedAt: instant,
    }),
  ),
});

const reportParams = z.object({ reportId: idSchema });
const READERS = { roles: ['coordinator', 'viewer', 'host_org', 'applicant'] } as const;
const REVIEWERS = { roles: ['host_org', 'coordinator'] } as const;
const tags = ['reports'];

export function declareRoutes(api: Api, tracking: Tracking): void {
  const report = api.schema('Report', reportView);

  api.route({
    method: 'post',
    path: '/projects/{projectId}/reports/{projectMonth}',
    summary: "Submit (or resubmit) a month's report",
    description:
      "The team leader reports the month's activities, beneficiaries by sex and age band, expenses by budget line " +
      'and, for each member still in the project, the mentor session, training and survey. A returned report is ' +
      'corrected and submitted again at the same address.',
    tags,
    auth: { roles: ['applicant'] },
    rateLimit: 'submission',
    params: z.object({ projectId: idSchema, projectMonth: z.coerce.number().int().min(1).max(12) }),
    headers: idempotencyKeyHeader,
    body: reportContent,
    responses: { 201: { description: 'The submitted report', schema: report } },
    handler: (request) =>
      once(tracking.deps, 'report-submit', request, async ({ params, body, principal, requestId }) => ({
        status: 201 as const,
        body: view(
          await commands.submit(tracking, principal, params.projectId, params.projectMonth, body, requestId),
        ),
      })),
  });

  api.route({
    method: 'get',
    path: '/projects/{projectId}/reports',
    summary: "List a project's reports",
    tags,
    auth: READERS,
    params: z.object({ projectId: idSchema }),
    query: paginationQuery.extend({ status: z.enum(['submitted', 'accepted', 'returned']).optional() }),
    responses: { 200: { description: 'A page of reports', schema: paginatedResponse(report) } },
    handler: async ({ params, query, principal }) =>
      pageOf(await commands.listReports(tracking, principal, params.projectId, query), view),
  });

  api.route({
    method: 'get',
    path: '/reports',
    summary: 'List reports across projects',
    description:
      "Coordinators and viewers of the reports' regions, oldest submission first: `?status=submitted` is the queue " +
      'of reports waiting for a review.',
    tags,
    auth: { roles: ['coordinator', 'viewer'] },
    query: paginationQuery.extend({
      ...listFilters.round,
      ...listFilters.region,
      ...listFilters.status(['submitted', 'accepted', 'returned'] as const),
    }),
    responses: { 200: { description: 'A page of reports', schema: paginatedResponse(report) } },
    handler: pageHandler(tracking, commands.listReportQueue, view),
  });

  api.route({
    method: 'get',
    path: '/reports/{reportId}',
    summary: 'Get a report',
    tags,
    auth: READERS,
    params: reportParams,
    responses: { 200: { description: 'The report', schema: report } },
    handler: readHandler(tracking, 'reportId', commands.readReport, ok),
  });

  api.route({
    method: 'post',
    path: '/reports/{reportId}/accept',
    summary: 'Accept a submitted report',
    description:
      "Members who met the month's conditions earn their stipend; the mid-term report makes tranche 2 payable. " +
      'Accepting an accepted report again changes nothing and completes anything a failed first attempt left undone.',
    tags,
    auth: REVIEWERS,
    params: reportParams,
    body: z.object({ version: z.int().min(1) }),
    responses: { 200: { description: 'The accepted report', schema: report } },
    handler: changeHandler(tracking, 'reportId', commands.accept, ok),
  });

  api.route({
    method: 'post',
    path: '/reports/{reportId}/return',
    summary: 'Return a submitted report for corrections',
    tags,
    auth: REVIEWERS,
    params: reportParams,
    body: z.object({
      version: z.int().min(1),
      reasons: z
        .array(z.enum(reportReturnReasons))
        .min(1)
        .refine((reasons) => new Set(reasons).size === reasons.length, { message: 'Reasons must be unique' })
        .meta({ uniqueItems: true }),
      note: z.string().trim().min(1).max(2000).optional(),
    }),
    responses: { 200: { description: 'The returned report', schema: report } },
    handler: changeHandler(tracking, 'reportId', commands.returnReport, ok),
  });
}
