import { budgetLinesSchema, idSchema, kztSchema, reportReturnReasons, sexSchema } from '@zhas/contracts';
import { idempotencyKeyHeader, paginatedResponse, paginationQuery, problems } from '@zhas/service-kit';
import { z } from 'zod';
import { type Tracking } from '../../shared/context';
import { createOnce, load, requireVersion, saveChange } from '../../shared/persistence';
import { listPage } from '../../shared/lists';
import { reportIdOf } from '../../shared/ids';
import { applyAcceptedReport } from '../money/stipends';
import { requireLeader, requireProjectReader, requireReportReviewer } from '../projects/domain';
import { contextOf, loadProject, readableProject } from '../projects/routes';
import { acceptReport, beneficiaryAgeBands, type ReportState, returnReport, submitReport } from './domain';

const instant = z.iso.datetime();

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

export function declareReportRoutes(tracking: Tracking): void {
  const { api } = tracking.deps;
  const report = api.schema('Report', reportView);
  const withVersion = <S>(aggregate: { state: S; version: number }) => ({
    ...aggregate.state,
    version: aggregate.version,
  });

  api.route({
    method: 'post',
    path: '/projects/{projectId}/reports/{projectMonth}',
    summary: "Submit (or resubmit) a month's report",
    description:
      "The team leader reports the month's activities, beneficiaries by sex and age band, expenses by budget line " +
      'and, for each member still in the project, the mentor session, training and survey. A returned report is ' +
      'corrected and submitted again at the same address.',
    tags: ['reports'],
    auth: { roles: ['applicant'] },
    params: z.object({ projectId: idSchema, projectMonth: z.coerce.number().int().min(1).max(12) }),
    headers: idempotencyKeyHeader,
    body: reportContent,
    responses: { 201: { description: 'The submitted report', schema: report } },
    handler: ({ params, headers, body, principal, requestId }) =>
      tracking.deps.idempotent(
        {
          scope: `report-submit:${principal.subject}`,
          key: headers['Idempotency-Key'],
          payload: { params, body },
        },
        async () => {
          const now = tracking.deps.now();
          const project = await loadProject(tracking, params.projectId);
          requireLeader(principal, project.state);
          const reportId = reportIdOf(project.state.bidId, params.projectMonth);
          const existing = await tracking.reports.get(reportId);
          const { state, events } = submitReport(
            project.state,
            existing?.state,
            params.projectMonth,
            body,
            now,
          );
          const context = contextOf(requestId, now);
          const saved = existing
            ? await saveChange(tracking.reports, existing, state, events, context)
            : await createOnce(tracking.reports, reportId, state, events, context);
          // Two first submissions raced: the other one won.
          if (!saved)
            throw problems.conflict(
              '/problems/report-exists',
              `The report of month ${params.projectMonth} was just submitted.`,
            );
          return { status: 201 as const, body: withVersion(saved) };
        },
      ),
  });

  api.route({
    method: 'get',
    path: '/projects/{projectId}/reports',
    summary: "List a project's reports",
    tags: ['reports'],
    auth: { roles: ['coordinator', 'viewer', 'host_org', 'applicant'] },
    params: z.object({ projectId: idSchema }),
    query: paginationQuery.extend({ status: z.enum(['submitted', 'accepted', 'returned']).optional() }),
    responses: { 200: { description: 'A page of reports', schema: paginatedResponse(report) } },
    handler: async ({ params, query, principal }) => {
      await readableProject(tracking, principal, params.projectId);
      const found = await listPage(
        tracking.reports.collection,
        { projectId: params.projectId, ...(query.status === undefined ? {} : { status: query.status }) },
        query,
      );
      const items = found.items as unknown as (ReportState & { version: number })[];
      return { status: 200, body: { items, nextCursor: found.nextCursor } };
    },
  });

  api.route({
    method: 'get',
    path: '/reports/{reportId}',
    summary: 'Get a report',
    tags: ['reports'],
    auth: { roles: ['coordinator', 'viewer', 'host_org', 'applicant'] },
    params: z.object({ reportId: idSchema }),
    responses: { 200: { description: 'The report', schema: report } },
    handler: async ({ params, principal }) => {
      const current = await load(tracking.reports, 'Report', params.reportId);
      const project = await loadProject(tracking, current.state.projectId);
      requireProjectReader(principal, project.state);
      return { status: 200, body: withVersion(current) };
    },
  });

  api.route({
    method: 'post',
    path: '/reports/{reportId}/accept',
    summary: 'Accept a submitted report',
    description:
      "Members who met the month's conditions earn their stipend; the mid-term report makes tranche 2 payable. " +
      'Accepting an accepted report again changes nothing and completes anything a failed first attempt left undone.',
    tags: ['reports'],
    auth: { roles: ['host_org', 'coordinator'] },
    params: z.object({ reportId: idSchema }),
    body: z.object({ version: z.int().min(1) }),
    responses: { 200: { description: 'The accepted report', schema: report } },
    handler: async ({ params, body, principal, requestId }) => {
      const now = tracking.deps.now();
      const current = await load(tracking.reports, 'Report', params.reportId);
      const project = await loadProject(tracking, current.state.projectId);
      requireReportReviewer(principal, project.state);
      const context = contextOf(requestId, now);
      if (current.state.status === 'accepted') {
        await applyAcceptedReport(tracking, project.state, current.state, context);
        return { status: 200, body: withVersion(current) };
      }
      requireVersion(current, body.version);
      const { state, events } = acceptReport(current.state, now);
      const saved = await saveChange(tracking.reports, current, state, events, context);
      await applyAcceptedReport(tracking, project.state, saved.state, context);
      return { status: 200, body: withVersion(saved) };
    },
  });

  api.route({
    method: 'post',
    path: '/reports/{reportId}/return',
    summary: 'Return a submitted report for corrections',
    tags: ['reports'],
    auth: { roles: ['host_org', 'coordinator'] },
    params: z.object({ reportId: idSchema }),
    body: z.object({
      version: z.int().min(1),
      reasons: z
        .array(z.enum(reportReturnReasons))
        .min(1)
        .refine((reasons) => new Set(reasons).size === reasons.length, { message: 'Reasons must be unique' }),
      note: z.string().trim().min(1).max(2000).optional(),
    }),
    responses: { 200: { description: 'The returned report', schema: report } },
    handler: async ({ params, body, principal, requestId }) => {
      const now = tracking.deps.now();
      const current = await load(tracking.reports, 'Report', params.reportId);
      const project = await loadProject(tracking, current.state.projectId);
      requireReportReviewer(principal, project.state);
      requireVersion(current, body.version);
      const { state, events } = returnReport(
        current.state,
        { reasons: body.reasons, ...(body.note === undefined ? {} : { note: body.note }) },
        now,
      );
      const saved = await saveChange(tracking.reports, current, state, events, contextOf(requestId, now));
      return { status: 200, body: withVersion(saved) };
    },
  });
}
