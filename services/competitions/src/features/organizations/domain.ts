import { type BinEntityType, kazakhstanDateOf, parseBin } from '@zhas/kz';
import { type Actor, type Change, type Refusal, change, forbidden, hasRole } from '@zhas/domain';
import { type CompetitionsError, fieldRefusal } from '../../shared/errors';

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

/**
 * The id a registration gets: the one the identity provider already gave the caller's staff account (`host_org_id`,
 * set when the account was made for the organization, before it was in this registry), otherwise a new one.
 */
export function organizationIdFor(actor: Actor, newId: () => string): string {
  return !hasRole(actor, 'coordinator') && actor.hostOrgId !== undefined ? actor.hostOrgId : newId();
}

/** Parses the BIN as of today in Kazakhstan (a registration month in the future is refused). */
export function registerOrganization(
  input: { bin: string; name: string },
  id: string,
  actor: Actor,
  now: Date,
): Change<Organization> | Refusal<CompetitionsError> {
  // Staff with the claim register their own organization, under the claimed id, and no other.
  if (!hasRole(actor, 'coordinator') && actor.hostOrgId !== undefined && id !== actor.hostOrgId) {
    return forbidden(
      `You already act for organization ${actor.hostOrgId}; only a coordinator registers another one for you.`,
    );
  }
  const parsed = parseBin(input.bin, { today: kazakhstanDateOf(now) });
  if (!parsed.ok) {
    return fieldRefusal('validation', 'The BIN is not valid.', [
      { field: 'body.bin', message: parsed.message, code: parsed.reason },
    ]);
  }
  return change({
    _id: id,
    bin: parsed.bin,
    name: input.name,
    registeredOn: parsed.registeredOn,
    entityType: parsed.entityType,
    registeredBy: actor.subject,
    createdAt: now,
  });
}
