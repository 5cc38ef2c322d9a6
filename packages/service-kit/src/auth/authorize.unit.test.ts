import { HttpProblem } from '../http/problem';
import {
  canAccessRegion,
  canActForHostOrganization,
  canActForParticipant,
  effectiveRoles,
  hasRole,
  isNational,
  regionScope,
  requireHostOrganization,
  requireNational,
  requireParticipant,
  requireRegion,
  requireRole,
} from './authorize';
import { type Principal, principalFromClaims } from './principal';

const applicant: Principal = { subject: 'u-app', roles: ['applicant'], participantId: 'p-1' };
const hostOrg: Principal = { subject: 'u-host', roles: ['host_org'], hostOrgId: 'h-1' };
const coordinator: Principal = { subject: 'u-coord', roles: ['coordinator'] };
const almatyCoordinator: Principal = { subject: 'u-coord-2', roles: ['coordinator'], regions: ['almaty'] };
const admin: Principal = { subject: 'u-admin', roles: ['admin'] };
const viewer: Principal = { subject: 'u-view', roles: ['viewer'] };

function forbidden(action: () => void): HttpProblem {
  try {
    action();
  } catch (error) {
    if (error instanceof HttpProblem) return error;
    throw error;
  }
  throw new Error('expected a 403 problem');
}

describe('roles', () => {
  it('admin may do everything a coordinator may', () => {
    expect(hasRole(admin, 'coordinator')).toBe(true);
    expect([...effectiveRoles(admin)].sort()).toEqual(['admin', 'coordinator']);
    expect(() => requireRole(admin, 'coordinator')).not.toThrow();
  });

  it('a coordinator is not an admin, and roles do not otherwise imply each other', () => {
    expect(hasRole(coordinator, 'admin')).toBe(false);
    expect(hasRole(coordinator, 'viewer')).toBe(false);
    expect(hasRole(viewer, 'coordinator', 'committee')).toBe(false);
    expect(hasRole(viewer, 'coordinator', 'viewer')).toBe(true);
  });

  it('requireRole throws a 403 problem naming the roles needed', () => {
    const problem = forbidden(() => requireRole(viewer, 'coordinator', 'committee'));
    expect(problem.status).toBe(403);
    expect(problem.toDocument()).toMatchObject({
      type: '/problems/forbidden',
      detail: 'This action needs one of the roles: coordinator, committee.',
    });
  });
});

describe('participants', () => {
  it('an applicant acts only for their own participant record, in any region', () => {
    expect(canActForParticipant(applicant, 'p-1', 'astana')).toBe(true);
    expect(canActForParticipant(applicant, 'p-2', 'astana')).toBe(false);
    expect(forbidden(() => requireParticipant(applicant, 'p-2', 'astana')).status).toBe(403);
  });

  it('a participant id without the applicant role grants nothing', () => {
    expect(
      canActForParticipant({ subject: 'x', roles: ['viewer'], participantId: 'p-1' }, 'p-1', 'almaty'),
    ).toBe(false);
  });

  it('an applicant without the claim acts for nobody', () => {
    expect(canActForParticipant({ subject: 'x', roles: ['applicant'] }, 'p-1', 'almaty')).toBe(false);
  });

  it('national coordinators and admins act for anyone; host organizations and viewers do not', () => {
    expect(() => requireParticipant(coordinator, 'p-9', 'astana')).not.toThrow();
    expect(() => requireParticipant(admin, 'p-9', 'astana')).not.toThrow();
    expect(canActForParticipant(hostOrg, 'p-1', 'almaty')).toBe(false);
    expect(canActForParticipant(viewer, 'p-1', 'almaty')).toBe(false);
  });

  it('a coordinator limited to a region reaches only participants of that region', () => {
    expect(canActForParticipant(almatyCoordinator, 'p-9', 'almaty')).toBe(true);
    expect(canActForParticipant(almatyCoordinator, 'p-9', 'astana')).toBe(false);
    const problem = forbidden(() => requireParticipant(almatyCoordinator, 'p-9', 'astana'));
    expect(problem.status).toBe(403);
    const regionalAdmin: Principal = { subject: 'a', roles: ['admin'], regions: ['almaty'] };
    expect(canActForParticipant(regionalAdmin, 'p-9', 'astana')).toBe(false);
  });
});

