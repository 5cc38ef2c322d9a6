import {
  type RoundRules,
  instantSchema,
  roundClosedV1,
  roundPublishedV1,
  roundRulesRevisedV1,
  roundRulesSchema,
  type RoundOutcome,
} from '@zhas/contracts';
import {
  isRegionInForce,
  kazakhstanDateOf,
  type RegionId,
  regionIdSchema,
  translatedTextSchema,
} from '@zhas/kz';
import {
  type Actor,
  type Change,
  type Decision,
  type Refusal,
  change,
  forbidden,
  refuse,
} from '@zhas/domain';
import { z } from 'zod';
import {
  type CompetitionsError,
  type FieldError,
  fieldRefusal,
  invalidState,
  issuesAsFieldErrors,
} from '../../shared/errors';
import { canManageRounds } from './policy';

// Rounds: a yearly cohort with its title, regions, windows and rules (docs/architecture.md, "The grant cycle",
// step 1). A draft may be partial and is edited freely by coordinators; publishing checks the whole against the
// contract's schema of `round.published` (the one place whole-round rules live), after which the rules are frozen:
// a change is a revision with the next rules version, published whole again.

export const roundStatuses = ['draft', 'published', 'closed'] as const;
export type RoundStatus = (typeof roundStatuses)[number];

const instant = instantSchema.meta({ example: '2019-01-14T04:00:00.000Z' });

/** A window as a draft may hold it: both ends present, their order checked when the round is published. */
export const windowSchema = z.object({ opensAt: instant, closesAt: instant });
export type Window = z.infer<typeof windowSchema>;

/**
 * The rules as a draft may hold them: any subset of the round rules; each field given must be valid on its own
 * (types, ranges, weights of one rubric), while rules across fields are checked on publishing.
 */
export const draftRulesSchema = z.object(roundRulesSchema.shape).partial();
export type DraftRules = z.infer<typeof draftRulesSchema>;

/** What a coordinator writes into a draft; every field optional, so that a screen can save as it goes. */
export const roundDraftSchema = z.object({
  year: z.int().min(2017).max(2100).optional(),
  title: translatedTextSchema.optional(),
  regions: z.array(regionIdSchema).min(1).max(32).optional(),
  hostApplicationWindow: windowSchema.optional(),
  youthApplicationWindow: windowSchema.optional(),
  rules: draftRulesSchema.optional(),
});
export type RoundDraft = z.infer<typeof roundDraftSchema>;

/** A complete round, as published. */
export interface RoundContent {
  readonly year: number;
  readonly title: { readonly kk: string; readonly ru: string; readonly en: string };
  readonly regions: readonly RegionId[];
  readonly hostApplicationWindow: Window;
  readonly youthApplicationWindow: Window;
  readonly rules: RoundRules;
}

/** A published version of the round's content, kept when a revision replaces it. */
export interface RoundVersion {
  readonly rulesVersion: number;
  readonly effectiveFrom: string;
  readonly content: RoundContent;
}

export interface RoundState extends Record<string, unknown> {
  readonly status: RoundStatus;
  readonly draft: RoundDraft;
  /** The content in force (absent for a draft). */
  readonly content?: RoundContent;
  /** 0 while a draft; 1 when published; +1 per revision. */
  readonly rulesVersion: number;
  readonly previousVersions: readonly RoundVersion[];
  readonly createdBy: string;
  readonly publishedAt?: string;
  readonly revisedAt?: string;
  readonly closedAt?: string;
  readonly outcome?: RoundOutcome;
}

export type RoundDecision = Decision<RoundState, CompetitionsError>;

/** Rounds apply to every region: national coordinators create and change them. */
function refuseUnlessManager(actor: Actor): Refusal<CompetitionsError> | undefined {
  if (canManageRounds(actor)) return undefined;
  return forbidden('This applies to every region; your access is limited to some regions.');
}

export function createRoundDraft(
  actor: Actor,
  draft: RoundDraft,
): Change<RoundState> | Refusal<CompetitionsError> {
  return (
    refuseUnlessManager(actor) ??
    change({
      status: 'draft',
      draft: compact(draft),
      rulesVersion: 0,
      previousVersions: [],
      createdBy: actor.subject,
    })
  );
}

/** The content a round holds: the published one, or the draft's. */
function contentOf(state: RoundState): RoundDraft {
  return (state.content as RoundDraft | undefined) ?? state.draft;
}

