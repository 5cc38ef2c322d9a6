import { type ChangeContext, ConcurrencyConflict } from '@zhas/messaging';
import { type Tracking } from '../../shared/context';
import { createOnce } from '../../shared/persistence';
import { projectTranches } from '../projects/documents';
import { type ProjectState } from '../projects/domain';
import { type ReportState, unlocksLaterTranches } from '../reports/domain';
import { earnStipend, makeTranchePayable, missingStipendConditions, setStipendRate } from './domain';

/**
 * What an accepted report causes: each member who met the month's conditions earns the month's stipend, and the
 * mid-term report makes the later tranches payable. Every step is create-once or a no-op when already done, so
 * accepting again (a retry after a crash) completes what a first attempt left undone.
 */
export async function applyAcceptedReport(
  tracking: Tracking,
  project: ProjectState,
  report: ReportState,
  context: ChangeContext,
): Promise<void> {
  if (report.status !== 'accepted') return;
  const levels = await tracking.reference.educationLevels(
    report.members.map((member) => member.participantId),
  );
  for (const month of report.members) {
    // Listed members were in the project when the report was submitted.
    if (missingStipendConditions(true, month, true).length > 0) continue;
    const level = levels.get(month.participantId);
    const earned = earnStipend(project, report.projectMonth, month.participantId, level, context.now);
    if (level !== undefined) {
      await createOnce(tracking.stipends, earned.state.stipendId, earned.state, earned.events, context);
      continue;
    }
    // The member's education level has not arrived yet (it comes on another topic). Note the stipend on the
    // member first, then create it, then look at the level again: either this sees the level, or the handler of
    // the level's event (which writes the level, then reads the note) sees the stipend. Never neither.
    await tracking.reference.awaitEducationLevel(month.participantId, earned.state.stipendId);
    await createOnce(tracking.stipends, earned.state.stipendId, earned.state, earned.events, context);
    await settleStipend(tracking, earned.state.stipendId, context);
  }
  if (!unlocksLaterTranches(report, project.durationMonths)) return;
  for (const tranche of await projectTranches(tracking, project)) {
    if (tranche.trancheNumber === 1) continue;
    const current = await tracking.tranches.get(tranche.trancheId);
    if (!current) continue;
    const decided = makeTranchePayable(current.state, 'mid-term-report-accepted', context.now);
    if (decided.events.length > 0)
      await tracking.tranches.update(current.id, current.version, decided.state, decided.events, context);
  }
}

/** A participant's education level arrived: the stipends noted as waiting for it get their amount. */
export async function settleWaitingStipends(
  tracking: Tracking,
  participantId: string,
  correlationId: string,
  causationId: string,
): Promise<void> {
  for (const stipendId of await tracking.reference.stipendsAwaiting(participantId)) {
    await settleStipend(tracking, stipendId, { correlationId, causationId, now: tracking.deps.now() });
  }
}

/** Sets the amount of a stipend waiting for its member's education level, if the level is known by now. */
async function settleStipend(tracking: Tracking, stipendId: string, context: ChangeContext): Promise<void> {
  const stipend = await tracking.stipends.get(stipendId);
  if (stipend?.state.status !== 'awaiting-education-level') return;
  const [project, educationLevel] = await Promise.all([
    tracking.projects.get(stipend.state.projectId),
    tracking.reference.educationLevelOf(stipend.state.participantId),
  ]);
  if (!project) return;
  const decided = setStipendRate(stipend.state, project.state, educationLevel, context.now);
  if (decided.state === stipend.state) return;
  try {
    await tracking.stipends.update(stipend.id, stipend.version, decided.state, decided.events, context);
  } catch (error) {
    // Settled meanwhile by the other side (the report's acceptance or the level's event): nothing left to do.
    if (!(error instanceof ConcurrencyConflict)) throw error;
  }
}
