import { Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/*
 * A schematic map of Kazakhstan's regions drawn in code (no map data to license): one tile per region, placed as
 * the regions lie (north at the top, the Caspian at the left). Tiles are coloured by value; a withheld value is
 * hatched. On the comparable basis, the regions of a group (Almaty oblast with Zhetisu, ...) share their group's
 * value. The same numbers are in the table under it, for screen readers and for print.
 */

/** Column and row of each region's tile. */
const TILES: Readonly<Record<string, readonly [number, number]>> = {
  kostanay: [2, 0],
  'north-kazakhstan': [3, 0],
  pavlodar: [4, 0],
  'west-kazakhstan': [0, 1],
  aktobe: [1, 1],
  akmola: [3, 1],
  astana: [4, 1],
  abai: [5, 1],
  'east-kazakhstan': [6, 1],
  atyrau: [0, 2],
  ulytau: [2, 2],
  karaganda: [3, 2],
  zhetisu: [5, 2],
  mangystau: [0, 3],
  kyzylorda: [1, 3],
  'almaty-region': [4, 3],
  turkistan: [1, 4],
  shymkent: [2, 4],
  zhambyl: [3, 4],
  almaty: [4, 4],
};

/** On the comparable basis: the group each region is counted in (the server's crosswalk groups). */
export type Groups = Readonly<Record<string, readonly string[]>>;

export interface MapValue {
  readonly key: string;
  readonly value: number | null;
  readonly suppressed: boolean;
}

const SIZE = 88;
const GAP = 6;
const COLOURS = ['#e6f4f1', '#b2dfd6', '#6fc1b1', '#1f7a69', '#0b5345'];

export function RegionTileMap(props: {
  values: readonly MapValue[];
  groups?: Groups;
  caption: string;
  format: (value: number) => string;
}) {
  const { t } = useTranslation();
  const byKey = new Map(props.values.map((entry) => [entry.key, entry]));
  const groupOf = new Map<string, string>();
  for (const [group, members] of Object.entries(props.groups ?? {})) {
    for (const member of members) groupOf.set(member, group);
  }
  const shown = (region: string) => byKey.get(groupOf.get(region) ?? region);
  const numbers = props.values.flatMap((entry) => (entry.value === null ? [] : [entry.value]));
  const max = Math.max(1, ...numbers);
  const shade = (value: number) => Math.min(4, Math.floor((value / max) * 4.999));
  const width = 7 * (SIZE + GAP);
  const height = 5 * (SIZE + GAP);
  const former = props.values.filter(
    (entry) => !(entry.key in TILES) && !(props.groups && entry.key in props.groups),
  );
  return (
    <figure style={{ margin: 0 }}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={props.caption}
        style={{ width: '100%', maxWidth: 720, height: 'auto' }}
        data-map=""
      >
        <defs>
          <pattern
            id="withheld"
            width="8"
            height="8"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="8" height="8" fill="#f1f3f5" />
            <line x1="0" y1="0" x2="0" y2="8" stroke="#868e96" strokeWidth="3" />
          </pattern>
        </defs>
        {Object.entries(TILES).map(([region, [column, row]]) => {
          const entry = shown(region);
          const x = column * (SIZE + GAP);
          const y = row * (SIZE + GAP);
          const fill = !entry
            ? '#ffffff'
            : entry.suppressed || entry.value === null
              ? 'url(#withheld)'
              : COLOURS[shade(entry.value)];
          // White text on the two darkest shades keeps the contrast above 4.5:1.
          const dark =
            entry !== undefined && !entry.suppressed && entry.value !== null && shade(entry.value) >= 3;
          const label = entry
            ? entry.suppressed
              ? t('results.withheld')
              : entry.value === null
                ? '–'
                : props.format(entry.value)
            : '';
          return (
            <g key={region} data-region={region}>
              <title>{`${t(`regions.${region}`)}: ${label || t('results.map.noData')}`}</title>
              <rect
                x={x}
                y={y}
                width={SIZE}
                height={SIZE}
                rx={8}
                fill={fill}
                stroke="#495057"
                strokeWidth={1.5}
              />
              <text
                x={x + SIZE / 2}
                y={y + 30}
                textAnchor="middle"
                fontSize={17}
                fontWeight={700}
                fill={dark ? '#ffffff' : '#212529'}
              >
                {t(`regionCodes.${region}`)}
              </text>
              <text
                x={x + SIZE / 2}
                y={y + 60}
                textAnchor="middle"
                fontSize={label.length > 7 ? 12 : 16}
                fill={dark ? '#ffffff' : '#212529'}
              >
                {label}
              </text>
            </g>
          );
        })}
      </svg>
      {/* The scale from zero to the largest value shown (the table below has every number). */}
      <Group gap="xs" mt="xs" aria-hidden data-map-legend="">
        <Text size="sm">{props.format(0)}</Text>
        {COLOURS.map((fill) => (
          <span
            key={fill}
            style={{
              display: 'inline-block',
              width: 28,
              height: 14,
              background: fill,
              border: '1px solid #495057',
            }}
          />
        ))}
        <Text size="sm">{props.format(max)}</Text>
        <span
          style={{
            display: 'inline-block',
            width: 28,
            height: 14,
            background: 'repeating-linear-gradient(45deg,#f1f3f5 0 4px,#868e96 4px 6px)',
            border: '1px solid #495057',
          }}
        />
        <Text size="sm">{t('results.map.withheld')}</Text>
      </Group>
      <Table mt="sm" striped withTableBorder fz="sm" data-map-table="">
        <caption style={{ captionSide: 'top', textAlign: 'left', fontWeight: 600 }}>{props.caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('results.filters.region')}</Table.Th>
            <Table.Th scope="col" style={{ textAlign: 'right' }}>
              {t('results.table.value')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.values.map((entry) => (
            <Table.Tr key={entry.key}>
              <Table.Th scope="row" fw={400}>
                {props.groups && entry.key in props.groups && (props.groups[entry.key]?.length ?? 0) > 1
                  ? t('results.map.withGroup', { region: t(`regions.${entry.key}`) })
                  : t(`regions.${entry.key}`, { defaultValue: entry.key })}
              </Table.Th>
              <Table.Td
                style={{ textAlign: 'right' }}
                data-value={entry.suppressed ? 'withheld' : String(entry.value)}
              >
                {entry.suppressed
                  ? t('results.withheld')
                  : entry.value === null
                    ? '–'
                    : props.format(entry.value)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {former.length > 0 ? (
        <Text size="sm" mt="xs">
          {t('results.map.former')}:{' '}
          {former.map((entry) => t(`regions.${entry.key}`, { defaultValue: entry.key })).join(', ')}
        </Text>
      ) : null}
    </figure>
  );
}
