import { Alert, Badge, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { api, unwrap } from '../../api/client';
import { type components } from '../../api/generated/tracking';
import { ProblemError } from '../../api/problems';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { isLanguage } from '../../i18n';
import { formatDate } from '../../i18n/format';

type Status = components['schemas']['GrievanceStatus'];

const STATUS_COLOR: Record<Status['status'], string> = {
  lodged: 'blue',
  assigned: 'blue',
  answered: 'teal',
  resolved: 'green',
};

/**
 * Where a grievance stands, for whoever holds its tracking code: status, due date, the answer and the outcome. The
 * code is typed (or handed over by the form just sent) and is kept in the page only.
 */
export default function GrievanceStatusScreen() {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'ru';
  const handed = (useLocation().state as { code?: string } | null)?.code ?? '';
  const [typed, setTyped] = useState(handed);
  const [code, setCode] = useState(handed);
  const status = useQuery({
    queryKey: ['grievance-status', code],
    enabled: code !== '',
    retry: false,
    queryFn: () =>
      unwrap(
        api.tracking.GET('/grievances/status/{trackingCode}', { params: { path: { trackingCode: code } } }),
      ),
  });
  const notFound = status.error instanceof ProblemError && status.error.problem.status === 404;
  return (
    <>
      <PageTitle>{t('grievance.statusTitle')}</PageTitle>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setCode(typed.trim());
        }}
      >
        <Group align="flex-end" gap="sm" mb="md" wrap="wrap">
          <TextInput
            id="field-trackingCode"
            label={t('grievance.field.trackingCode')}
            placeholder="XXXX-XXXX-XXXX"
            autoComplete="off"
            autoCapitalize="characters"
            value={typed}
            onChange={(event) => setTyped(event.currentTarget.value)}
            error={notFound ? t('grievance.codeUnknown') : undefined}
            w={{ base: '100%', xs: 280 }}
          />
          <Button type="submit" loading={status.isFetching} data-testid="grievance-status-show">
            {t('grievance.show')}
          </Button>
        </Group>
      </form>
      {status.error && !notFound ? <ProblemAlert error={status.error} /> : null}
      {status.data ? (
        <Card
          withBorder
          padding="lg"
          component="section"
          aria-labelledby="grievance-state"
          data-testid="grievance-status"
        >
          <Group justify="space-between" align="flex-start" mb="xs">
            <Title order={2} size="h3" id="grievance-state">
              {t(`grievance.category.${status.data.category}`)}
            </Title>
            <Badge
              color={STATUS_COLOR[status.data.status]}
              variant="default"
              size="lg"
              data-testid="grievance-status-badge"
            >
              {t(`grievance.status.${status.data.status}`)}
            </Badge>
          </Group>
          <Stack gap={4}>
            <Text size="sm">
              {t('grievance.lodgedOn', { date: formatDate(status.data.lodgedAt, language) })}
            </Text>
            <Text size="sm">
              {t('grievance.dueOn', { date: formatDate(status.data.responseDueOn, language) })}
            </Text>
            {status.data.overdue ? <Alert color="orange">{t('grievance.overdue')}</Alert> : null}
            <Text mt="xs">{t(`grievance.statusText.${status.data.status}`)}</Text>
            {status.data.answer ? (
              <Card
                withBorder
                padding="md"
                mt="xs"
                bg="gray.0"
                component="section"
                aria-labelledby="grievance-answer"
              >
                <Title order={3} size="h4" mb={4} id="grievance-answer">
                  {t('grievance.answer')}
                </Title>
                <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="grievance-answer">
                  {status.data.answer}
                </Text>
                {status.data.answeredAt ? (
                  <Text size="sm" c="dimmed" mt={4}>
                    {formatDate(status.data.answeredAt, language)}
                  </Text>
                ) : null}
              </Card>
            ) : null}
            {status.data.outcome ? (
              <Text fw={700} mt="xs">
                {t('grievance.outcomeLabel')}: {t(`grievance.outcome.${status.data.outcome}`)}
              </Text>
            ) : null}
          </Stack>
        </Card>
      ) : null}
    </>
  );
}
