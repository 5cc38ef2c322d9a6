import { type Actor } from '@zhas/domain';
import { staff } from '../../testing/actors';
import { canChangeProfile, canRegister, canSeeParticipant } from './policy';

const participant = { participantId: 'p-1', region: 'akmola' };

describe('who may do what with a participant record', () => {
  it('lets a coordinator move a participant only into a region they cover too', () => {
    const akmolaCoordinator: Actor = { subject: 'k', roles: ['coordinator'], regions: ['akmola'] };
    expect(canChangeProfile(akmolaCoordinator, participant, 'akmola')).toBe(true);
    expect(canChangeProfile(akmolaCoordinator, participant, 'mangystau')).toBe(false);
    expect(
      canChangeProfile({ subject: 'u', roles: ['applicant'], participantId: 'p-1' }, participant, 'atyrau'),
    ).toBe(true);
  });

  it.each([
    // actor, registers, sees the record, changes the profile
    ['an applicant account', { subject: 'u', roles: ['applicant'] }, true, false, false],
    ['the person', { subject: 'u', roles: ['applicant'], participantId: 'p-1' }, true, true, true],
    ['another person', { subject: 'u', roles: ['applicant'], participantId: 'p-2' }, true, false, false],
    ['a coordinator', staff.coordinator, false, true, true],
    ['an admin', staff.admin, false, true, true],
    ["the region's coordinator", staff.akmolaCoordinator, false, true, true],
    ["another region's coordinator", staff.atyrauCoordinator, false, false, false],
    ['a viewer', staff.viewer, false, false, false],
    ['a host organization', staff.hostOrganization, false, false, false],
  ] as const)('%s', (_who, actor: Actor, registers, sees, changes) => {
    expect(canRegister(actor)).toBe(registers);
    expect(canSeeParticipant(actor, participant)).toBe(sees);
    expect(canChangeProfile(actor, participant, participant.region)).toBe(changes);
  });
});
