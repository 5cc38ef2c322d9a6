import { type DisaggregationDimension } from '@zhas/contracts';
import { kazakhstanDateOf } from '@zhas/kz';
import { type Aggregation, type IndicatorDefinition, type Timing } from '../framework/domain';
import { type Facts, type ParticipantDoc } from './facts';
import { daysBetween, type DateRange } from './periods';

/*
 * Indicators computed from the read-model documents, as pure functions. Each indicator turns the facts into
 * observations (one per participant in a project, per bid, per tranche, ...), each dated, placed in a round and a
 * region, described by the dimensions it can be disaggregated by, and carrying a numerator and a denominator.
 * A value is then the sum of numerators (counts, tenge), their share of the denominators (percent) or their
 * average (days) over the observations selected by the period, the rounds and the regions.
 */

export interface Observation {
  /** The date (in Kazakhstan) the observation counts from. */
  readonly on: string;
  /** For stocks: the date it stops counting (exclusive); absent while it lasts. */
  readonly until?: string;
  readonly roundId: string;
  readonly region: string;
  readonly dims: Readonly<Partial<Record<DisaggregationDimension, string>>>;
  readonly num: number;
  readonly den: number;
}

/** Where an observation's round is not known (a grievance about no round). */
export const NO_ROUND = 'none';
/** A participant's attribute before their registration event has arrived. */
export const UNKNOWN = 'unknown';

const POSITIVE_EXIT = new Set(['employed', 'studying', 'own-business']);

export function dateOf(instant: string): string {
  return kazakhstanDateOf(new Date(instant));
}

interface Attributes {
  readonly sex?: string;
  readonly ageBand?: string;
  readonly settlement?: string;
  readonly neet?: boolean;
  readonly vulnerability?: readonly string[];
}

/** The participant's current attributes: the registration, overridden by a later profile update. */
export function attributesOf(participant: ParticipantDoc | undefined): Attributes {
  if (!participant) return {};
  const { registered, profile } = participant;
  const base: Attributes = registered
    ? {
        sex: registered.sex,
        ageBand: registered.ageBand,
        settlement: registered.settlement,
        neet: registered.neet,
        vulnerability: registered.vulnerability,
      }
    : {};
  if (profile && profile.v > (registered?.v ?? 0)) {
    return {
      ...base,
      settlement: profile.settlement,
      neet: profile.neet,
      vulnerability: profile.vulnerability,
    };
  }
  return base;
}

function flag(value: boolean | undefined): string {
  return value === undefined ? UNKNOWN : String(value);
}

export function personDims(attributes: Attributes, roundId: string, region: string): Observation['dims'] {
  return {
    sex: attributes.sex ?? UNKNOWN,
    'age-band': attributes.ageBand ?? UNKNOWN,
    settlement: attributes.settlement ?? UNKNOWN,
    vulnerability: flag(
      attributes.vulnerability === undefined ? undefined : attributes.vulnerability.length > 0,
    ),
    neet: flag(attributes.neet),
    region,
    round: roundId,
  };
}

function placeDims(roundId: string, region: string): Observation['dims'] {
  return { region, round: roundId };
}

/** A project financed: an awarded bid, or a project opened from one (which then gives its members). */
export interface Financed {
  readonly bidId: string;
  readonly projectId?: string;
  readonly roundId: string;
  readonly region: string;
  readonly on: string;
  readonly members: readonly string[];
  readonly amountKzt: number;
  readonly completedOn?: string;
  readonly terminatedOn?: string;
}

export function financedProjects(facts: Facts): Financed[] {
  const byBid = new Map<string, Financed>();
  for (const bid of facts.bids) {
    const decision = bid.decision;
    if (decision?.outcome !== 'awarded') continue;
    byBid.set(bid._id, {
      bidId: bid._id,
      roundId: decision.roundId ?? NO_ROUND,
      region: decision.region,
      on: dateOf(decision.at),
      members: decision.memberParticipantIds ?? [],
      amountKzt: decision.awardedAmountKzt ?? 0,
    });
  }
  const grants = new Map<string, number>();
  for (const agreement of facts.agreements) {
    if (agreement.signed) grants.set(agreement.signed.projectId, agreement.signed.grantAmountKzt);
  }
  for (const project of facts.projects) {
    const opened = project.opened;
    const bidId = opened?.bidId ?? project.completed?.bidId;
    if (bidId === undefined) continue;
    const awarded = byBid.get(bidId);
    // A project opened from a bid whose award has not arrived yet is financed all the same.
    const base: Financed | undefined =
      awarded ??
      (opened && {
        bidId,
        roundId: opened.roundId ?? NO_ROUND,
        region: opened.region,
        on: dateOf(opened.at),
        members: [],
        amountKzt: 0,
      });
    if (!base) continue;
    byBid.set(bidId, {
      ...base,
      projectId: project._id,
      members: opened?.memberParticipantIds ?? base.members,
      amountKzt: grants.get(project._id) ?? opened?.grantAmountKzt ?? base.amountKzt,
      ...(project.completed ? { completedOn: project.completed.on } : {}),
      ...(project.terminated ? { terminatedOn: project.terminated.on } : {}),
    });
  }
  return [...byBid.values()].sort((a, b) => (a.bidId < b.bidId ? -1 : 1));
}

