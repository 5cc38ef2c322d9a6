import { type Actor, Refused, forbidden, hasRole, notFound, refuse, regionScope } from '@zhas/domain';
import {
  type Aggregate,
  type ChangeRequest,
  auditOf,
  findByIds,
  handleCommand,
  handleRequest,
} from '@zhas/messaging';
import { type PaginationQuery } from '@zhas/service-kit';
import { type Tracking, commandOptions } from '../../shared/context';
import { mentorIdOf } from '../../shared/ids';
import { projectReports } from '../projects/store';
import { type ProjectState } from '../projects/domain';
import * as domain from './domain';
import {
  type MentorConflictReason,
  type MentorDecision,
  type MentorProfile,
  type MentorState,
  type ProjectFacts,
} from './domain';
import { canReadMentor, isTheMentor } from './policy';

type Mentor = Aggregate<MentorState>;

type Project = ProjectFacts & ProjectState;

async function projectFacts(tracking: Tracking, projectId: string): Promise<Project> {
  const project = await tracking.projects.get(projectId);
  if (!project) throw new Refused(notFound('Project', projectId));
  return project.state;
}

/**
 * A request's change to a mentor about a project: the project's facts are read first, then the change runs on the
 * mentor named, or on the project's current mentor when none is named.
 */
async function changeMentor(
  tracking: Tracking,
  about: { readonly projectId: string; readonly mentorId?: string },
  request: ChangeRequest,
  decide: (mentor: MentorState, project: Project, now: Date) => MentorDecision | Promise<MentorDecision>,
): Promise<Mentor> {
  const project = await projectFacts(tracking, about.projectId);
  const mentorId = about.mentorId ?? (await tracking.mentors.mentorOf(about.projectId))?.mentorId;
  if (!mentorId) throw new Refused(notFound('Mentor of project', about.projectId));
  return handleRequest(tracking.deps, tracking.mentors.store, mentorId, request, (mentor, now) =>
    decide(mentor, project, now),
  );
}

/** The mentor (role `mentor`) registers or changes their own profile. */
export async function saveOwnProfile(
  tracking: Tracking,
  actor: Actor,
  profile: MentorProfile,
  requestId: string,
): Promise<Mentor> {
  const mentorId = mentorIdOf(actor.subject);
  const { aggregate } = await handleCommand(
    tracking.mentors.store,
    mentorId,
    (existing, now) =>
      domain.saveProfile(actor, { actorMentorId: mentorId, mentorId }, profile, existing, now),
    {
      ...commandOptions(tracking, requestId, { audit: auditOf(actor, 'mentor.profile-saved') }),
      create: true,
    },
  );
  return aggregate;
}

export async function readOwn(tracking: Tracking, actor: Actor): Promise<Mentor> {
  const found = await tracking.mentors.store.get(mentorIdOf(actor.subject));
  if (!found) {
    throw new Refused(refuse('mentor-not-registered', 'Fill in your mentor profile first.'));
  }
  return found;
}

export async function readMentor(tracking: Tracking, actor: Actor, mentorId: string): Promise<Mentor> {
  const found = await tracking.mentors.store.get(mentorId);
  if (!found) throw new Refused(notFound('Mentor', mentorId));
  if (!canReadMentor(actor, found.state) && !isTheMentor(actor, mentorIdOf(actor.subject), mentorId)) {
    throw new Refused(forbidden('This mentor works outside your regions.'));
  }
  return found;
}

/** The registry for coordinators: mentors of their regions (or of the regions asked for), by expertise. */
export function listMentors(
  tracking: Tracking,
  actor: Actor,
  query: PaginationQuery & { region?: readonly string[]; expertise?: readonly string[] },
) {
  if (!hasRole(actor, 'coordinator')) throw new Refused(forbidden('Coordinators read the registry.'));
  return tracking.mentors.list(
    { regions: regionScope(actor, query.region), expertise: query.expertise },
    query,
  );
}

export async function assignMentor(
  tracking: Tracking,
  actor: Actor,
  projectId: string,
  { mentorId }: { mentorId: string },
  requestId: string,
): Promise<Mentor> {
  return changeMentor(
    tracking,
    { projectId, mentorId },
    { actor, action: 'mentor.assigned', requestId },
    async (mentor, project, now) =>
      domain.assign(actor, mentor, project, (await tracking.mentors.mentorOf(projectId))?.mentorId, now),
  );
}

export async function unassignMentor(
  tracking: Tracking,
  actor: Actor,
  projectId: string,
  requestId: string,
): Promise<void> {
  await changeMentor(
    tracking,
    { projectId },
    { actor, action: 'mentor.unassigned', requestId },
    (mentor, project, now) => domain.unassign(actor, mentor, project, now),
  );
}

export async function declareConflict(
  tracking: Tracking,
  actor: Actor,
  mentorId: string,
  { projectId, reason }: { projectId: string; reason: MentorConflictReason },
  requestId: string,
): Promise<Mentor> {
  return changeMentor(
    tracking,
    { projectId, mentorId },
    { actor, action: 'mentor.conflict-declared', requestId },
    (mentor, project, now) =>
      domain.declareConflict(actor, mentorIdOf(actor.subject), mentor, project, reason, now),
  );
}

/** The project's mentor, for coordinators of its region. */
export async function mentorOfProject(tracking: Tracking, actor: Actor, projectId: string) {
  const project = await projectFacts(tracking, projectId);
  if (!hasRole(actor, 'coordinator') || regionScope(actor, [project.region])?.length === 0) {
    throw new Refused(forbidden('For coordinators of the project region.'));
  }
  return (await tracking.mentors.mentorOf(projectId)) ?? null;
}

/** The projects the mentor accompanies, each with where its monthly reports stand. */
export async function ownProjects(tracking: Tracking, actor: Actor) {
  const mentor = await readOwn(tracking, actor);
  const projects = await findByIds<ProjectState>(
    tracking.projects.collection,
    mentor.state.projects.map((assignment) => assignment.projectId),
  );
  return Promise.all(
    projects.map(async (project) => {
      const reports = await projectReports(tracking, project);
      return {
        projectId: project.projectId,
        roundId: project.roundId,
        region: project.region,
        status: project.status,
        durationMonths: project.durationMonths,
        memberCount: project.members.filter((member) => member.active).length,
        startsOn: project.agreement?.startsOn ?? null,
        reports: reports.map((report) => ({
          reportId: report.reportId,
          projectMonth: report.projectMonth,
          kind: report.kind,
          status: report.status,
        })),
      };
    }),
  );
}

/** A project's reports, for the mentor who accompanies it. */
export async function ownProjectReports(tracking: Tracking, actor: Actor, projectId: string) {
  const mentor = await readOwn(tracking, actor);
  if (!mentor.state.projects.some((assignment) => assignment.projectId === projectId)) {
    throw new Refused(forbidden('You do not accompany this project.'));
  }
  const project = await projectFacts(tracking, projectId);
  return projectReports(tracking, project);
}
