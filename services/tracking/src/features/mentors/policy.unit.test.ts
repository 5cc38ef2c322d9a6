import { type Actor } from '@zhas/domain';
import { canAssignMentors, canReadMentor, isTheMentor } from './policy';

describe('who may do what with mentors', () => {
  it.each([
    // actor, is the mentor mnt-1, assigns in akmola, reads a mentor of akmola
    ['the mentor', { subject: 'm', roles: ['mentor'] }, 'mnt-1', true, false, false],
    ['another mentor', { subject: 'm2', roles: ['mentor'] }, 'mnt-2', false, false, false],
    ['a national coordinator', { subject: 'k', roles: ['coordinator'] }, 'mnt-k', false, true, true],
    [
      "akmola's coordinator",
      { subject: 'k', roles: ['coordinator'], regions: ['akmola'] },
      'mnt-k',
      false,
      true,
      true,
    ],
    [
      "atyrau's coordinator",
      { subject: 'k', roles: ['coordinator'], regions: ['atyrau'] },
      'mnt-k',
      false,
      false,
      false,
    ],
    ['an admin', { subject: 'a', roles: ['admin'] }, 'mnt-a', false, true, true],
    [
      'a host organization',
      { subject: 'h', roles: ['host_org'], hostOrgId: 'org-1' },
      'mnt-h',
      false,
      false,
      false,
    ],
    ['an applicant', { subject: 'p', roles: ['applicant'] }, 'mnt-p', false, false, false],
  ] as const)('%s', (_who, actor: Actor, ownId, self, assigns, reads) => {
    expect(isTheMentor(actor, ownId, 'mnt-1')).toBe(self);
    expect(canAssignMentors(actor, 'akmola')).toBe(assigns);
    expect(canReadMentor(actor, { regions: ['akmola'] })).toBe(reads);
  });
});