function shareDims(
  dims: Observation['dims'],
  attributes: Attributes,
  of: 'sex' | 'vulnerability' | 'neet',
): { num: number; den: number } {
  if (of === 'sex') {
    return attributes.sex === undefined
      ? { num: 0, den: 0 }
      : { num: attributes.sex === 'female' ? 1 : 0, den: 1 };
  }
  const value = dims[of];
  return value === UNKNOWN ? { num: 0, den: 0 } : { num: value === 'true' ? 1 : 0, den: 1 };
}

/** Every indicator's observations, by code. */
export function observe(facts: Facts): Map<string, Observation[]> {
  const result = new Map<string, Observation[]>();
  observeEach(facts, (code, observation) => {
    const list = result.get(code);
    if (list) list.push(observation);
    else result.set(code, [observation]);
  });
  return result;
}

/**
 * Hands every indicator's observations to `add` one by one, so that a caller can add them up as they come
 * (figures/domain.ts) instead of holding millions of them at national scale.
 */
export function observeEach(facts: Facts, add: (code: string, observation: Observation) => void): void {
  const participants = new Map(facts.participants.map((participant) => [participant._id, participant]));
  const attributes = (id: string) => attributesOf(participants.get(id));
  const exits = new Map(facts.members.flatMap((member) => (member.exit ? [[member._id, member.exit]] : [])));

  // Youth participating and completing, with the shares of women, vulnerable and NEET youth.
  const financed = financedProjects(facts);
  for (const project of financed) {
    add('IR-2.1', { ...place(project), on: project.on, num: 1, den: 1 });
    add('IR-2.2', {
      ...place(project),
      on: project.on,
      ...((project.completedOn ?? project.terminatedOn)
        ? { until: project.completedOn ?? project.terminatedOn }
        : {}),
      num: 1,
      den: 1,
    });
    add('IR-3.1', { ...place(project), on: project.on, num: project.amountKzt, den: 1 });
    for (const participantId of project.members) {
      const attrs = attributes(participantId);
      const dims = personDims(attrs, project.roundId, project.region);
      const base = { roundId: project.roundId, region: project.region, dims };
      add('PDO-1', { ...base, on: project.on, num: 1, den: 1 });
      add('PDO-1.1', { ...base, on: project.on, ...shareDims(dims, attrs, 'sex') });
      add('PDO-1.2', { ...base, on: project.on, ...shareDims(dims, attrs, 'vulnerability') });
      add('PDO-1.3', { ...base, on: project.on, ...shareDims(dims, attrs, 'neet') });
      const exit = project.projectId ? exits.get(`${project.projectId}|${participantId}`) : undefined;
      if (project.completedOn !== undefined && (!exit || exit.reason === 'project-completed')) {
        const on = project.completedOn;
        add('PDO-2', { ...base, on, num: 1, den: 1 });
        add('PDO-2.1', { ...base, on, ...shareDims(dims, attrs, 'sex') });
        add('PDO-2.2', { ...base, on, ...shareDims(dims, attrs, 'vulnerability') });
        add('PDO-2.3', { ...base, on, ...shareDims(dims, attrs, 'neet') });
      }
    }
  }

  // Exit statuses.
  const exitCodes: Record<string, string> = {
    employed: 'IR-5.1',
    studying: 'IR-5.2',
    'own-business': 'IR-5.3',
    neet: 'IR-5.4',
  };
  for (const exit of exits.values()) {
    const roundId = exit.roundId ?? NO_ROUND;
    const dims = personDims(attributes(exit.participantId), roundId, exit.region);
    const base = { roundId, region: exit.region, dims, on: exit.on };
    add('PDO-4', { ...base, num: POSITIVE_EXIT.has(exit.status) ? 1 : 0, den: 1 });
    const code = exitCodes[exit.status];
    if (code) add(code, { ...base, num: 1, den: 1 });
  }

  // Life skills: the latest endline against the latest baseline of the same member, project and questionnaire.
  const waves = new Map<string, { baseline?: Survey; endline?: Survey }>();
  for (const survey of facts.surveys) {
    const recorded = survey.recorded;
    if (!recorded || (recorded.wave !== 'baseline' && recorded.wave !== 'endline')) continue;
    const key = `${recorded.projectId}|${recorded.participantId}|${recorded.instrument}`;
    const entry = waves.get(key) ?? {};
    const current = entry[recorded.wave];
    const candidate: Survey = { id: survey._id, ...recorded };
    if (!current || later(candidate, current)) entry[recorded.wave] = candidate;
    waves.set(key, entry);
  }
  const improved = new Map<string, { endline: Survey; improved: boolean }>();
  for (const { baseline, endline } of waves.values()) {
    if (!baseline || !endline) continue;
    // One result per member and project: the questionnaire with the latest endline.
    const member = `${endline.projectId}|${endline.participantId}`;
    const known = improved.get(member);
    if (!known || later(endline, known.endline)) {
      improved.set(member, { endline, improved: endline.score > baseline.score });
    }
  }
  for (const { endline, improved: better } of improved.values()) {
    const roundId = endline.roundId ?? NO_ROUND;
    add('PDO-3', {
      roundId,
      region: endline.region,
      dims: personDims(attributes(endline.participantId), roundId, endline.region),
      on: dateOf(endline.at),
      num: better ? 1 : 0,
      den: 1,
    });
  }

  // Host organizations, bids and the time to a decision.
  for (const application of facts.hostApplications) {
    const decision = application.decision;
    if (decision?.outcome !== 'selected') continue;
    add('IR-1.1', { ...placeOf(decision), on: dateOf(decision.at), num: 1, den: 1 });
  }
  const teams = new Map(facts.teams.map((team) => [team._id, team]));
  for (const bid of facts.bids) {
    const first = bid.firstSubmission;
    if (!first) continue;
    const on = dateOf(first.at);
    add('IR-1.2', { ...placeOf(first), on, num: 1, den: 1 });
    const members = teams.get(first.teamId)?.membership?.memberParticipantIds;
    add('IR-1.3', {
      ...placeOf(first),
      on,
      num: members?.some((id) => (attributes(id).vulnerability?.length ?? 0) > 0) ? 1 : 0,
      den: members ? 1 : 0,
    });
    const decision = bid.decision;
    if (decision && decision.outcome !== 'withdrawn') {
      const decidedOn = dateOf(decision.at);
      add('IR-4.2', { ...placeOf(first), on: decidedOn, num: daysBetween(on, decidedOn), den: 1 });
    }
  }

  // Projects completed and beneficiaries reached: accepted reports as they come, then the final count.
  const reported = new Map<string, number>();
  for (const report of facts.reports) {
    const { submitted, review } = report;
    if (!submitted || !review?.accepted) continue;
    add('IR-2.4', {
      ...placeOf(submitted),
      on: dateOf(review.at),
      num: submitted.beneficiariesReached,
      den: 1,
    });
    reported.set(
      submitted.projectId,
      (reported.get(submitted.projectId) ?? 0) + submitted.beneficiariesReached,
    );
  }
  for (const project of facts.projects) {
    const completed = project.completed;
    if (!completed) continue;
    add('IR-2.3', { ...placeOf(completed), on: completed.on, num: 1, den: 1 });
    // The completion count is the final word; the difference to the monthly reports is counted on its date.
    const rest = completed.beneficiariesReached - (reported.get(project._id) ?? 0);
    if (rest !== 0) add('IR-2.4', { ...placeOf(completed), on: completed.on, num: rest, den: 1 });
  }

  // Money.
  for (const tranche of facts.tranches) {
    const disbursed = tranche.disbursed;
    if (disbursed)
      add('IR-3.2', { ...placeOf(disbursed), on: disbursed.on, num: disbursed.amountKzt, den: 1 });
  }
  for (const stipend of facts.stipends) {
    const paid = stipend.paid;
    if (!paid) continue;
    const roundId = paid.roundId ?? NO_ROUND;
    add('IR-3.3', {
      roundId,
      region: paid.region,
      dims: personDims(attributes(paid.participantId), roundId, paid.region),
      on: paid.on,
      num: paid.amountKzt,
      den: 1,
    });
  }

  // Grievances answered by their due date.
  for (const grievance of facts.grievances) {
    const resolved = grievance.resolved;
    if (!resolved) continue;
    const roundId = resolved.roundId ?? grievance.lodged?.roundId ?? NO_ROUND;
    add('IR-4.1', {
      roundId,
      region: resolved.region,
      dims: placeDims(roundId, resolved.region),
      on: dateOf(resolved.at),
      num: resolved.withinDeadline ? 1 : 0,
      den: 1,
    });
  }
}

