import { type RoundRules } from '@zhas/contracts';
import {
  type Actor,
  Refused,
  forbidden,
  hasRole,
  notFound,
  regionScope,
  canAccessRegion,
} from '@zhas/domain';
import { kazakhstanDateOf, type RegionId, registrationYears } from '@zhas/kz';
import { type Aggregate, auditOf, handleCommand, handleRequest } from '@zhas/messaging';
import { type PaginationQuery } from '@zhas/service-kit';
import { type CompetitionsContext, commandOptions } from '../../shared/context';
import { type Organization } from '../organizations/domain';
import { organizationOf } from '../organizations/commands';
import { readRound } from '../rounds/commands';
import * as domain from './domain';
import {
  type CriterionScore,
  type DraftFacts,
  type HostApplicationState,
  type HostApplicationStatus,
} from './domain';
import { refuseUnlessAssigned } from '../host-committee/domain';
import { applicationListScope, canSeeApplication } from './policy';

type Application = Aggregate<HostApplicationState>;

/** The application, when the actor may know it exists; otherwise not found. */
export async function readApplication(
  app: CompetitionsContext,
  actor: Actor,
  id: string,
): Promise<Application> {
  const found = await app.applications.store.get(id);
  const organization = found && (await app.organizations.find(found.state.hostOrganizationId));
  if (!found || !canSeeApplication(actor, found.state, organization ?? undefined)) {
    throw new Refused(notFound('Host application', id));
  }
  return found;
}

/** A draft in a region of a published round; one application per organization and round. */
export async function startApplication(
  app: CompetitionsContext,
  actor: Actor,
  roundId: string,
  input: { readonly hostOrganizationId: string; readonly region: RegionId; readonly facts: DraftFacts },
  requestId: string,
): Promise<Application> {
  const organization = await organizationOf(app, input.hostOrganizationId);
  const applicant = domain.refuseUnlessApplicant(actor, organization, input.region);
  if (applicant) throw new Refused(applicant);
  const round = await readRound(app, actor, roundId);
  const id = domain.hostApplicationIdOf(round.id, organization._id);
  const { aggregate } = await handleCommand(
    app.applications.store,
    id,
    (existing, now) =>
      existing
        ? domain.applicationExists(id)
        : domain.startHostApplication({ roundId: round.id, ...input }, round.state, actor.subject, now),
    { ...commandOptions(app, requestId), create: true },
  );
  return aggregate;
}

/** What a change of an application by its organization decides on. */
interface ApplicantChange<Input> {
  readonly app: CompetitionsContext;
  readonly actor: Actor;
  readonly application: HostApplicationState;
  readonly id: string;
  readonly organization: Organization;
  readonly input: Input;
  readonly now: Date;
}

/**
 * A change by the organization's staff (or a coordinator of the region): loads the application as the actor may see
 * it and decides on the version they edited. The commands below differ only in what they decide.
 */
function applicantChange<Input extends { readonly version: number }>(
  decide: (
    change: ApplicantChange<Input>,
  ) => Promise<domain.HostApplicationDecision> | domain.HostApplicationDecision,
) {
  return async (
    app: CompetitionsContext,
    actor: Actor,
    id: string,
    input: Input,
    requestId: string,
  ): Promise<Application> => {
    const current = await readApplication(app, actor, id);
    const organization = await organizationOf(app, current.state.hostOrganizationId);
    const { aggregate } = await handleCommand(
      app.applications.store,
      id,
      async (application, now) =>
        domain.refuseUnlessApplicant(actor, organization, application.region) ??
        (await decide({ app, actor, application, id, organization, input, now })),
      commandOptions(app, requestId, { expectedVersion: input.version }),
    );
    return aggregate;
  };
}

export const editApplication = applicantChange(
  async ({
    app,
    actor,
    application,
    input,
  }: ApplicantChange<{
    readonly version: number;
    readonly region?: RegionId;
    readonly facts?: DraftFacts;
  }>) => {
    const { version: _version, ...patch } = input;
    return domain.editHostApplication(
      application,
      patch,
      (await readRound(app, actor, application.roundId)).state,
    );
  },
);

/** Within the window, with every fact; eligibility is decided at once with the BIN's registration date. */
export const submitApplication = applicantChange(async ({ app, actor, application, id, organization, now }) =>
  domain.submitHostApplication(
    application,
    id,
    (await readRound(app, actor, application.roundId)).state,
    yearsRegistered(organization, now),
    now,
  ),
);

export const withdrawApplication = applicantChange(
  async ({ app, application, id, now }) =>
    domain.refuseIfSelected(application, await confirmedAt(app, application)) ??
    domain.withdrawHostApplication(application, id, now),
);

/**
 * A committee member's act on an application they score, decided with the round's criteria: they state no version,
 * so an act on an application changed meanwhile is decided again. Scores and conflicts count, so they are refused
 * once the region's selection is confirmed (`final`); a draft counts for nothing until it is submitted.
 */