describe('host organizations', () => {
  it('staff act only for their own organization, in any region', () => {
    expect(canActForHostOrganization(hostOrg, 'h-1', 'astana')).toBe(true);
    expect(canActForHostOrganization(hostOrg, 'h-1', null)).toBe(true);
    expect(canActForHostOrganization(hostOrg, 'h-2', 'astana')).toBe(false);
    expect(forbidden(() => requireHostOrganization(hostOrg, 'h-2', 'astana')).status).toBe(403);
    expect(
      canActForHostOrganization({ subject: 'x', roles: ['committee'], hostOrgId: 'h-1' }, 'h-1', null),
    ).toBe(false);
  });

  it('national coordinators and admins act for any organization; applicants do not', () => {
    expect(() => requireHostOrganization(coordinator, 'h-2', 'astana')).not.toThrow();
    expect(() => requireHostOrganization(coordinator, 'h-2', null)).not.toThrow();
    expect(() => requireHostOrganization(admin, 'h-2', null)).not.toThrow();
    expect(canActForHostOrganization(applicant, 'h-1', null)).toBe(false);
  });

  it('a regional coordinator acts for an organization only in its regions, never for the whole organization', () => {
    expect(canActForHostOrganization(almatyCoordinator, 'h-2', 'almaty')).toBe(true);
    expect(canActForHostOrganization(almatyCoordinator, 'h-2', 'astana')).toBe(false);
    expect(canActForHostOrganization(almatyCoordinator, 'h-2', null)).toBe(false);
  });
});

describe('national scope', () => {
  it('only principals without a regions claim are national', () => {
    expect(isNational(coordinator)).toBe(true);
    expect(isNational(almatyCoordinator)).toBe(false);
    expect(() => requireNational(coordinator)).not.toThrow();
    expect(forbidden(() => requireNational(almatyCoordinator)).status).toBe(403);
  });
});

describe('regions', () => {
  it('no regions claim means every region', () => {
    expect(canAccessRegion(coordinator, 'astana')).toBe(true);
    expect(regionScope(coordinator)).toBeUndefined();
    expect(regionScope(coordinator, ['astana'])).toEqual(['astana']);
  });

  it('a regions claim limits the principal to those regions', () => {
    expect(canAccessRegion(almatyCoordinator, 'almaty')).toBe(true);
    expect(canAccessRegion(almatyCoordinator, 'astana')).toBe(false);
    const problem = forbidden(() => requireRegion(almatyCoordinator, 'astana'));
    expect(problem.status).toBe(403);
    expect(problem.detail).toBe('Your access does not cover region astana.');
  });

  it('list filters intersect the requested regions with the claim', () => {
    expect(regionScope(almatyCoordinator)).toEqual(['almaty']);
    expect(regionScope(almatyCoordinator, ['almaty', 'astana'])).toEqual(['almaty']);
    expect(regionScope(almatyCoordinator, ['astana'])).toEqual([]);
  });

  it('an empty claim reaches no region', () => {
    expect(canAccessRegion({ subject: 'x', roles: ['viewer'], regions: [] }, 'almaty')).toBe(false);
  });
});

describe('principalFromClaims', () => {
  it('maps the claims and ignores unknown roles', () => {
    expect(
      principalFromClaims({
        sub: 'u1',
        roles: ['coordinator', 'superuser', 'coordinator', 'viewer'],
        regions: ['almaty'],
        participant_id: 'p-1',
        host_org_id: 'h-1',
        iss: 'zhas-local',
      }),
    ).toEqual({
      ok: true,
      principal: {
        subject: 'u1',
        roles: ['coordinator', 'viewer'],
        regions: ['almaty'],
        participantId: 'p-1',
        hostOrgId: 'h-1',
      },
    });
  });

  it('keeps a display name (name, else preferred_username) and ignores a malformed one', () => {
    expect(principalFromClaims({ sub: 'u1', name: ' Aigerim K. ', preferred_username: 'aigerim' })).toEqual({
      ok: true,
      principal: { subject: 'u1', roles: [], name: 'Aigerim K.' },
    });
    expect(principalFromClaims({ sub: 'u1', preferred_username: 'aigerim' })).toMatchObject({
      principal: { name: 'aigerim' },
    });
    expect(principalFromClaims({ sub: 'u1', name: 42 })).toEqual({
      ok: true,
      principal: { subject: 'u1', roles: [] },
    });
  });

  it('a token without roles is a principal without roles', () => {
    expect(principalFromClaims({ sub: 'u1' })).toEqual({ ok: true, principal: { subject: 'u1', roles: [] } });
  });

  it('names malformed claims', () => {
    expect(principalFromClaims({ sub: '', roles: 'admin', regions: 'almaty' })).toEqual({
      ok: false,
      error: 'The token has missing or malformed claims: sub, roles, regions.',
    });
  });
});
