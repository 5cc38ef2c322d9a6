import { type BinEntityType, kazakhstanDateOf, parseBin } from '@zhas/kz';
import { canActForHostOrganization, hasRole, type Principal, problems } from '@zhas/service-kit';
import { accept, type Decision, refuse } from '../../shared/http';

// Host organizations, identified by BIN. The BIN stays in this service: an individual entrepreneur's BIN is their
// IIN, so events and public lists name an organization by an opaque id (`org-<uuid>`) and its name only.

export interface Organization {
  readonly _id: string;
  readonly bin: string;
  readonly name: string;
  /** 'YYYY-MM', read from the BIN. */
  readonly registeredOn: string;
  readonly entityType: BinEntityType;
  /** The user who registered it; they act for it until the identity provider gives them the host_org_id claim. */
  readonly registeredBy: string;
  readonly createdAt: Date;
}

/** Parses the BIN as of today in Kazakhstan (a registration month in the future is refused). */
export function registerOrganization(
  input: { bin: string; name: string },
  id: string,
  principal: Principal,
  now: Date,
): Decision<Organization> {
  if (!hasRole(principal, 'coordinator') && principal.hostOrgId !== undefined) {
    return refuse(
      problems.forbidden(
        `You already act for organization ${principal.hostOrgId}; only a coordinator registers another one for you.`,
      ),
    );
  }
  const parsed = parseBin(input.bin, { today: kazakhstanDateOf(now) });
  if (!parsed.ok) {
    return refuse(
      problems.validation(
        [{ field: 'body.bin', message: parsed.message, code: parsed.reason }],
        'The BIN is not valid.',
      ),
    );
  }
  return accept({
    _id: id,
    bin: parsed.bin,
    name: input.name,
    registeredOn: parsed.registeredOn,
    entityType: parsed.entityType,
    registeredBy: principal.subject,
    createdAt: now,
  });
}

/**
 * The organization's staff (by claim, or the user who registered it), or a coordinator covering the region the
 * action concerns; `region` null is the organization as a whole (its BIN), which only national coordinators reach.
 */
export function canActForOrganization(
  principal: Principal,
  organization: Pick<Organization, '_id' | 'registeredBy'>,
  region: string | null,
): boolean {
  return (
    canActForHostOrganization(principal, organization._id, region) ||
    (hasRole(principal, 'host_org') &&
      principal.hostOrgId === undefined &&
      organization.registeredBy === principal.subject)
  );
}

export function requireOrganization(
  principal: Principal,
  organization: Pick<Organization, '_id' | 'registeredBy'>,
  region: string | null,
): void {
  if (!canActForOrganization(principal, organization, region))
    throw problems.forbidden('You may act only for your own host organization.');
}
