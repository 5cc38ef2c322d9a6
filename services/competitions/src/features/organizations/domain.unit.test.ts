import { makeBin } from '@zhas/kz';
import { canActForOrganization, registerOrganization } from './domain';

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
    expect(result).toMatchObject({
      ok: true,
      value: {
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
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.status).toBe(400);
    expect(result.problem.extensions.errors).toEqual([
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
    expect(staff).toMatchObject({ ok: false, problem: { status: 403 } });
    expect(
      registerOrganization(
        { bin, name: 'X' },
        'org-2',
        { subject: 'c', roles: ['coordinator'], hostOrgId: 'org-1' },
        now,
      ).ok,
    ).toBe(true);
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
