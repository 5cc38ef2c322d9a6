import {
  type MentorExpertise,
  mentorAssignedV1,
  mentorProfileUpdatedV1,
  mentorRegisteredV1,
  mentorUnassignedV1,
} from '@zhas/contracts';
import { type Actor, type Decision, change, forbidden, noChange, refuse } from '@zhas/domain';
import { type TrackingError } from '../../shared/errors';
import { canAssignMentors, isTheMentor } from './policy';

// Mentors (docs/architecture.md, "The grant cycle", step 6): people who accompany awarded teams month by month. A
// mentor keeps their own profile (name and contacts stay here; regions, expertise and capacity are published), a
// coordinator of the project's region assigns them to awarded projects under the conflict rule: no mentor for a team
// one of whose members they are related to, nor for a team of a host organization they work for.

export const mentorConflictReasons = ['relative-of-member', 'works-for-host-organization', 'other'] as const;
export type MentorConflictReason = (typeof mentorConflictReasons)[number];

export type MentorProfile = {
  readonly fullName: string;
  readonly phone: string;
  readonly email: string;
  readonly regions: readonly string[];
  readonly expertise: readonly MentorExpertise[];
  readonly capacity: number;
  /** Host organizations the mentor works for: their teams are never theirs to mentor. */
  readonly employerHostOrganizationIds: readonly string[];
};

export type MentorAssignment = {
  readonly projectId: string;
  readonly roundId: string;
  readonly region: string;
  readonly assignedAt: string;
};

export type MentorConflict = {
  readonly projectId: string;
  readonly reason: MentorConflictReason;
  /** Who declared it: the mentor themself, or a coordinator recording what they learned. */
  readonly declaredBy: 'mentor' | 'coordinator';
  readonly declaredAt: string;
};

export type MentorState = MentorProfile & {
  readonly mentorId: string;
  readonly projects: readonly MentorAssignment[];
  readonly conflicts: readonly MentorConflict[];
  readonly registeredAt: string;
};

/** What an assignment needs to know of the project. */
export type ProjectFacts = {
  readonly projectId: string;
  readonly roundId: string;
  readonly region: string;
  readonly hostOrganizationId?: string;
  readonly status: 'opened' | 'active' | 'completed' | 'terminated';
};

export type MentorDecision = Decision<MentorState, TrackingError>;

const published = (mentor: Pick<MentorState, 'mentorId' | 'regions' | 'expertise' | 'capacity'>) => ({
  mentorId: mentor.mentorId,
  regions: [...mentor.regions],
  expertise: [...mentor.expertise],
  capacity: mentor.capacity,
});

/** The mentor registers or changes their profile; the capacity never drops below the projects they have. */
export function saveProfile(
  actor: Actor,
  ids: { readonly actorMentorId: string; readonly mentorId: string },
  profile: MentorProfile,
  existing: MentorState | undefined,
  now: Date,
): MentorDecision {
  if (!isTheMentor(actor, ids.actorMentorId, ids.mentorId)) {
    return forbidden('Mentors keep their own profile.');
  }
  const at = now.toISOString();
  if (!existing) {
    const created: MentorState = {
      ...profile,
      mentorId: ids.mentorId,
      projects: [],
      conflicts: [],
      registeredAt: at,
    };
    return change(created, [
      { definition: mentorRegisteredV1, data: { ...published(created), registeredAt: at } },
    ]);
  }
  if (profile.capacity < existing.projects.length) {
    return refuse(
      'mentor-capacity-below-load',
      `You accompany ${existing.projects.length} projects; your capacity cannot be fewer.`,
      { projects: existing.projects.length },
    );
  }
  const next: MentorState = { ...existing, ...profile };
  if (JSON.stringify(next) === JSON.stringify(existing)) return noChange;
  const publishedChanged = JSON.stringify(published(next)) !== JSON.stringify(published(existing));
  return change(
    next,
    publishedChanged
      ? [{ definition: mentorProfileUpdatedV1, data: { ...published(next), updatedAt: at } }]
      : [],
  );
}

/** The conflict rule: the reason the mentor may not accompany the project, if there is one. */
export function conflictWith(
  mentor: Pick<MentorState, 'employerHostOrganizationIds' | 'conflicts'>,
  project: Pick<ProjectFacts, 'projectId' | 'hostOrganizationId'>,
): MentorConflictReason | undefined {
  if (
    project.hostOrganizationId !== undefined &&
    mentor.employerHostOrganizationIds.includes(project.hostOrganizationId)
  ) {
    return 'works-for-host-organization';
  }
  return mentor.conflicts.find((conflict) => conflict.projectId === project.projectId)?.reason;
}

