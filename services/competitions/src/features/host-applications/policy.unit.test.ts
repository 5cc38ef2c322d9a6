import { type Actor } from '@zhas/domain';
import { type Organization } from '../organizations/domain';
import { canSeeIdentity, canSeeOrganization } from '../organizations/policy';
import { canConfirmSelection, canSeeRanking } from '../host-selection/policy';
import { applicationListScope, canActForApplicant, canSeeApplication, refusesScorer } from './policy';

const organization: Organization = {
  _id: 'org-1',
  bin: '150340012343',
  name: 'Жастар',
  registeredOn: '2015-03',
  entityType: 'resident-legal-entity',
  registeredBy: 'founder',
  createdAt: new Date('2019-01-01T00:00:00.000Z'),
};
const draft = { region: 'akmola' as const, status: 'draft' as const, hostOrganizationId: 'org-1' };
const submitted = { ...draft, status: 'eligible' as const };

describe('who may do what in the host-organization competition', () => {
  it.each([
    // actor, applies for org-1 in akmola, sees its draft, sees it submitted, sees the organization, sees its BIN
    ['its staff', { subject: 's', roles: ['host_org'], hostOrgId: 'org-1' }, true, true, true, true, true],
    [
      'its founder before the claim',
      { subject: 'founder', roles: ['host_org'] },
      true,
      true,
      true,
      true,
      true,
    ],
    [
      'another organization',
      { subject: 's', roles: ['host_org'], hostOrgId: 'org-2' },
      false,
      false,
      false,
      false,
      false,
    ],
    ['a national coordinator', { subject: 'k', roles: ['coordinator'] }, true, true, true, true, true],
    [
      "akmola's coordinator",
      { subject: 'k', roles: ['coordinator'], regions: ['akmola'] },
      true,
      true,
      true,
      true,
      false,
    ],
    [
      "atyrau's coordinator",
      { subject: 'k', roles: ['coordinator'], regions: ['atyrau'] },
      false,
      false,
      false,
      true,
      false,
    ],
    [
      "akmola's committee",
      { subject: 'c', roles: ['committee'], regions: ['akmola'] },
      false,
      false,
      true,
      true,
      false,
    ],
    ['a viewer', { subject: 'v', roles: ['viewer'] }, false, false, true, true, false],
    ['an applicant', { subject: 'u', roles: ['applicant'] }, false, false, false, false, false],
  ] as const)('%s', (_who, actor: Actor, applies, seesDraft, seesSubmitted, seesOrganization, seesBin) => {
    expect(canActForApplicant(actor, organization, 'akmola')).toBe(applies);
    expect(canSeeApplication(actor, draft, organization)).toBe(seesDraft);
    expect(canSeeApplication(actor, submitted, organization)).toBe(seesSubmitted);
    expect(canSeeOrganization(actor, organization)).toBe(seesOrganization);
    expect(canSeeIdentity(actor, organization)).toBe(seesBin);
  });

  it('lets committee members of the region score, except the applicant’s own staff', () => {
    expect(
      refusesScorer({ subject: 'c', roles: ['committee'], regions: ['akmola'] }, submitted),
    ).toBeUndefined();
    expect(refusesScorer({ subject: 'c', roles: ['committee'], regions: ['atyrau'] }, submitted)).toBe(
      'region',
    );
    expect(refusesScorer({ subject: 'c', roles: ['committee'], hostOrgId: 'org-1' }, submitted)).toBe(
      'own-organization',
    );
  });

  it('lists by region for staff (submitted ones but to coordinators), by organization for its staff', () => {
    expect(applicationListScope({ subject: 'k', roles: ['coordinator'] })).toEqual({
      kind: 'staff',
      submittedOnly: false,
    });
    expect(applicationListScope({ subject: 'c', roles: ['committee'] })).toEqual({
      kind: 'staff',
      submittedOnly: true,
    });
    expect(applicationListScope({ subject: 's', roles: ['host_org'], hostOrgId: 'org-1' })).toEqual({
      kind: 'own-organizations',
      hostOrganizationId: 'org-1',
    });
    expect(applicationListScope({ subject: 's', roles: ['host_org'] })).toEqual({
      kind: 'own-organizations',
    });
  });

  it.each([
    // actor, sees the ranking of akmola, confirms its selection
    ['a national coordinator', { subject: 'k', roles: ['coordinator'] }, true, true],
    ["akmola's committee", { subject: 'c', roles: ['committee'], regions: ['akmola'] }, true, false],
    ["atyrau's coordinator", { subject: 'k', roles: ['coordinator'], regions: ['atyrau'] }, false, false],
    ['a host organization', { subject: 's', roles: ['host_org'], hostOrgId: 'org-1' }, false, false],
  ] as const)('the selection of a region: %s', (_who, actor: Actor, sees, confirms) => {
    expect(canSeeRanking(actor, 'akmola')).toBe(sees);
    expect(canConfirmSelection(actor, 'akmola')).toBe(confirms);
  });
});
