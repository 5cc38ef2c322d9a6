import { surveyWaves } from '@zhas/contracts';
import { findByIds } from '@zhas/messaging';
import { type PaginationQuery, findPage, listFilter, matchesNothing } from '@zhas/service-kit';
import { type Tracking } from '../../shared/context';
import { reportIdOf, stipendIdOf, surveyIdOf, trancheIdOf } from '../../shared/ids';
import { type ReportState } from '../reports/domain';
import { type StipendState, type TrancheState } from '../money/domain';
import { type SurveyState } from './surveys';
import { type ProjectState, type ProjectStatus } from './domain';
import { type ProjectListScope } from './policy';

/** Lists filter on these; all are plain (compound) indexes, which FerretDB and MongoDB both have. */
export async function ensureIndexes(tracking: Tracking): Promise<void> {
  await Promise.all([
    tracking.projects.collection.createIndex({ region: 1, status: 1 }),
    tracking.projects.collection.createIndex({ hostOrganizationId: 1 }),
    tracking.projects.collection.createIndex({ memberParticipantIds: 1 }),
    tracking.surveys.collection.createIndex({ projectId: 1 }),
  ]);
}

/** A page of the projects in the scope (regions already narrowed to the reader's), by round, region and status. */
export async function findProjects(
  tracking: Tracking,
  scope: ProjectListScope,
  filters: { roundId?: string; regions?: readonly string[]; status?: readonly ProjectStatus[] },
  query: PaginationQuery,
) {
  const own =
    scope.kind === 'regions'
      ? {}
      : {
          $or: [
            ...(scope.hostOrganizationId ? [{ hostOrganizationId: scope.hostOrganizationId }] : []),
            ...(scope.participantId ? [{ memberParticipantIds: scope.participantId }] : []),
          ],
        };
  const found = await findPage(
    tracking.projects.collection,
    listFilter(
      { roundId: filters.roundId, region: filters.regions, status: filters.status },
      own.$or?.length === 0 ? matchesNothing : own,
    ),
    query,
  );
  return { ...found, items: found.items.map((doc) => tracking.projects.aggregateOf(doc)) };
}

// A project's tranches, reports and surveys have ids derived from its bid, month, member and wave, so they are read
// by id rather than by a `projectId` filter: on the embedded FerretDB a filter reads the whole collection, and these
// reads happen on every report acceptance and completion.

type Versioned<S> = S & { version: number };

/** The tranches of the signed agreement, in payment order (none before signing). */
export function projectTranches(tracking: Tracking, project: ProjectState) {
  const ids = (project.agreement?.tranches ?? []).map((tranche) =>
    trancheIdOf(project.bidId, tranche.trancheNumber),
  );
  return findByIds<Versioned<TrancheState>>(tracking.tranches.collection, ids);
}

/** The reports submitted so far, by project month. */
export function projectReports(tracking: Tracking, project: ProjectState) {
  const ids = Array.from({ length: project.durationMonths }, (_, index) =>
    reportIdOf(project.bidId, index + 1),
  );
  return findByIds<Versioned<ReportState>>(tracking.reports.collection, ids);
}

/** The surveys taken so far, member by member, wave by wave. */
export function projectSurveys(tracking: Tracking, project: ProjectState) {
  const ids = project.memberParticipantIds.flatMap((participantId) =>
    surveyWaves.map((wave) => surveyIdOf(project.bidId, participantId, wave)),
  );
  return findByIds<Versioned<SurveyState>>(tracking.surveys.collection, ids);
}

/** The stipends earned so far, month by month, member by member. */
export function projectStipends(tracking: Tracking, project: ProjectState) {
  const ids = Array.from({ length: project.durationMonths }, (_, index) => index + 1).flatMap((month) =>
    project.memberParticipantIds.map((participantId) => stipendIdOf(project.bidId, month, participantId)),
  );
  return findByIds<Versioned<StipendState>>(tracking.stipends.collection, ids);
}