interface Survey {
  readonly id: string;
  readonly at: string;
  readonly projectId: string;
  readonly participantId: string;
  readonly roundId?: string;
  readonly region: string;
  readonly score: number;
}

/** Deterministic order of surveys: by instant, then by id. */
function later(a: Survey, b: Survey): boolean {
  return Date.parse(a.at) > Date.parse(b.at) || (Date.parse(a.at) === Date.parse(b.at) && a.id > b.id);
}

function place(project: Financed): Pick<Observation, 'roundId' | 'region' | 'dims'> {
  return {
    roundId: project.roundId,
    region: project.region,
    dims: placeDims(project.roundId, project.region),
  };
}

function placeOf(slot: {
  roundId?: string;
  region: string;
}): Pick<Observation, 'roundId' | 'region' | 'dims'> {
  const roundId = slot.roundId ?? NO_ROUND;
  return { roundId, region: slot.region, dims: placeDims(roundId, slot.region) };
}

export interface Selection extends DateRange {
  readonly roundIds?: readonly string[];
  /** The regions the caller may see and asked for; undefined means every region. */
  readonly regions?: readonly string[];
}

/** The observations that count for a period (flows within it, stocks at its end), a set of rounds and regions. */
export function select(
  observations: readonly Observation[],
  timing: Timing,
  selection: Selection,
): Observation[] {
  const { from, to, roundIds, regions } = selection;
  return observations.filter((observation) => {
    if (roundIds && !roundIds.includes(observation.roundId)) return false;
    if (regions && !regions.includes(observation.region)) return false;
    if (timing === 'stock') {
      if (to !== undefined && observation.on > to) return false;
      // Still running at the end of the period (or now).
      return observation.until === undefined || (to !== undefined && observation.until > to);
    }
    return (from === undefined || observation.on >= from) && (to === undefined || observation.on <= to);
  });
}

