import { Alert, Anchor, Button, Group, Loader, Select, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage } from '../../i18n';
import { formatValue, semestersUntil } from './format';
import { IndicatorDetails } from './IndicatorDetails';
import { useFramework } from './queries';
import { SnapshotNote } from './SnapshotNote';

const ARROWS = { up: '▲', down: '▼', flat: '▬', none: '·' } as const;

/** The results-framework table of a semester, as in a World Bank status report. */
export function FrameworkView(props: {
  semester: string;
  region: string;
  onSemester: (semester: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'ru';
  const table = useFramework(props.semester, props.region);
  const [details, setDetails] = useState<string | null>(null);
  const semesters = semestersUntil(new Date());
  const query = new URLSearchParams({ semester: props.semester, lang: language });
  if (props.region) query.set('region', props.region);
  return (
    <>
      <Group justify="space-between" align="end" mb="sm">
        <Select
          label={t('results.filters.semester')}
          data={semesters.map((value) => ({
            value,
            label: t('results.filters.semesterOption', { year: value.slice(0, 4), half: value.slice(-1) }),
          }))}
          value={props.semester}
          onChange={(value) => value && props.onSemester(value)}
          allowDeselect={false}
          w={240}
        />
        <Group gap="xs" className="no-print">
          {(['csv', 'xlsx'] as const).map((format) => (
            <Button
              key={format}
              component="a"
              variant="default"
              size="xs"
              href={`/api/reporting/exports/results-framework?${query.toString()}&format=${format}`}
            >
              {t('results.actions.download', { format: format.toUpperCase() })}
            </Button>
          ))}
        </Group>
      </Group>
      {table.isPending ? (
        <Loader />
      ) : table.isError ? (
        <Alert color="red">{t('results.errors.noData')}</Alert>
      ) : (
        <>
          <Table.ScrollContainer minWidth={900}>
            <Table striped withTableBorder highlightOnHover data-framework="" fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('results.table.code')}</Table.Th>
                  <Table.Th scope="col">{t('results.table.indicator')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('results.table.baseline')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('results.table.target')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('results.table.actual')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('results.table.period')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('results.table.share')}
                  </Table.Th>
                  <Table.Th scope="col">{t('results.table.trend')}</Table.Th>
                  <Table.Th scope="col" className="no-print">
                    {t('results.table.source')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(['pdo', 'intermediate'] as const).flatMap((level) => [
                  <Table.Tr key={level}>
                    <Table.Th colSpan={9} scope="colgroup" bg="gray.1">
                      {t(`results.table.${level}`)}
                    </Table.Th>
                  </Table.Tr>,
                  ...table.data.rows
                    .filter((row) => row.level === level)
                    .map((row) => {
                      const unit = row.unit;
                      const trend =
                        row.actual === null || row.previousActual === null
                          ? 'none'
                          : row.actual > row.previousActual
                            ? 'up'
                            : row.actual < row.previousActual
                              ? 'down'
                              : 'flat';
                      return (
                        <Table.Tr key={row.code} data-row={row.code}>
                          <Table.Td>
                            <Anchor
                              component="button"
                              type="button"
                              onClick={() => setDetails(row.code)}
                              fz="sm"
                            >
                              {row.code}
                            </Anchor>
                          </Table.Td>
                          <Table.Td>{row.name[language]}</Table.Td>
                          <Table.Td ta="right">{formatValue(row.baseline, unit, language)}</Table.Td>
                          <Table.Td ta="right" data-cell="target">
                            {formatValue(row.target, unit, language)}
                          </Table.Td>
                          <Table.Td ta="right" data-cell="actual">
                            {formatValue(row.actual, unit, language)}
                          </Table.Td>
                          <Table.Td ta="right">{formatValue(row.periodValue, unit, language)}</Table.Td>
                          <Table.Td ta="right">
                            {formatValue(row.shareOfTarget, 'percent', language)}
                          </Table.Td>
                          <Table.Td>
                            <span aria-hidden>{ARROWS[trend]}</span>{' '}
                            <Text span size="xs">
                              {t(`results.trend.${trend}`)}
                            </Text>
                          </Table.Td>
                          <Table.Td className="no-print">
                            <Group gap={6} wrap="nowrap">
                              <Anchor
                                component="button"
                                type="button"
                                fz="xs"
                                onClick={() => setDetails(row.code)}
                                aria-label={t('results.definition.open', { code: row.code })}
                              >
                                {t('results.source.definition')}
                              </Anchor>
                              <Anchor fz="xs" href={`/api/reporting${row.source.rows}`}>
                                {t('results.source.rows')}
                              </Anchor>
                            </Group>
                          </Table.Td>
                        </Table.Tr>
                      );
                    }),
                ])}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <SnapshotNote snapshot={table.data.snapshot} />
        </>
      )}
      <IndicatorDetails code={details} onClose={() => setDetails(null)} />
    </>
  );
}
