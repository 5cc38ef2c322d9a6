import { type Actor, Refused, notFound, regionScope, unlessRefused } from '@zhas/domain';
import { type Aggregate, auditOf, handleCommand, handleRequest } from '@zhas/messaging';
import { type PaginationQuery } from '@zhas/service-kit';
import { type Tracking, commandOptions } from '../../shared/context';
import { reportIdOf } from '../../shared/ids';
import { applyAcceptedReport } from '../money/stipends';
import { loadProject, readProject } from '../projects/commands';
import { refuseReportReviewer, refuseReporter } from '../projects/domain';
import * as domain from './domain';
import { type ReportContent, type ReportState } from './domain';
import { findQueue, findReports } from './store';
import { type ReportReturnReason } from '@zhas/contracts';

type Report = Aggregate<ReportState>;

/** The leader submits the month's report, or resubmits a returned one at the same address. */
export async function submit(
  tracking: Tracking,
  actor: Actor,
  projectId: string,
  projectMonth: number,
  content: ReportContent,
  requestId: string,
): Promise<Report> {
  const project = await loadProject(tracking, projectId);
  unlessRefused(refuseReporter(actor, project.state));
  const reportId = reportIdOf(project.state.bidId, projectMonth);
  const { aggregate } = await handleCommand(
    tracking.reports,
    reportId,
    (existing, now) => domain.submitReport(project.state, existing, projectMonth, content, now),
    { ...commandOptions(tracking, requestId, { audit: auditOf(actor, 'report.submitted') }), create: true },
  );
  return aggregate;
}

export async function readReport(tracking: Tracking, actor: Actor, reportId: string): Promise<Report> {
  const found = await loadReport(tracking, reportId);
  await readProject(tracking, actor, found.state.projectId);
  return found;
}

async function loadReport(tracking: Tracking, reportId: string): Promise<Report> {
  const found = await tracking.reports.get(reportId);
  if (!found) throw new Refused(notFound('Report', reportId));
  return found;
}

/**
 * Accepts the report: members who met the month's conditions earn their stipend; the mid-term report makes the
 * later tranches payable. Accepting an accepted report again changes nothing and completes anything a failed
 * first attempt left undone.
 */
export async function accept(
  tracking: Tracking,
  actor: Actor,
  reportId: string,
  { version }: { version: number },
  requestId: string,
): Promise<Report> {
  const current = await loadReport(tracking, reportId);
  const project = await loadProject(tracking, current.state.projectId);
  unlessRefused(refuseReportReviewer(actor, project.state));
  const options = commandOptions(tracking, requestId, { audit: auditOf(actor, 'report.accepted') });
  const accepted =
    current.state.status === 'accepted'
      ? current
      : (
          await handleCommand(tracking.reports, reportId, (report, now) => domain.acceptReport(report, now), {
            ...options,
            expectedVersion: version,
          })
        ).aggregate;
  await applyAcceptedReport(tracking, project.state, accepted.state, options);
  return accepted;
}

export async function returnReport(
  tracking: Tracking,
  actor: Actor,
  reportId: string,
  input: { version: number; reasons: ReportReturnReason[]; note?: string },
  requestId: string,
): Promise<Report> {
  const current = await loadReport(tracking, reportId);
  const project = await loadProject(tracking, current.state.projectId);
  unlessRefused(refuseReportReviewer(actor, project.state));
  const { version, reasons, note } = input;
  // An absent note is left out, not stored as null.
  const returned = { reasons, ...(note === undefined ? {} : { note }) };
  return handleRequest(
    tracking.deps,
    tracking.reports,
    reportId,
    { actor, action: 'report.returned', requestId, expectedVersion: version },
    (report, now) => domain.returnReport(report, returned, now),
  );
}

/** A project's reports, for those who may read the project. */
export async function listReports(
  tracking: Tracking,
  actor: Actor,
  projectId: string,
  query: PaginationQuery & { status?: ReportState['status'] },
) {
  await readProject(tracking, actor, projectId);
  return findReports(tracking, projectId, query.status, query);
}

/** Reports across the projects of the reader's regions, e.g. `status=submitted`: what waits for a review. */
export async function listReportQueue(
  tracking: Tracking,
  actor: Actor,
  query: PaginationQuery & {
    roundId?: string;
    region?: readonly string[];
    status?: readonly ReportState['status'][];
  },
) {
  const { roundId, region, status } = query;
  return findQueue(tracking, { roundId, region: regionScope(actor, region), status }, query);
}
