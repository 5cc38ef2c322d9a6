import { type BidContent, type BidField, sameValue } from './content';

export type Choice = 'mine' | 'theirs';

export interface DraftMerge {
  /** The fields both sides changed in different ways: the person chooses, field by field. */
  readonly conflicts: readonly BidField[];
  /** Every other field: the side that changed it (or the base when neither did); conflicts hold "mine" for now. */
  readonly merged: BidContent;
}

/**
 * Another member saved the draft while this person was editing it (the service answered 409 stale-version).
 * `base` is the version this person started from, `mine` what they have now, `theirs` what was saved meanwhile.
 * A field only one side changed is taken from that side; a field both changed differently is a conflict, shown with
 * both versions. Nothing is dropped without the person choosing it.
 */
export function mergeDrafts(base: BidContent, mine: BidContent, theirs: BidContent): DraftMerge {
  const conflicts: BidField[] = [];
  const merged: Record<string, unknown> = {};
  for (const field of Object.keys(theirs) as BidField[]) {
    const mineChanged = !sameValue(base[field], mine[field]);
    const theirsChanged = !sameValue(base[field], theirs[field]);
    if (mineChanged && theirsChanged && !sameValue(mine[field], theirs[field])) conflicts.push(field);
    merged[field] = mineChanged ? mine[field] : theirs[field];
  }
  return { conflicts, merged: merged as BidContent };
}

/** The content once the person chose a side for each conflicting field (a field not chosen keeps theirs: mine is
 * still on screen until they choose, and the form offers no save before every conflict is chosen). */
export function resolveMerge(
  merge: DraftMerge,
  mine: BidContent,
  theirs: BidContent,
  choices: Readonly<Partial<Record<BidField, Choice>>>,
): BidContent {
  const resolved: Record<string, unknown> = { ...merge.merged };
  for (const field of merge.conflicts) {
    resolved[field] = (choices[field] ?? 'theirs') === 'mine' ? mine[field] : theirs[field];
  }
  return resolved as BidContent;
}
