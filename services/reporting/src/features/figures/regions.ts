import { regionCrosswalk } from '@zhas/kz';
import { type Tally, TallyBuilder } from './domain';

/*
 * Regions across the map changes of 2018 (South Kazakhstan split into Turkistan oblast and Shymkent city) and 2022
 * (Abai, Zhetisu and Ulytau oblasts formed from East Kazakhstan, Almaty and Karaganda oblasts), from the crosswalk
 * in @zhas/kz. Facts are recorded under the region in force on their date, so a series for Almaty oblast drops
 * in June 2022 when Zhetisu takes part of it. On the 'comparable' basis every region is counted under the oldest
 * region of its group (regions linked by a change), which covers the same territory before and after.
 */

export const regionBases = ['recorded', 'comparable'] as const;
export type RegionBasis = (typeof regionBases)[number];

function groupsFromCrosswalk(): Map<string, string> {
  const groupOf = new Map<string, string>();
  // The crosswalk is in date order: the first region a group meets is its oldest one.
  for (const change of regionCrosswalk) {
    const group = groupOf.get(change.from) ?? change.from;
    for (const region of [change.from, ...change.to]) {
      const previous = groupOf.get(region);
      if (previous !== undefined && previous !== group) {
        for (const [member, of] of groupOf) if (of === previous) groupOf.set(member, group);
      }
      groupOf.set(region, group);
    }
  }
  return groupOf;
}

const groups = groupsFromCrosswalk();

/** The comparable group a recorded region belongs to (itself when no change touched it). */
export function comparableRegionOf(region: string): string {
  return groups.get(region) ?? region;
}

/** The recorded regions of a comparable group (the region itself when no change touched it). */
export function membersOfComparable(group: string): string[] {
  const members = [...groups.entries()].filter(([, of]) => of === group).map(([region]) => region);
  return members.length > 0 ? members : [group];
}

/** Every group with more than one region, for a legend: group -> its recorded regions. */
export function comparableGroups(): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [region, group] of groups) (result[group] ??= []).push(region);
  return result;
}

const views = new WeakMap<Tally, Tally>();

/**
 * The same tally with each cell's region dimension on the comparable basis (cells that now fall together are
 * added up). A cell keeps its recorded `region`, which selections filter on, so that a reader limited to some
 * regions still counts only those. Kept per tally: a snapshot's view is made once.
 */
export function comparableView(tally: Tally): Tally {
  const known = views.get(tally);
  if (known) return known;
  const builder = new TallyBuilder();
  for (const [code, cells] of tally.cells) {
    for (const cell of cells) {
      const region = cell.dims.region;
      const dims = region === undefined ? cell.dims : { ...cell.dims, region: comparableRegionOf(region) };
      builder.addCell(code, { ...cell, dims });
    }
  }
  const view = { ...builder.build(), observations: tally.observations };
  views.set(tally, view);
  return view;
}
