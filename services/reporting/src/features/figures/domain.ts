import { disaggregationDimensions } from '@zhas/contracts';
import { type Aggregation, type Timing } from '../framework/domain';
import { type Observation, observeEach, round2, type Selection, select } from '../indicators/compute';
import { type Facts } from '../indicators/facts';
import { funnelEach } from './funnel';

/*
 * Figures are read from a tally of the read models, not from the read models themselves: every observation of
 * every indicator is added into a cell named by everything a reader can filter or split by (date, end date for
 * stocks, round, region, and the participant's attributes), so that a national programme's millions of
 * observations become a few hundred thousand cells. A tally is taken at one moment, from one generation, after the
 * live consumer had processed the topics up to known offsets: that is the snapshot every number says it comes
 * from. Cells hold sums, so a value computed from cells is exactly the value computed from the observations.
 */

/** Observations added together: the same shape, with how many there were (the people or facts behind it). */
export interface Cell extends Observation {
  readonly n: number;
}

export interface PartitionOffset {
  readonly topic: string;
  readonly partition: number;
  /** Every event before this offset had been applied to the read models when the tally began. */
  readonly offset: string;
}

/** What a figure came from: the tally's id, when it was taken, from which generation, up to which offsets. */
export interface SnapshotInfo {
  readonly id: string;
  readonly asOf: string;
  readonly generation: number;
  readonly offsets: readonly PartitionOffset[];
  readonly observations: number;
  readonly cells: number;
  /** How long taking the tally took, in milliseconds. */
  readonly tookMs: number;
}

export interface Tally {
  readonly cells: ReadonlyMap<string, readonly Cell[]>;
  readonly observations: number;
}

function cellKey(observation: Observation): string {
  let key = `${observation.on}|${observation.until ?? ''}|${observation.roundId}|${observation.region}`;
  for (const dimension of disaggregationDimensions) key += `|${observation.dims[dimension] ?? ''}`;
  return key;
}

/** Adds observations into cells as they come. */
export class TallyBuilder {
  private readonly byCode = new Map<string, Map<string, { -readonly [K in keyof Cell]: Cell[K] }>>();
  private count = 0;

  add(code: string, observation: Observation): void {
    this.addCell(code, { ...observation, n: 1 });
  }

  /** Adds a cell (observations already added up). */
  addCell(code: string, observation: Cell): void {
    this.count += observation.n;
    let cells = this.byCode.get(code);
    if (!cells) {
      cells = new Map();
      this.byCode.set(code, cells);
    }
    const key = cellKey(observation);
    const cell = cells.get(key);
    if (cell) {
      cell.num += observation.num;
      cell.den += observation.den;
      cell.n += observation.n;
    } else {
      cells.set(key, { ...observation });
    }
  }

  /** The cells of each indicator, in date order (so that date ranges can be cut by bisection). */
  build(): Tally {
    const cells = new Map<string, Cell[]>();
    for (const [code, byKey] of this.byCode) {
      cells.set(
        code,
        [...byKey.values()].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0)),
      );
    }
    return { cells, observations: this.count };
  }
}

/** The tally of every indicator, and of the selection funnel, over the read models' documents. */
export function tallyFacts(facts: Facts): Tally {
  const builder = new TallyBuilder();
  addFacts(builder, facts);
  return builder.build();
}

/**
 * Adds documents to a tally. Documents about unrelated bids may come in separate calls (a benchmark builds a
 * national programme's tally bid batch by bid batch); those of one bid, its team, members and project must come
 * together.
 */
export function addFacts(builder: TallyBuilder, facts: Facts): void {
  const add = (code: string, observation: Observation) => builder.add(code, observation);
  observeEach(facts, add);
  funnelEach(facts, add);
}

/** The first index whose date is after `date` (cells sorted by `on`). */
function firstAfter(cells: readonly Cell[], date: string): number {
  let low = 0;
  let high = cells.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (cells[middle]!.on <= date) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The first index whose date is on or after `date`. */
function firstFrom(cells: readonly Cell[], date: string): number {
  let low = 0;
  let high = cells.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (cells[middle]!.on < date) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The cells that count for a selection, as `select` decides, but cutting the date range by bisection first: a
 * dashboard asks for many periods of the same indicator.
 */
export function selectCells(cells: readonly Cell[], timing: Timing, selection: Selection): Cell[] {
  const start = timing === 'flow' && selection.from !== undefined ? firstFrom(cells, selection.from) : 0;
  const end = selection.to !== undefined ? firstAfter(cells, selection.to) : cells.length;
  return select(cells.slice(start, end), timing, selection) as Cell[];
}

export interface BehindRow {
  readonly roundId: string;
  readonly region: string;
  /** The month of the facts ('2019-07'); for stocks, the month they started counting. */
  readonly month: string;
  readonly n: number;
  readonly numerator: number;
  readonly denominator: number;
}

/** The rows behind a figure: its cells added up by round, region and month. */
export function rowsBehind(cells: readonly Cell[]): BehindRow[] {
  const groups = new Map<string, { roundId: string; region: string; month: string; cells: Cell[] }>();
  for (const cell of cells) {
    const month = cell.on.slice(0, 7);
    // The region as the reader sees it: on the comparable basis, the region's group.
    const region = cell.dims.region ?? cell.region;
    const key = `${cell.roundId}|${region}|${month}`;
    const group = groups.get(key);
    if (group) group.cells.push(cell);
    else groups.set(key, { roundId: cell.roundId, region, month, cells: [cell] });
  }
  const rows = [...groups.values()].map(({ cells: added, ...place }) => ({ ...place, ...sumCells(added) }));
  return rows.sort(
    (a, b) =>
      a.roundId.localeCompare(b.roundId) ||
      a.region.localeCompare(b.region) ||
      a.month.localeCompare(b.month),
  );
}

/** The cells added up. */
export function sumCells(cells: readonly Cell[]): { n: number; numerator: number; denominator: number } {
  let n = 0;
  let numerator = 0;
  let denominator = 0;
  for (const cell of cells) {
    n += cell.n;
    numerator += cell.num;
    denominator += cell.den;
  }
  return { n, numerator, denominator };
}

/** A value from sums, as `measure` computes it. */
export function valueFrom(numerator: number, denominator: number, aggregation: Aggregation): number | null {
  switch (aggregation) {
    case 'sum':
      return numerator;
    case 'percent':
      return denominator === 0 ? null : round2((100 * numerator) / denominator);
    case 'mean':
      return denominator === 0 ? null : round2(numerator / denominator);
  }
}