export interface Measure {
  readonly value: number | null;
  readonly numerator: number;
  readonly denominator: number;
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Adds observations up: numerators are integers, so the result does not depend on their order. */
export function measure(observations: readonly Observation[], aggregation: Aggregation): Measure {
  let numerator = 0;
  let denominator = 0;
  for (const observation of observations) {
    numerator += observation.num;
    denominator += observation.den;
  }
  switch (aggregation) {
    case 'sum':
      return { value: numerator, numerator, denominator };
    case 'percent':
      return {
        value: denominator === 0 ? null : round2((100 * numerator) / denominator),
        numerator,
        denominator,
      };
    case 'mean':
      return { value: denominator === 0 ? null : round2(numerator / denominator), numerator, denominator };
  }
}

export interface Disaggregation {
  readonly dimension: DisaggregationDimension;
  readonly key: string;
  readonly value: number | null;
  readonly numerator: number;
  readonly denominator: number;
}

/** Observations (or cells) grouped by their key in a dimension, groups in key order; those without one left out. */
export function groupByDimension<T extends Pick<Observation, 'dims'>>(
  items: readonly T[],
  dimension: DisaggregationDimension,
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = item.dims[dimension];
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return new Map([...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The value within each group of a dimension, groups in key order. */
export function disaggregate(
  observations: readonly Observation[],
  dimension: DisaggregationDimension,
  aggregation: Aggregation,
): Disaggregation[] {
  return [...groupByDimension(observations, dimension)].map(([key, group]) => ({
    dimension,
    key,
    ...measure(group, aggregation),
  }));
}

export interface IndicatorValue extends Measure {
  readonly code: string;
  readonly disaggregations: readonly Disaggregation[];
}

/** One indicator's value for a selection, disaggregated by the requested dimensions it allows. */
export function valueOf(
  definition: IndicatorDefinition,
  observations: readonly Observation[],
  selection: Selection,
  dimensions: readonly DisaggregationDimension[] = [],
): IndicatorValue {
  const selected = select(observations, definition.timing, selection);
  const allowed = dimensions.filter((dimension) => definition.disaggregations.includes(dimension));
  return {
    code: definition.code,
    ...measure(selected, definition.aggregation),
    disaggregations: allowed.flatMap((dimension) =>
      disaggregate(selected, dimension, definition.aggregation),
    ),
  };
}
