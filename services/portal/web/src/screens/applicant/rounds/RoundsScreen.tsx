import { Alert, Card, Group, List, Loader, SimpleGrid, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { PageTitle } from '../../../components/PageTitle';
import { isLanguage } from '../../../i18n';
import { formatDate, formatTenge } from '../../../i18n/format';

/** The open rounds with their rules: who may apply, when, with how large a team, for how much. */
export default function RoundsScreen() {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'ru';
  const rounds = useQuery({
    queryKey: ['rounds', 'published'],
    queryFn: () => unwrap(api.competitions.GET('/rounds', { params: { query: { status: ['published'] } } })),
  });
  return (
    <>
      <PageTitle>{t('rounds.title')}</PageTitle>
      {rounds.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      <ProblemAlert error={rounds.error} />
      {rounds.data && rounds.data.items.length === 0 ? <Alert color="blue">{t('rounds.none')}</Alert> : null}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        {rounds.data?.items.map((round) => {
          const rules = round.rules;
          const window = round.youthApplicationWindow;
          return (
            <Card key={round.roundId} withBorder padding="lg" component="article">
              <Group justify="space-between" mb="xs" wrap="nowrap" align="flex-start">
                <Title order={2} size="h3">
                  {round.title?.[language] ?? round.roundId}
                </Title>
                <Text fw={700} c="dimmed">
                  {round.year}
                </Text>
              </Group>
              {window ? (
                <Text mb="sm">
                  {t('rounds.window', {
                    opens: formatDate(window.opensAt, language),
                    closes: formatDate(window.closesAt, language),
                  })}
                </Text>
              ) : null}
              <List size="sm" spacing={4}>
                {rules?.ageRange ? (
                  <List.Item>
                    {t('rounds.ages', { min: rules.ageRange.min, max: rules.ageRange.max })}
                  </List.Item>
                ) : null}
                {rules?.teamSize ? (
                  <List.Item>
                    {t('rounds.team', { min: rules.teamSize.min, max: rules.teamSize.max })}
                  </List.Item>
                ) : null}
                {rules?.grantCeilingKzt ? (
                  <List.Item>
                    {t('rounds.ceiling', { amount: formatTenge(rules.grantCeilingKzt, language) })}
                  </List.Item>
                ) : null}
                {rules?.projectDurationMonths ? (
                  <List.Item>{t('rounds.duration', { months: rules.projectDurationMonths })}</List.Item>
                ) : null}
                {round.regions?.length ? (
                  <List.Item>
                    {t('rounds.regions', {
                      regions: round.regions
                        .map((region) => t(`regions.${region}`, { defaultValue: region }))
                        .join(', '),
                    })}
                  </List.Item>
                ) : null}
              </List>
            </Card>
          );
        })}
      </SimpleGrid>
    </>
  );
}
