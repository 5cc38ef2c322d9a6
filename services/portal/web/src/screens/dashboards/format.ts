import { formatNumber, formatTenge } from '../../i18n/format';
import { type Language } from '../../i18n';

/** The portal's regions, in the order of the map's legend and of the filters. */
export const REGION_IDS = [
  'abai',
  'akmola',
  'aktobe',
  'almaty-region',
  'atyrau',
  'east-kazakhstan',
  'zhambyl',
  'zhetisu',
  'west-kazakhstan',
  'karaganda',
  'kostanay',
  'kyzylorda',
  'mangystau',
  'pavlodar',
  'north-kazakhstan',
  'turkistan',
  'ulytau',
  'astana',
  'almaty',
  'shymkent',
] as const;

export type Unit = 'count' | 'percent' | 'kzt' | 'days' | 'score';

/** A figure in its unit: counts grouped, percents with one decimal, tenge with the sign, days with one decimal. */
export function formatValue(value: number | null | undefined, unit: Unit, language: Language): string {
  if (value === null || value === undefined) return '–';
  switch (unit) {
    case 'kzt':
      return formatTenge(value, language);
    case 'percent':
      return `${formatNumber(value, language, Number.isInteger(value) ? 0 : 1)}%`;
    case 'days':
    case 'score':
      return formatNumber(value, language, Number.isInteger(value) ? 0 : 1);
    case 'count':
      return formatNumber(value, language);
  }
}

/** The semesters from the programme's first (2017-S1) to the current one, newest first. */
export function semestersUntil(today: Date): string[] {
  const year = today.getUTCFullYear();
  const half = today.getUTCMonth() < 6 ? 1 : 2;
  const list: string[] = [];
  for (let y = 2017; y <= year; y += 1) {
    for (const h of [1, 2]) if (y < year || h <= half) list.push(`${y}-S${h}`);
  }
  return list.reverse();
}

/** The years from the programme's first to the current one, newest first. */
export function yearsUntil(today: Date): number[] {
  const list: number[] = [];
  for (let y = today.getUTCFullYear(); y >= 2017; y -= 1) list.push(y);
  return list;
}