/**
 * A coordinator of the project's region assigns the mentor to an awarded project that is running, under the
 * conflict rule, within the mentor's regions and capacity, and only when the project has no other mentor.
 */
export function assign(
  actor: Actor,
  mentor: MentorState,
  project: ProjectFacts,
  /** The project's current mentor, if another one has it. */
  currentMentorId: string | undefined,
  now: Date,
): MentorDecision {
  if (!canAssignMentors(actor, project.region)) {
    return forbidden(`Only a coordinator of region ${project.region} assigns its mentors.`);
  }
  if (mentor.projects.some((assignment) => assignment.projectId === project.projectId)) return noChange;
  if (project.status !== 'opened' && project.status !== 'active') {
    return refuse('project-not-running', `The project is ${project.status}.`, {
      projectStatus: project.status,
    });
  }
  if (currentMentorId !== undefined && currentMentorId !== mentor.mentorId) {
    return refuse('project-has-mentor', 'The project has a mentor; take them off first.', {
      mentorId: currentMentorId,
    });
  }
  const conflict = conflictWith(mentor, project);
  if (conflict !== undefined) {
    return refuse(
      'mentor-conflict-of-interest',
      conflict === 'works-for-host-organization'
        ? "The mentor works for the project's host organization."
        : conflict === 'relative-of-member'
          ? 'The mentor is related to a member of the team.'
          : 'The mentor declared a conflict of interest for this project.',
      { reason: conflict },
    );
  }
  if (!mentor.regions.includes(project.region)) {
    return refuse('mentor-region', `The mentor does not work in region ${project.region}.`, {
      mentorRegions: [...mentor.regions],
    });
  }
  if (mentor.projects.length >= mentor.capacity) {
    return refuse('mentor-at-capacity', `The mentor accompanies ${mentor.capacity} projects already.`, {
      capacity: mentor.capacity,
    });
  }
  const assignedAt = now.toISOString();
  const assignment: MentorAssignment = {
    projectId: project.projectId,
    roundId: project.roundId,
    region: project.region,
    assignedAt,
  };
  return change({ ...mentor, projects: [...mentor.projects, assignment] }, [
    { definition: mentorAssignedV1, data: { mentorId: mentor.mentorId, ...assignment } },
  ]);
}

function withoutProject(
  mentor: MentorState,
  projectId: string,
  reason: 'conflict-of-interest' | 'coordinator-decision',
  now: Date,
) {
  const assignment = mentor.projects.find((entry) => entry.projectId === projectId);
  if (!assignment) return { state: mentor, events: [] };
  return {
    state: { ...mentor, projects: mentor.projects.filter((entry) => entry.projectId !== projectId) },
    events: [
      {
        definition: mentorUnassignedV1,
        data: {
          mentorId: mentor.mentorId,
          projectId,
          roundId: assignment.roundId,
          region: assignment.region,
          reason,
          unassignedAt: now.toISOString(),
        },
      },
    ],
  };
}

/** A coordinator of the project's region takes the mentor off it. */
export function unassign(
  actor: Actor,
  mentor: MentorState,
  project: ProjectFacts,
  now: Date,
): MentorDecision {
  if (!canAssignMentors(actor, project.region)) {
    return forbidden(`Only a coordinator of region ${project.region} assigns its mentors.`);
  }
  const { state, events } = withoutProject(mentor, project.projectId, 'coordinator-decision', now);
  return events.length === 0 ? noChange : change(state, events);
}

/**
 * A conflict of interest with a project, declared by the mentor or recorded by a coordinator of its region: the
 * mentor will not be assigned to it, and leaves it if they accompany it. Declaring it again changes nothing.
 */
export function declareConflict(
  actor: Actor,
  actorMentorId: string,
  mentor: MentorState,
  project: ProjectFacts,
  reason: MentorConflictReason,
  now: Date,
): MentorDecision {
  const self = isTheMentor(actor, actorMentorId, mentor.mentorId);
  if (!self && !canAssignMentors(actor, project.region)) {
    return forbidden('The mentor, or a coordinator of the project region, declares a conflict.');
  }
  if (mentor.conflicts.some((conflict) => conflict.projectId === project.projectId)) return noChange;
  const conflict: MentorConflict = {
    projectId: project.projectId,
    reason,
    declaredBy: self ? 'mentor' : 'coordinator',
    declaredAt: now.toISOString(),
  };
  const { state, events } = withoutProject(mentor, project.projectId, 'conflict-of-interest', now);
  return change({ ...state, conflicts: [...mentor.conflicts, conflict] }, events);
}
