import { type Actor, type Decision, change, forbidden, hasRole, noChange } from '@zhas/domain';
import { type ApplicationsError } from '../../shared/errors';

// The reviewers a coordinator can assign (docs/architecture.md, "The grant cycle", step 5b): committee members and
// host-organization staff join the registry when they open the review workspace, with the name and scope their
// sign-in gives. Their id is the pseudonymous reviewer id the bids and events know them by; their name stays in this
// service (it is shown to coordinators assigning work, never in events).

export type ReviewerKind = 'committee' | 'host-organization';

export type ReviewerState = {
  readonly reviewerId: string;
  readonly name: string;
  readonly kind: ReviewerKind;
  /** The organization a host-organization reviewer works for; null for committee members. */
  readonly hostOrganizationId: string | null;
  /** A committee member's regions (from the sign-in); `allRegions` when the sign-in limits none. */
  readonly regions: readonly string[];
  readonly allRegions: boolean;
  readonly joinedAt: string;
};

/** The registry entry the actor's sign-in gives; refreshing it with the same facts changes nothing. */
export function joinRegistry(
  actor: Actor,
  reviewerId: string,
  name: string,
  existing: ReviewerState | undefined,
  now: Date,
): Decision<ReviewerState, ApplicationsError> {
  const host = hasRole(actor, 'host_org') && actor.hostOrgId !== undefined;
  if (!host && !hasRole(actor, 'committee')) {
    return forbidden('Committee members and host-organization staff review bids.');
  }
  const next: ReviewerState = {
    reviewerId,
    name,
    kind: host ? 'host-organization' : 'committee',
    hostOrganizationId: host ? (actor.hostOrgId ?? null) : null,
    regions: host ? [] : [...(actor.regions ?? [])],
    allRegions: !host && actor.regions === undefined,
    joinedAt: existing?.joinedAt ?? now.toISOString(),
  };
  if (existing && JSON.stringify({ ...existing }) === JSON.stringify(next)) return noChange;
  return change(next);
}
