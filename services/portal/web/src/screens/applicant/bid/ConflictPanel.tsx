import { Alert, Button, Card, Radio, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { type TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type BidContent, type BidField } from './content';
import { type Choice } from './merge';
import { type Conflict } from './useDraft';

/** A field's value as a person reads it (lists line by line). */
function shown(content: BidContent, field: BidField, t: TFunction): string {
  const value = content[field];
  if (field === 'budgetLines')
    return (
      content.budgetLines
        .map((line) => `${t(`bid.categories.${line.category}`)}: ${line.amountKzt}`)
        .join('\n') || '—'
    );
  if (field === 'activities')
    return (
      content.activities.map((activity) => `${activity.month}: ${activity.description}`).join('\n') || '—'
    );
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  return typeof value === 'string' || typeof value === 'number' ? String(value) || '—' : '—';
}

/**
 * Another member saved while this person was editing: for each field both changed, both versions side by side and
 * the choice of which to keep. What only one of them changed is already merged; nothing is lost without a choice.
 */
export function ConflictPanel({
  conflict,
  onResolve,
}: {
  conflict: Conflict;
  onResolve: (choices: Partial<Record<BidField, Choice>>) => void;
}) {
  const { t } = useTranslation();
  const [choices, setChoices] = useState<Partial<Record<BidField, Choice>>>({});
  const complete = conflict.merge.conflicts.every((field) => choices[field] !== undefined);
  return (
    <Alert color="blue" title={t('bid.conflict.title')} mb="md" role="alert">
      <Text mb="sm">{t('bid.conflict.text')}</Text>
      <Stack gap="md">
        {conflict.merge.conflicts.map((field) => (
          <Card key={field} withBorder padding="sm">
            <Title order={3} size="h5" mb="xs">
              {t(`bid.fields.${field}`)}
            </Title>
            <Radio.Group
              value={choices[field] ?? ''}
              onChange={(value) => setChoices((current) => ({ ...current, [field]: value as Choice }))}
              aria-label={t(`bid.fields.${field}`)}
            >
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Radio.Card value="mine" p="sm" radius="sm" data-testid={`keep-mine-${field}`}>
                  <Text fw={600} size="sm">
                    {t('bid.conflict.mine')}
                  </Text>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {shown(conflict.mine, field, t)}
                  </Text>
                </Radio.Card>
                <Radio.Card value="theirs" p="sm" radius="sm" data-testid={`take-theirs-${field}`}>
                  <Text fw={600} size="sm">
                    {t('bid.conflict.theirs')}
                  </Text>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {shown(conflict.theirs.content, field, t)}
                  </Text>
                </Radio.Card>
              </SimpleGrid>
            </Radio.Group>
          </Card>
        ))}
        <Button w="fit-content" disabled={!complete} onClick={() => onResolve(choices)}>
          {t('bid.conflict.apply')}
        </Button>
      </Stack>
    </Alert>
  );
}