/** Moves an instant by whole years, keeping the day and the time (29 February becomes 28 February). */
export function shiftYears(instant: string, years: number): string {
  const date = new Date(instant);
  const shifted = new Date(date);
  shifted.setUTCFullYear(date.getUTCFullYear() + years);
  if (shifted.getUTCDate() !== date.getUTCDate()) shifted.setUTCDate(0);
  return shifted.toISOString();
}

/**
 * A new draft from an earlier round: the same regions and rules, the next year, its windows a year later, and the
 * year in its titles moved on. The coordinator edits, checks and publishes it like any draft; the source round is
 * not changed.
 */
export function copyRound(actor: Actor, source: RoundState): Change<RoundState> | Refusal<CompetitionsError> {
  const content = contentOf(source);
  const year = content.year ?? new Date().getUTCFullYear();
  const next = year + 1;
  const title = content.title && {
    kk: content.title.kk.replaceAll(String(year), String(next)),
    ru: content.title.ru.replaceAll(String(year), String(next)),
    en: content.title.en.replaceAll(String(year), String(next)),
  };
  const moved = (window: Window | undefined) =>
    window && { opensAt: shiftYears(window.opensAt, 1), closesAt: shiftYears(window.closesAt, 1) };
  return createRoundDraft(actor, {
    year: next,
    ...(title ? { title } : {}),
    ...(content.regions ? { regions: [...content.regions] } : {}),
    ...(content.hostApplicationWindow ? { hostApplicationWindow: moved(content.hostApplicationWindow) } : {}),
    ...(content.youthApplicationWindow
      ? { youthApplicationWindow: moved(content.youthApplicationWindow) }
      : {}),
    ...(content.rules ? { rules: structuredClone(content.rules) } : {}),
  });
}

/** Replaces the fields the patch gives; `rules` is merged field by field, so a screen may save one rule at a time. */
export function editRoundDraft(actor: Actor, state: RoundState, patch: RoundDraft): RoundDecision {
  const refused = refuseUnlessManager(actor);
  if (refused) return refused;
  if (state.status !== 'draft') {
    return refuse(
      'round-frozen',
      `The round is ${state.status}: its content is frozen. Publish a new version with POST /rounds/{roundId}/revisions.`,
      { currentStatus: state.status },
    );
  }
  const rules =
    patch.rules === undefined ? state.draft.rules : compact({ ...state.draft.rules, ...patch.rules });
  return change({ ...state, draft: compact({ ...state.draft, ...patch, rules }) });
}

/** Whether `now` is before, within or after a window; both ends count as within. */
export function windowPhase(window: Window, now: Date): 'before' | 'open' | 'after' {
  if (now.getTime() < Date.parse(window.opensAt)) return 'before';
  if (now.getTime() > Date.parse(window.closesAt)) return 'after';
  return 'open';
}

/**
 * The whole-round checks: the contract's schema (ranges ordered, weights adding to 100, tranches adding to 100,
 * one quota per round region, ...) plus what only the service can know: the regions exist on the round's map,
 * the windows follow each other, and the host-organization window has not already closed.
 */
