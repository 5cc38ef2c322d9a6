import { type Actor } from '@zhas/domain';

/** The staff of the policy tables, named once; the records the tables are about are in Akmola. */
export const staff = {
  coordinator: { subject: 'k', roles: ['coordinator'] },
  akmolaCoordinator: { subject: 'k', roles: ['coordinator'], regions: ['akmola'] },
  atyrauCoordinator: { subject: 'k', roles: ['coordinator'], regions: ['atyrau'] },
  admin: { subject: 'a', roles: ['admin'] },
  viewer: { subject: 'v', roles: ['viewer'] },
  hostOrganization: { subject: 'h', roles: ['host_org'], hostOrgId: 'h-1' },
} satisfies Record<string, Actor>;
