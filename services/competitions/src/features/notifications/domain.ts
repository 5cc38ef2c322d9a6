import { type DataOf } from '@zhas/contracts';
import { type Actor, hasRole } from '@zhas/domain';
import { type Language } from '@zhas/kz';
import { type ParamsOf, type Tell, tell } from '@zhas/notifications';

// Who among host organizations, reviewers and coordinators is told what (pure: no database, no clock). The people
// are the staff who left their contact details here (`PUT /staff-contacts/me`): a host organization's staff,
// committee members and coordinators, with the scopes their token had.

/** A staff member's contact details and scopes; the recipient id is `staff:<token subject>`. */
export interface StaffContact {
  readonly _id: string;
  readonly subject: string;
  readonly roles: readonly string[];
  /** The regions they work in; null: every region (national). */
  readonly regions: readonly string[] | null;
  readonly hostOrganizationId: string | null;
  readonly email: string;
  readonly phone: string | null;
  readonly name: string | null;
  readonly language: Language;
  readonly updatedAt: Date;
}

export const staffRecipientId = (subject: string) => `staff:${subject}`;

/** The record of the caller's own contact details, with the scopes of their token now. */
export function staffContact(
  actor: Actor,
  input: { email: string; phone?: string | undefined; name?: string | undefined; language: Language },
  now: Date,
): StaffContact {
  return {
    _id: staffRecipientId(actor.subject),
    subject: actor.subject,
    roles: [...actor.roles],
    regions: actor.regions ? [...actor.regions] : null,
    hostOrganizationId: actor.hostOrgId ?? null,
    email: input.email,
    phone: input.phone ?? null,
    name: input.name ?? null,
    language: input.language,
    updatedAt: now,
  };
}

const worksIn = (contact: StaffContact, region: string) =>
  contact.regions === null || contact.regions.includes(region);

/** The staff of a host organization. */
export function staffOf(contacts: readonly StaffContact[], hostOrganizationId: string): string[] {
  return contacts
    .filter((contact) => contact.hostOrganizationId === hostOrganizationId)
    .map((contact) => contact._id);
}

/** Committee members of a region: they review the bids of independent teams. */
export function committeeOf(contacts: readonly StaffContact[], region: string): string[] {
  return contacts
    .filter((contact) => contact.roles.includes('committee') && worksIn(contact, region))
    .map((contact) => contact._id);
}

export function isCoordinator(contact: StaffContact): boolean {
  return hasRole({ subject: contact.subject, roles: contact.roles as Actor['roles'] }, 'coordinator');
}

/** The organization's staff learn the result of its application once, whichever way it went. */
function hostResult(
  hostApplicationId: string,
  staff: readonly string[],
  result: ParamsOf<'host-competition-result'>,
): Tell {
  return tell(staff, 'host-competition-result', result, `host-result:${hostApplicationId}`);
}

export function hostSelected(
  data: DataOf<'competitions.host-application.selected.v1'>,
  staff: readonly string[],
): Tell {
  return hostResult(data.hostApplicationId, staff, { selected: true, rank: data.rank });
}

export function hostRejected(
  data: DataOf<'competitions.host-application.rejected.v1'>,
  staff: readonly string[],
): Tell {
  return hostResult(data.hostApplicationId, staff, { selected: false, reason: data.reason });
}

/** A team asked to apply with the organization (when it formed, or when it changed to this organization). */
export function teamRequestsHost(
  data: {
    teamId: string;
    region: string;
    memberParticipantIds: readonly string[];
    hostOrganizationId?: string | undefined;
  },
  staff: readonly string[],
): Tell | undefined {
  if (!data.hostOrganizationId) return undefined;
  return tell(
    staff,
    'team-requests-host',
    { teamId: data.teamId, region: data.region, memberCount: data.memberParticipantIds.length },
    `team-request:${data.teamId}:${data.hostOrganizationId}`,
  );
}

/** A bid that passed the technical check goes to its reviewers: the host organization's staff, or the committee. */
export function bidAssigned(
  data: DataOf<'applications.bid.check-passed.v1'>,
  reviewers: readonly string[],
): Tell {
  return tell(
    reviewers,
    'bid-assigned',
    { bidId: data.bidId, region: data.region },
    `bid-assigned:${data.bidId}:${data.submissionNumber}`,
  );
}

/** What waits for coordinators, counted in their regions. */
export interface WaitingWork {
  readonly _id: string;
  readonly kind: 'grievance' | 'report' | 'tranche';
  readonly region: string;
  /** Grievances: the date an answer is owed. */
  readonly dueOn: string | null;
  readonly open: boolean;
}

/** The day's digest of a coordinator, or nothing when nothing waits in their regions. */
export function coordinatorDigest(
  contact: StaffContact,
  work: readonly WaitingWork[],
  today: string,
): Tell | undefined {
  const mine = work.filter((item) => item.open && worksIn(contact, item.region));
  const overdueGrievances = mine.filter(
    (item) => item.kind === 'grievance' && item.dueOn !== null && item.dueOn < today,
  ).length;
  const reportsToAccept = mine.filter((item) => item.kind === 'report').length;
  const tranchesToApprove = mine.filter((item) => item.kind === 'tranche').length;
  if (overdueGrievances + reportsToAccept + tranchesToApprove === 0) return undefined;
  return tell(
    [contact._id],
    'coordinator-digest',
    { date: today, overdueGrievances, reportsToAccept, tranchesToApprove },
    `coordinator-digest:${today}`,
  );
}
