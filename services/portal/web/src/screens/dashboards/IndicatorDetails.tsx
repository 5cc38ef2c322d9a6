import { Anchor, List, Loader, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../i18n/format';
import { isLanguage } from '../../i18n';
import { formatValue } from './format';
import { useIndicatorHistory, useIndicators } from './queries';

/** An indicator's definition, yearly targets with their sources, and the history of changes to them. */
export function IndicatorDetails(props: { code: string | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'ru';
  const indicators = useIndicators();
  const history = useIndicatorHistory(props.code);
  const definition = indicators.data?.items.find((item) => item.code === props.code);
  const unit = definition?.unit ?? 'count';
  const targetsText = (targets: readonly { year: number; value: number }[] | undefined) =>
    (targets ?? [])
      .map((target) => `${target.year}: ${formatValue(target.value, unit, language)}`)
      .join('; ');
  return (
    <Modal
      opened={props.code !== null}
      onClose={props.onClose}
      size="xl"
      title={props.code ? t('results.definition.title', { code: props.code }) : ''}
      closeButtonProps={{ 'aria-label': t('results.actions.close') }}
    >
      {!definition ? (
        <Loader size="sm" />
      ) : (
        <Stack gap="sm">
          <Title order={2} size="h4">
            {definition.name[language]}
          </Title>
          <Text>{definition.definition[language]}</Text>
          <Text size="sm">
            {t('results.definition.unit')}: {t(`results.units.${definition.unit}`)} ·{' '}
            {t('results.definition.level')}: {t(`results.levels.${definition.level}`)} ·{' '}
            {t('results.table.baseline')}: {formatValue(definition.baseline, unit, language)} (
            {definition.baselineYear})
          </Text>
          <Table striped withTableBorder fz="sm">
            <caption style={{ captionSide: 'top', textAlign: 'left', fontWeight: 600 }}>
              {t('results.definition.targets')}
            </caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('results.definition.year')}</Table.Th>
                <Table.Th scope="col">{t('results.table.target')}</Table.Th>
                <Table.Th scope="col">{t('results.table.source')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {definition.targets.map((target) => (
                <Table.Tr key={target.year} data-target-year={target.year}>
                  <Table.Td>{target.year}</Table.Td>
                  <Table.Td data-target-value={target.value}>
                    {formatValue(target.value, unit, language)}
                  </Table.Td>
                  <Table.Td>
                    {target.source?.url ? (
                      <Anchor href={target.source.url} target="_blank" rel="noreferrer">
                        {target.source.title}
                      </Anchor>
                    ) : (
                      target.source?.title
                    )}
                    {target.source?.note ? <Text size="xs">{target.source.note}</Text> : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Title order={3} size="h5">
            {t('results.definition.history')}
          </Title>
          {history.isPending ? (
            <Loader size="sm" />
          ) : (history.data?.items.length ?? 0) === 0 ? (
            <Text size="sm">{t('results.definition.noHistory')}</Text>
          ) : (
            <List size="sm" spacing="xs" data-history="">
              {history.data?.items.map((entry) => (
                <List.Item key={entry.version} data-history-version={entry.version}>
                  <Text size="sm" fw={600}>
                    {t('results.definition.change', {
                      date: formatDate(entry.changedAt, language),
                      version: entry.version,
                      who: entry.changedBy,
                    })}
                  </Text>
                  {entry.before.targets ? (
                    <Text size="sm">
                      {t('results.definition.was', { targets: targetsText(entry.before.targets) })}
                    </Text>
                  ) : null}
                  {entry.after.targets ? (
                    <Text size="sm">
                      {t('results.definition.became', { targets: targetsText(entry.after.targets) })}
                    </Text>
                  ) : null}
                  {entry.reason ? (
                    <Text size="sm">{t('results.definition.reason', { reason: entry.reason })}</Text>
                  ) : null}
                </List.Item>
              ))}
            </List>
          )}
        </Stack>
      )}
    </Modal>
  );
}
