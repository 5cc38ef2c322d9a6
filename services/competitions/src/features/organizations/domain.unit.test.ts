import { makeBin } from '@zhas/kz';
import { changeOf, refusalOf } from '@zhas/domain';
import { organizationIdFor, registerOrganization } from './domain';
import { canActForOrganization } from './policy';

const now = new Date('2019-01-20T00:00:00.000Z');
const bin = makeBin({
  registeredOn: '2010-03',
  entityType: 'resident-legal-entity',
  entityKind: 'head-office',
  serial: 1234,
});

describe('registering a host organization', () => {
  it('reads the registration month and entity type from the BIN', () => {
    const result = registerOrganization(
      { bin, name: 'Жастар орталығы' },
      'org-1',
      { subject: 'u1', roles: ['host_org'] },
      now,
    );
    expect(changeOf(result)).toMatchObject({
      state: {
        _id: 'org-1',
        bin,
        registeredOn: '2010-03',
        entityType: 'resident-legal-entity',
        registeredBy: 'u1',
      },
    });
  });

  it.each([
    ['12345', 'format'],
    [`${bin.slice(0, 11)}${(Number(bin[11]) + 1) % 10}`, 'check-digit'],
    [
      makeBin({
        registeredOn: '2019-05',
        entityType: 'resident-legal-entity',
        entityKind: 'head-office',
        serial: 1,
      }),
      'registration-date',
    ],
  ])('refuses the BIN %s (%s) with a 400 naming body.bin', (value, reason) => {
    const result = registerOrganization(
      { bin: value, name: 'X' },
      'org-1',
      { subject: 'u1', roles: ['host_org'] },
      now,
    );
    expect(refusalOf(result).code).toBe('validation');
    expect(refusalOf(result).facts?.errors).toEqual([
      expect.objectContaining({ field: 'body.bin', code: reason }),
    ]);
  });

  it('lets staff of one organization register no other, a coordinator any', () => {
    const staff = registerOrganization(
      { bin, name: 'X' },
      'org-2',
      { subject: 'u1', roles: ['host_org'], hostOrgId: 'org-1' },
      now,
    );
    expect(refusalOf(staff).code).toBe('forbidden');
    expect(
      registerOrganization(
        { bin, name: 'X' },
        'org-2',
        { subject: 'c', roles: ['coordinator'], hostOrgId: 'org-1' },
        now,
      ).kind,
    ).toBe('change');
  });

  it("registers staff whose account names an organization under that id, a coordinator's under a new one", () => {
    const fresh = () => 'org-new';
    const staff = { subject: 'u1', roles: ['host_org' as const], hostOrgId: 'org-1' };
    expect(organizationIdFor(staff, fresh)).toBe('org-1');
    expect(registerOrganization({ bin, name: 'X' }, 'org-1', staff, now).kind).toBe('change');
    expect(organizationIdFor({ subject: 'u2', roles: ['host_org'] }, fresh)).toBe('org-new');
    expect(organizationIdFor({ subject: 'c', roles: ['coordinator'], hostOrgId: 'org-1' }, fresh)).toBe(
      'org-new',
    );
  });
});

describe('acting for an organization', () => {
  const organization = { _id: 'org-1', registeredBy: 'u1' };
  it('is for its staff by claim, its registrant until the claim arrives, and coordinators', () => {
    expect(
      canActForOrganization({ subject: 'x', roles: ['host_org'], hostOrgId: 'org-1' }, organization, null),
    ).toBe(true);
    expect(canActForOrganization({ subject: 'u1', roles: ['host_org'] }, organization, null)).toBe(true);
    expect(
      canActForOrganization({ subject: 'u1', roles: ['host_org'], hostOrgId: 'org-9' }, organization, null),
    ).toBe(false);
    expect(canActForOrganization({ subject: 'x', roles: ['host_org'] }, organization, null)).toBe(false);
    expect(canActForOrganization({ subject: 'x', roles: ['committee'] }, organization, null)).toBe(false);
    expect(canActForOrganization({ subject: 'x', roles: ['admin'] }, organization, null)).toBe(true);
  });

  it('a coordinator limited to regions acts for it only in those regions, never for the whole organization', () => {
    const almaty = { subject: 'c', roles: ['coordinator' as const], regions: ['almaty'] };
    expect(canActForOrganization(almaty, organization, 'almaty')).toBe(true);
    expect(canActForOrganization(almaty, organization, 'astana')).toBe(false);
    expect(canActForOrganization(almaty, organization, null)).toBe(false);
  });
});
