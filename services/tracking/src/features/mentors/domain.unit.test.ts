import { type Actor, changeOf, noChange, refusalOf } from '@zhas/domain';
import {
  type MentorProfile,
  type MentorState,
  assign,
  declareConflict,
  saveProfile,
  unassign,
} from './domain';

const now = new Date('2019-05-12T05:00:00.000Z');
const mentorActor: Actor = { subject: 'm-1', roles: ['mentor'] };
const coordinator: Actor = { subject: 'k-1', roles: ['coordinator'], regions: ['akmola'] };
const ids = { actorMentorId: 'mnt-1', mentorId: 'mnt-1' };
const profile: MentorProfile = {
  fullName: 'Ержан Сапаров',
  phone: '+7 701 234 5678',
  email: 'mentor@zhas.example',
  regions: ['akmola'],
  expertise: ['project-management'],
  capacity: 2,
  employerHostOrganizationIds: ['org-h1'],
};
const registered = (): MentorState => changeOf(saveProfile(mentorActor, ids, profile, undefined, now)).state;
const project = (projectId: string, hostOrganizationId?: string) => ({
  projectId,
  roundId: 'rnd-2019',
  region: 'akmola',
  status: 'active' as const,
  ...(hostOrganizationId === undefined ? {} : { hostOrganizationId }),
});

describe('mentors', () => {
  it('keep their own profile; only regions, expertise and capacity are published', () => {
    const { state, events } = changeOf(saveProfile(mentorActor, ids, profile, undefined, now));
    expect(events[0]!.data).toEqual({
      mentorId: 'mnt-1',
      regions: ['akmola'],
      expertise: ['project-management'],
      capacity: 2,
      registeredAt: now.toISOString(),
    });
    expect(JSON.stringify(events)).not.toContain('Ержан');
    expect(saveProfile(mentorActor, ids, profile, state, now)).toBe(noChange);
    // A new phone changes the record but publishes nothing.
    expect(
      changeOf(saveProfile(mentorActor, ids, { ...profile, phone: '+7 702 000 0000' }, state, now)).events,
    ).toEqual([]);
    expect(
      refusalOf(saveProfile(mentorActor, { actorMentorId: 'mnt-2', mentorId: 'mnt-1' }, profile, state, now)),
    ).toMatchObject({ code: 'forbidden' });
    expect(refusalOf(saveProfile(coordinator, ids, profile, undefined, now))).toMatchObject({
      code: 'forbidden',
    });
  });

  it('are assigned under the conflict rule, within their regions and capacity, one mentor per project', () => {
    const mentor = registered();
    const assigned = changeOf(assign(coordinator, mentor, project('prj-1'), undefined, now));
    expect(assigned.events[0]!.data).toMatchObject({
      mentorId: 'mnt-1',
      projectId: 'prj-1',
      region: 'akmola',
    });
    expect(assign(coordinator, assigned.state, project('prj-1'), 'mnt-1', now)).toBe(noChange);
    expect(refusalOf(assign(coordinator, mentor, project('prj-2', 'org-h1'), undefined, now))).toMatchObject({
      code: 'mentor-conflict-of-interest',
      facts: { reason: 'works-for-host-organization' },
    });
    expect(refusalOf(assign(coordinator, mentor, project('prj-2'), 'mnt-other', now))).toMatchObject({
      code: 'project-has-mentor',
    });
    expect(
      refusalOf(assign(coordinator, mentor, { ...project('prj-2'), region: 'atyrau' }, undefined, now)),
    ).toMatchObject({ code: 'forbidden' });
    expect(
      refusalOf(
        assign(
          { subject: 'k', roles: ['coordinator'] },
          mentor,
          { ...project('prj-2'), region: 'atyrau' },
          undefined,
          now,
        ),
      ),
    ).toMatchObject({ code: 'mentor-region' });
    expect(
      refusalOf(assign(coordinator, mentor, { ...project('prj-2'), status: 'completed' }, undefined, now)),
    ).toMatchObject({ code: 'project-not-running' });
    const two = changeOf(assign(coordinator, assigned.state, project('prj-2'), undefined, now)).state;
    expect(refusalOf(assign(coordinator, two, project('prj-3'), undefined, now))).toMatchObject({
      code: 'mentor-at-capacity',
    });
    expect(refusalOf(saveProfile(mentorActor, ids, { ...profile, capacity: 1 }, two, now))).toMatchObject({
      code: 'mentor-capacity-below-load',
    });
    const off = changeOf(unassign(coordinator, two, project('prj-2'), now));
    expect(off.events[0]!.data).toMatchObject({ projectId: 'prj-2', reason: 'coordinator-decision' });
  });

  it('a declared conflict bars the assignment and takes the mentor off the project', () => {
    const mentor = changeOf(assign(coordinator, registered(), project('prj-1'), undefined, now)).state;
    const declared = changeOf(
      declareConflict(mentorActor, 'mnt-1', mentor, project('prj-1'), 'relative-of-member', now),
    );
    expect(declared.state.projects).toEqual([]);
    expect(declared.state.conflicts).toMatchObject([{ projectId: 'prj-1', declaredBy: 'mentor' }]);
    expect(declared.events[0]!.data).toMatchObject({ reason: 'conflict-of-interest' });
    expect(refusalOf(assign(coordinator, declared.state, project('prj-1'), undefined, now))).toMatchObject({
      code: 'mentor-conflict-of-interest',
      facts: { reason: 'relative-of-member' },
    });
    expect(declareConflict(coordinator, 'mnt-x', declared.state, project('prj-1'), 'other', now)).toBe(
      noChange,
    );
    const byCoordinator = changeOf(
      declareConflict(coordinator, 'mnt-x', registered(), project('prj-4'), 'other', now),
    );
    expect(byCoordinator.state.conflicts[0]).toMatchObject({ declaredBy: 'coordinator' });
    expect(
      refusalOf(
        declareConflict(
          { subject: 'x', roles: ['mentor'] },
          'mnt-x',
          registered(),
          project('prj-4'),
          'other',
          now,
        ),
      ),
    ).toMatchObject({ code: 'forbidden' });
  });
});
