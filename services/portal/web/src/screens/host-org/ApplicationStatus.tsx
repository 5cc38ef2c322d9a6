import { Alert, Button, Card, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { StatusBadge } from '../../components/StatusBadge';
import { InstantText, regionName } from '../coordinator/common';
import { STATUS_TONE } from './labels';
import { type HostApplication, type Round } from './queries';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}

/**
 * A submitted application as the service decided it: its status; the eligibility with a reason for each failed
 * condition (and the coordinator's review, if any); the committee's scores once the service shows them; the
 * outcome with the rank or the reason.
 */
export function ApplicationStatus({
  application,
  round,
}: {
  application: HostApplication;
  round: Round | undefined;
}) {
  const { t } = useTranslation();
  const { eligibility, result, outcome } = application;
  return (
    <Stack gap="md" maw={820}>
      <Group gap="sm">
        <Text fw={700}>{t('hostOrg.application.status')}:</Text>
        <StatusBadge tone={STATUS_TONE[application.status]} data-testid="host-application-status">
          {t(`hostOrg.status.${application.status}`)}
        </StatusBadge>
        <Text>{regionName(t, application.region)}</Text>
      </Group>
      {application.submittedAt ? (
        <Text>
          {t('hostOrg.application.submittedAt')}: <InstantText value={application.submittedAt} />
        </Text>
      ) : null}

      <Section id="host-eligibility" title={t('hostOrg.application.eligibility')}>
        {eligibility ? (
          <Stack gap="xs">
            <Text data-testid="host-eligibility-decision">
              {t(`hostOrg.eligibility.${eligibility.decision}`)}
            </Text>
            {eligibility.reasons.length > 0 ? (
              <List>
                {eligibility.reasons.map((reason) => (
                  <List.Item key={reason}>{t(`hostOrg.reasons.${reason}`)}</List.Item>
                ))}
              </List>
            ) : null}
            {eligibility.review ? (
              <Text size="sm">
                {t('hostOrg.eligibility.reviewed')} (<InstantText value={eligibility.review.reviewedAt} />
                ): {eligibility.review.note}
              </Text>
            ) : (
              <Text size="sm" c="dimmed">
                {t('hostOrg.eligibility.notReviewed')}
              </Text>
            )}
          </Stack>
        ) : (
          <Text c="dimmed">{t('hostOrg.eligibility.pending')}</Text>
        )}
      </Section>

      <Section id="host-scores" title={t('hostOrg.application.scores')}>
        {result ? (
          <Stack gap="xs">
            <Text fw={700} data-testid="host-total-score">
              {t('hostOrg.scores.total', { score: result.totalScore, count: result.scorerCount })}
            </Text>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('hostOrg.scores.criterion')}</Table.Th>
                  <Table.Th>{t('hostOrg.scores.weight')}</Table.Th>
                  <Table.Th>{t('hostOrg.scores.score')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.criteria.map((criterion) => (
                  <Table.Tr key={criterion.code}>
                    <Table.Td>
                      {t(`hostOrg.criteria.${criterion.code}`, { defaultValue: criterion.code })}
                    </Table.Td>
                    <Table.Td>
                      {round?.rules?.hostOrganizationCriteria?.find((c) => c.code === criterion.code)
                        ?.weightPercent ?? '—'}
                      %
                    </Table.Td>
                    <Table.Td>{criterion.score}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        ) : (
          <Text c="dimmed">{t('hostOrg.scores.none')}</Text>
        )}
      </Section>

      <Section id="host-outcome" title={t('hostOrg.application.outcome')}>
        {outcome ? (
          <Stack gap="xs" data-testid="host-outcome">
            {application.status === 'selected' ? (
              <>
                <Alert color="teal" role="note">
                  {t('hostOrg.outcome.selected', {
                    rank: outcome.rank ?? '—',
                    score: outcome.totalScore ?? '—',
                  })}
                </Alert>
                <Button component={Link} to="/host-org/teams" w="fit-content">
                  {t('hostOrg.outcome.toTeams')}
                </Button>
              </>
            ) : (
              <Alert color="orange" role="note">
                {t('hostOrg.outcome.rejected', {
                  reason: t(`hostOrg.outcomeReasons.${outcome.reason ?? 'seats-filled'}`),
                })}
              </Alert>
            )}
            <Text size="sm">
              {t('hostOrg.outcome.decidedAt')}: <InstantText value={outcome.decidedAt} />
            </Text>
          </Stack>
        ) : (
          <Text c="dimmed">
            {application.status === 'withdrawn'
              ? t('hostOrg.outcome.withdrawn')
              : t('hostOrg.outcome.pending')}
          </Text>
        )}
      </Section>
    </Stack>
  );
}