async function asScorer(
  app: CompetitionsContext,
  actor: Actor,
  id: string,
  options: { readonly requestId: string; readonly action?: string; readonly final?: boolean },
  decide: (
    application: HostApplicationState,
    criteria: RoundRules['hostOrganizationCriteria'],
    now: Date,
  ) => domain.HostApplicationDecision,
): Promise<Application> {
  await readApplication(app, actor, id);
  const { aggregate } = await handleCommand(
    app.applications.store,
    id,
    async (application, now) =>
      domain.refuseUnlessScorer(actor, application) ??
      refuseUnlessAssigned(actor, await app.committees.find(application.roundId, application.region)) ??
      (options.final
        ? domain.refuseIfSelected(application, await confirmedAt(app, application))
        : undefined) ??
      decide(application, await criteriaOf(app, actor, application), now),
    commandOptions(app, options.requestId, options.action ? { audit: auditOf(actor, options.action) } : {}),
  );
  return aggregate;
}

/** A committee member's scores replace theirs. */
export function score(
  app: CompetitionsContext,
  actor: Actor,
  id: string,
  { scores }: { readonly scores: readonly CriterionScore[] },
  requestId: string,
) {
  return asScorer(app, actor, id, { requestId, final: true }, (application, criteria, now) =>
    domain.scoreHostApplication(application, id, actor.subject, scores, criteria, now),
  );
}

/** The member abstains: their score is dropped and they may not score; declaring again changes nothing. */
export function declareConflict(app: CompetitionsContext, actor: Actor, id: string, requestId: string) {
  return asScorer(app, actor, id, { requestId, final: true }, (application, criteria, now) =>
    domain.declareConflict(application, id, actor.subject, criteria, now),
  );
}

/** A member saves scores and comments so far; they count only once submitted with PUT .../scores/me. */
export function saveScoreDraft(
  app: CompetitionsContext,
  actor: Actor,
  id: string,
  { criteria }: { readonly criteria: domain.ScoreDraft['criteria'] },
  requestId: string,
) {
  const request = { requestId, action: 'host-application.score-draft-saved' };
  return asScorer(app, actor, id, request, (application, roundCriteria, now) =>
    domain.saveScoreDraft(application, actor.subject, criteria, roundCriteria, now),
  );
}

/** A coordinator of the region confirms or changes the eligibility the rules decided, saying why. */
export async function reviewEligibility(
  app: CompetitionsContext,
  actor: Actor,
  id: string,
  review: Parameters<typeof domain.reviewEligibility>[2] & { readonly version: number },
  requestId: string,
): Promise<Application> {
  const found = await readApplication(app, actor, id);
  if (!hasRole(actor, 'coordinator') || !canAccessRegion(actor, found.state.region)) {
    throw new Refused(forbidden('Only a coordinator of the region reviews eligibility.'));
  }
  const request = {
    actor,
    action: 'host-application.eligibility-reviewed',
    requestId,
    expectedVersion: review.version,
  };
  return handleRequest(app, app.applications.store, id, request, (application, now) =>
    domain.reviewEligibility(application, id, review, now),
  );
}

/** Filtered by round, region, status and organization, and always by what the actor may see. */
export async function listApplications(
  app: CompetitionsContext,
  actor: Actor,
  query: PaginationQuery & {
    roundId?: string;
    region?: readonly string[];
    status?: readonly HostApplicationStatus[];
    hostOrganizationId?: string;
  },
) {
  const scope = applicationListScope(actor);
  const wanted = (ids: readonly string[]) =>
    query.hostOrganizationId === undefined ? ids : ids.filter((id) => id === query.hostOrganizationId);
  const organizations =
    scope.kind === 'staff'
      ? query.hostOrganizationId === undefined
        ? undefined
        : [query.hostOrganizationId]
      : wanted(
          scope.hostOrganizationId
            ? [scope.hostOrganizationId]
            : await app.organizations.idsRegisteredBy(actor.subject),
        );
  return app.applications.list(
    {
      roundId: query.roundId,
      regions: scope.kind === 'staff' ? regionScope(actor, query.region) : query.region,
      status: query.status,
      hostOrganizationIds: organizations,
    },
    scope.kind === 'staff' && scope.submittedOnly ? { status: { $ne: 'draft' } } : {},
    query,
  );
}

async function confirmedAt(app: CompetitionsContext, application: HostApplicationState) {
  return (await app.selections.find(application.roundId, application.region))?.confirmedAt;
}

async function criteriaOf(app: CompetitionsContext, actor: Actor, application: HostApplicationState) {
  return (
    (await readRound(app, actor, application.roundId)).state.content?.rules.hostOrganizationCriteria ?? []
  );
}

/** Full years since the BIN's registration month, on today's date in Kazakhstan. */
function yearsRegistered(organization: Organization, now: Date): number {
  try {
    return registrationYears(organization.bin, kazakhstanDateOf(now));
  } catch {
    // Registered after "now" (a clock set in the past): not registered long enough.
    return 0;
  }
}
