import { type DisaggregationDimension, type IndicatorUnit } from '@zhas/contracts';

/*
 * The results framework as data (docs/architecture.md, "The grant cycle", step 9): each indicator's names,
 * definition, level, baseline and yearly targets, and where each of those numbers comes from. An admin edits
 * them through the API; every edit keeps the values it replaced, who made it and when, in the indicator's
 * history. Only how an indicator is counted (its unit, aggregation, timing and the dimensions it can be split
 * by) follows the code, because the code that counts it must agree with them. Pure functions: no database, no
 * HTTP.
 */

export interface LocalizedText {
  readonly kk: string;
  readonly ru: string;
  readonly en: string;
}
/** Kept for the code that calls names by their older name. */
export type LocalizedName = LocalizedText;

/** Where a baseline or target comes from: a published document, or the programme's own planning. */
export interface SourceReference {
  readonly title: string;
  readonly url?: string;
  /** What in the source the number rests on, or how it was derived from it. */
  readonly note?: string;
}

export interface YearTarget {
  readonly year: number;
  readonly value: number;
  readonly source?: SourceReference;
}

/** How observations add up: a sum, a share of a denominator (percent), or an average (days). */
export type Aggregation = 'sum' | 'percent' | 'mean';
/** A flow counts what happened within the period; a stock is the state at the period's end. */
export type Timing = 'flow' | 'stock';
export type Level = 'pdo' | 'intermediate';

/** How the code counts an indicator: follows the code at every start, not editable. */
export interface Computation {
  readonly unit: IndicatorUnit;
  readonly aggregation: Aggregation;
  readonly timing: Timing;
  readonly disaggregations: readonly DisaggregationDimension[];
}

/** What an admin may edit. */
export interface Description {
  readonly name: LocalizedText;
  /** What is counted and how, in words a reader of the table understands. */
  readonly definition: LocalizedText;
  readonly level: Level;
}

export interface Targets {
  readonly baseline: number;
  readonly baselineYear: number;
  readonly baselineSource?: SourceReference;
  /** Cumulative end-of-year values for counts and amounts; the expected share or average for the others. */
  readonly targets: readonly YearTarget[];
}

export interface IndicatorDefinition extends Computation, Description, Targets {
  readonly code: string;
}

export interface StoredDefinition extends IndicatorDefinition {
  /** Incremented by every edit: editors send the version they edited. */
  readonly version: number;
}

/** One edit: the fields it changed, as they were and as they became. */
export interface HistoryEntry {
  /** The version the edit produced. */
  readonly version: number;
  readonly changedAt: string;
  /** The subject of the editor's token (an account id, not a name). */
  readonly changedBy: string;
  readonly reason?: string;
  readonly before: Partial<Description & Targets>;
  readonly after: Partial<Description & Targets>;
}

/** The target for a year: that year's, or else the last one set before it. */
export function targetFor(targets: readonly YearTarget[], year: number): number | undefined {
  return targetEntryFor(targets, year)?.value;
}

/** The target entry (value and source) that applies to a year. */
export function targetEntryFor(targets: readonly YearTarget[], year: number): YearTarget | undefined {
  return [...targets].filter((target) => target.year <= year).sort((a, b) => b.year - a.year)[0];
}

export function sortTargets(targets: readonly YearTarget[]): YearTarget[] {
  return [...targets].sort((a, b) => a.year - b.year);
}

/** Problems with a set of targets, as field errors (empty when sound). */
export function targetProblems(change: Targets): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const seen = new Set<number>();
  change.targets.forEach((target, index) => {
    if (seen.has(target.year)) {
      problems.push({
        field: `body.targets.${index}.year`,
        message: `The year ${target.year} appears twice.`,
      });
    }
    seen.add(target.year);
    if (target.year < change.baselineYear) {
      problems.push({
        field: `body.targets.${index}.year`,
        message: `A target year cannot be before the baseline year ${change.baselineYear}.`,
      });
    }
  });
  return problems;
}

const descriptionKeys = ['name', 'definition', 'level'] as const;
const targetKeys = ['baseline', 'baselineYear', 'baselineSource', 'targets'] as const;
type EditableKey = (typeof descriptionKeys)[number] | (typeof targetKeys)[number];

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Applies an edit to a definition: the new definition and the history entry that records it, or `undefined` when
 * the edit changes nothing (so that saving the same values twice does not fill the history).
 */
export function applyEdit(
  current: StoredDefinition,
  change: Partial<Description & Targets>,
  editor: { readonly subject: string; readonly at: Date; readonly reason?: string },
): { readonly next: StoredDefinition; readonly entry: HistoryEntry } | undefined {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const key of [...descriptionKeys, ...targetKeys] as EditableKey[]) {
    if (!(key in change) || change[key] === undefined) continue;
    const value = key === 'targets' ? sortTargets(change.targets ?? []) : change[key];
    if (same(current[key], value)) continue;
    before[key] = current[key];
    after[key] = value;
  }
  if (Object.keys(after).length === 0) return undefined;
  const version = current.version + 1;
  return {
    next: { ...current, ...after, version },
    entry: {
      version,
      changedAt: editor.at.toISOString(),
      changedBy: editor.subject,
      ...(editor.reason ? { reason: editor.reason } : {}),
      before: before,
      after: after,
    },
  };
}

/** The target in force for a year on a given date: replays the history backwards from the current definition. */
export function targetAsOf(
  current: StoredDefinition,
  history: readonly HistoryEntry[],
  year: number,
  asOf: string,
): number | undefined {
  let targets = current.targets;
  for (const entry of [...history].sort((a, b) => b.version - a.version)) {
    if (entry.changedAt <= asOf) break;
    if (entry.before.targets) targets = entry.before.targets;
  }
  return targetFor(targets, year);
}
