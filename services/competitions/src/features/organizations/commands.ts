import { randomUUID } from 'node:crypto';
import { type Actor, Refused, forbidden, notFound, unlessRefused } from '@zhas/domain';
import { type PaginationQuery } from '@zhas/service-kit';
import { type CompetitionsContext } from '../../shared/context';
import { type Organization, organizationIdFor, registerOrganization } from './domain';
import { canActForOrganization, canSeeIdentity, canSeeOrganization } from './policy';

/**
 * Registers an organization by BIN; a BIN registered already is named only to those who act for it. Staff whose
 * account names their organization register it under that id, once.
 */
export async function register(
  app: CompetitionsContext,
  actor: Actor,
  input: { readonly bin: string; readonly name: string },
): Promise<Organization> {
  const id = organizationIdFor(actor, () => `org-${randomUUID()}`);
  if (await app.organizations.find(id)) {
    throw new Refused(
      forbidden(`You already act for organization ${id}; only a coordinator registers another one for you.`),
    );
  }
  const { state } = unlessRefused(registerOrganization(input, id, actor, app.now()));
  await app.organizations.insert(state, (existing) => canActForOrganization(actor, existing, null));
  return state;
}

/** An organization that exists; any feature acting for one starts here. */
export async function organizationOf(app: CompetitionsContext, id: string): Promise<Organization> {
  const found = await app.organizations.find(id);
  if (!found) throw new Refused(notFound('Organization', id));
  return found;
}

export async function readOrganization(
  app: CompetitionsContext,
  actor: Actor,
  id: string,
): Promise<{ readonly organization: Organization; readonly withIdentity: boolean }> {
  const organization = await organizationOf(app, id);
  if (!canSeeOrganization(actor, organization)) {
    throw new Refused(forbidden('You may see only your own host organization.'));
  }
  return { organization, withIdentity: canSeeIdentity(actor, organization) };
}

/** Coordinators find organizations by BIN; the BINs are shown to national coordinators only. */
export async function listOrganizations(
  app: CompetitionsContext,
  actor: Actor,
  query: PaginationQuery & { bin?: string },
) {
  const found = await app.organizations.list(query.bin, query);
  return {
    nextCursor: found.nextCursor,
    items: found.items.map((organization) => ({
      organization,
      withIdentity: canSeeIdentity(actor, organization),
    })),
  };
}
