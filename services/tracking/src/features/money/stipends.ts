import { noChange } from '@zhas/domain';
import { type CommandOptions, handleCommand } from '@zhas/messaging';
import { type Tracking, commandOptions } from '../../shared/context';
import { projectTranches } from '../projects/store';
import { type ProjectState } from '../projects/domain';
import { type ReportState, unlocksLaterTranches } from '../reports/domain';
import { earnStipend, makeTranchePayable, missingStipendConditions, setStipendRate } from './domain';

/**
 * What an accepted report causes: each member who met the month's conditions earns the month's stipend, and the
 * mid-term report makes the later tranches payable. Every step creates its document once or changes nothing when
 * already done, so accepting again (a retry after a crash) completes what a first attempt left undone.
 */
export async function applyAcceptedReport(
  tracking: Tracking,
  project: ProjectState,
  report: ReportState,
  options: CommandOptions,
): Promise<void> {
  if (report.status !== 'accepted') return;
  const levels = await tracking.reference.educationLevels(
    report.members.map((member) => member.participantId),
  );
  for (const month of report.members) {
    // Listed members were in the project when the report was submitted.
    if (missingStipendConditions(true, month, true).length > 0) continue;
    const level = levels.get(month.participantId);
    const earned = earnStipend(project, report.projectMonth, month.participantId, level, options.now());
    if (earned.kind !== 'change') continue;
    const { stipendId } = earned.state;
    const create = () =>
      handleCommand(
        tracking.stipends,
        stipendId,
        (existing, now) =>
          existing ? noChange : earnStipend(project, report.projectMonth, month.participantId, level, now),
        { ...options, create: true },
      );
    if (level !== undefined) {
      await create();
      continue;
    }
    // The member's education level has not arrived yet (it comes on another topic). Note the stipend on the
    // member first, then create it, then look at the level again: either this sees the level, or the handler of
    // the level's event (which writes the level, then reads the note) sees the stipend. Never neither.
    await tracking.reference.awaitEducationLevel(month.participantId, stipendId);
    await create();
    await settleStipend(tracking, stipendId, options);
  }
  if (!unlocksLaterTranches(report, project.durationMonths)) return;
  for (const tranche of await projectTranches(tracking, project)) {
    if (tranche.trancheNumber === 1) continue;
    await handleCommand(
      tracking.tranches,
      tranche.trancheId,
      (current, now) => makeTranchePayable(current, 'mid-term-report-accepted', now),
      options,
    );
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
    await settleStipend(tracking, stipendId, commandOptions(tracking, correlationId, { causationId }));
  }
}

/**
 * Sets the amount of a stipend waiting for its member's education level, if the level is known by now. Settled
 * meanwhile by the other side (the report's acceptance or the level's event), it is decided again and left alone.
 */
async function settleStipend(tracking: Tracking, stipendId: string, options: CommandOptions): Promise<void> {
  const stipend = await tracking.stipends.get(stipendId);
  if (stipend?.state.status !== 'awaiting-education-level') return;
  const [project, educationLevel] = await Promise.all([
    tracking.projects.get(stipend.state.projectId),
    tracking.reference.educationLevelOf(stipend.state.participantId),
  ]);
  if (!project) return;
  await handleCommand(
    tracking.stipends,
    stipendId,
    (current, now) => setStipendRate(current, project.state, educationLevel, now),
    options,
  );
}