export function validateRoundContent(
  draft: RoundDraft,
  now: Date,
  roundId: string,
  /** On first publication the host window must still be ahead; a revision may come later in the cycle. */
  { firstPublication = true }: { firstPublication?: boolean } = {},
): { readonly kind: 'valid'; readonly content: RoundContent } | Refusal<CompetitionsError> {
  const parsed = roundPublishedV1.schema.safeParse({
    roundId,
    ...draft,
    rulesVersion: 1,
    publishedAt: now.toISOString(),
  });
  const errors: FieldError[] = parsed.success ? [] : issuesAsFieldErrors(parsed.error.issues);
  const { hostApplicationWindow: host, youthApplicationWindow: youth } = draft;
  if (host && Date.parse(host.closesAt) <= Date.parse(host.opensAt))
    errors.push(
      fieldError('hostApplicationWindow.closesAt', 'The window closes after it opens', 'window-order'),
    );
  if (youth && Date.parse(youth.closesAt) <= Date.parse(youth.opensAt))
    errors.push(
      fieldError('youthApplicationWindow.closesAt', 'The window closes after it opens', 'window-order'),
    );
  if (host && youth && Date.parse(youth.opensAt) < Date.parse(host.closesAt))
    errors.push(
      fieldError(
        'youthApplicationWindow.opensAt',
        'Youth applications open only after the host-organization window has closed',
        'youth-before-host-closed',
      ),
    );
  if (firstPublication && host && Date.parse(host.closesAt) <= now.getTime())
    errors.push(
      fieldError(
        'hostApplicationWindow.closesAt',
        'The host-organization window has already closed',
        'window-passed',
      ),
    );
  if (host && draft.regions) {
    const onDate = kazakhstanDateOf(new Date(host.opensAt));
    draft.regions.forEach((region, index) => {
      if (!regionInForce(region, onDate))
        errors.push(
          fieldError(
            `regions.${index}`,
            `Region ${region} is not in force on ${onDate}`,
            'region-not-in-force',
          ),
        );
    });
  }
  for (const [index, quota] of (draft.rules?.regionQuotas ?? []).entries()) {
    if (!regionIdSchema.safeParse(quota.region).success)
      errors.push(
        fieldError(`rules.regionQuotas.${index}.region`, `Unknown region ${quota.region}`, 'unknown-region'),
      );
  }
  if (errors.length > 0 || !parsed.success) {
    return fieldRefusal(
      'round-invalid',
      'The round is not complete or its rules do not hold together; `errors` names each field.',
      errors,
    );
  }
  const { year, title, regions, hostApplicationWindow, youthApplicationWindow, rules } = parsed.data;
  return {
    kind: 'valid',
    content: {
      year,
      title,
      regions: regions as RegionId[],
      hostApplicationWindow,
      youthApplicationWindow,
      rules,
    },
  };
}

export function publishRound(actor: Actor, state: RoundState, roundId: string, now: Date): RoundDecision {
  const refused =
    refuseUnlessManager(actor) ??
    (state.status === 'draft' ? undefined : invalidState('round', state.status, 'published'));
  if (refused) return refused;
  const valid = validateRoundContent(state.draft, now, roundId);
  if (valid.kind === 'refusal') return valid;
  const publishedAt = now.toISOString();
  return change({ ...state, status: 'published', content: valid.content, rulesVersion: 1, publishedAt }, [
    { definition: roundPublishedV1, data: { roundId, ...valid.content, rulesVersion: 1, publishedAt } },
  ]);
}

/** A published round changes only as a whole new version, effective at once; the old one is kept. */
export function reviseRound(
  actor: Actor,
  state: RoundState,
  roundId: string,
  content: RoundDraft,
  now: Date,
): RoundDecision {
  const refused = refuseUnlessManager(actor);
  if (refused) return refused;
  if (state.status !== 'published' || !state.content) return invalidState('round', state.status, 'revised');
  const valid = validateRoundContent(content, now, roundId, { firstPublication: false });
  if (valid.kind === 'refusal') return valid;
  const revisedAt = now.toISOString();
  const rulesVersion = state.rulesVersion + 1;
  const previous: RoundVersion = {
    rulesVersion: state.rulesVersion,
    effectiveFrom: state.revisedAt ?? state.publishedAt ?? revisedAt,
    content: state.content,
  };
  return change(
    {
      ...state,
      content: valid.content,
      draft: compact(content),
      rulesVersion,
      revisedAt,
      previousVersions: [...state.previousVersions, previous],
    },
    [{ definition: roundRulesRevisedV1, data: { roundId, ...valid.content, rulesVersion, revisedAt } }],
  );
}

/** Closing ends the round for good: completed after its last project, or cancelled. A draft is not closed. */
export function closeRound(
  actor: Actor,
  state: RoundState,
  roundId: string,
  outcome: RoundOutcome,
  now: Date,
): RoundDecision {
  const refused =
    refuseUnlessManager(actor) ??
    (state.status === 'published' ? undefined : invalidState('round', state.status, 'closed'));
  if (refused) return refused;
  const closedAt = now.toISOString();
  return change({ ...state, status: 'closed', outcome, closedAt }, [
    { definition: roundClosedV1, data: { roundId, outcome, closedAt } },
  ]);
}

function regionInForce(region: RegionId, onDate: string): boolean {
  try {
    return isRegionInForce(region, onDate);
  } catch {
    // A date before the region data starts: no region can be shown to be in force then.
    return false;
  }
}

/** `code` tells the rule that failed, so that a screen can say it in the person's language. */
function fieldError(field: string, message: string, code: string): FieldError {
  return { field, message, code };
}

/** Drops absent fields: MongoDB would otherwise store them as null. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
