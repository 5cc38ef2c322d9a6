import { Anchor, Group, List, Stack, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { isLanguage } from '../../i18n';
import { hasRole, useSession } from '../../session';
import { ShareBar } from '../dashboards/ShareBar';
import { useUrlState } from '../dashboards/state';
import { Headline, PeriodSelect, PublicBreakdown, PublicMap } from './PublicFigures';

/** The programme's results for everyone, without signing in; the view is in the address, and embeddable. */
export default function ResultsScreen() {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'ru';
  const session = useSession();
  const [state, set] = useUrlState({ period: 'all', code: 'PDO-1', dimension: 'sex', basis: 'recorded' });
  const embed = new URLSearchParams({ ...state, lang: language });
  const snippet = `<iframe src="${window.location.origin}/embed/results?${embed.toString()}" title="${t('results.public.title')}" width="100%" height="900" style="border:0" loading="lazy"></iframe>`;
  const exportQuery = new URLSearchParams({ period: state.period, lang: language });
  return (
    <>
      <Group justify="space-between" align="start" wrap="wrap">
        <PageTitle>{t('results.public.title')}</PageTitle>
        <ShareBar />
      </Group>
      <Text mb="md" maw={820}>
        {t('results.public.lead')}
      </Text>
      <Group mb="md" className="no-print">
        <PeriodSelect value={state.period} onChange={(period) => set({ period })} />
      </Group>
      <Stack gap="xl">
        <section aria-labelledby="headline">
          <Title order={2} size="h3" id="headline" mb="sm">
            {t('results.public.headline')}
          </Title>
          <Headline period={state.period} />
        </section>
        <section aria-labelledby="map">
          <Title order={2} size="h3" id="map" mb="sm">
            {t('results.views.map')}
          </Title>
          <PublicMap state={state} onChange={set} />
        </section>
        <section aria-labelledby="breakdown">
          <Title order={2} size="h3" id="breakdown" mb="sm">
            {t('results.public.breakdown')}
          </Title>
          <PublicBreakdown state={state} onChange={set} />
        </section>
        <section aria-labelledby="open-data" className="no-print">
          <Title order={2} size="h3" id="open-data" mb="sm">
            {t('results.public.openData')}
          </Title>
          <List spacing={4}>
            <List.Item>
              <Anchor href="/api/reporting/open-data/iati-activities.xml">
                {t('results.public.iati', { standard: 'IATI 2.03' })}
              </Anchor>
            </List.Item>
            <List.Item>
              <Anchor href="/api/reporting/open-data/360giving.json">
                {t('results.public.giving', { standard: '360Giving 1.4' })}
              </Anchor>
            </List.Item>
            {(['csv', 'xlsx'] as const).map((format) => (
              <List.Item key={format}>
                <Anchor href={`/api/reporting/open-data/grants?format=${format}`}>
                  {t('results.public.grantsTable', { format: format.toUpperCase() })}
                </Anchor>
                {' · '}
                <Anchor
                  href={`/api/reporting/public/exports/headline?${exportQuery.toString()}&format=${format}`}
                >
                  {t('results.actions.download', { format: format.toUpperCase() })}
                </Anchor>
              </List.Item>
            ))}
          </List>
        </section>
        <section aria-labelledby="embed" className="no-print">
          <Title order={2} size="h3" id="embed" mb="sm">
            {t('results.public.embed')}
          </Title>
          <Text size="sm" mb="xs">
            {t('results.public.embedText')}
          </Text>
          <Textarea
            label={t('results.public.embedCode')}
            value={snippet}
            readOnly
            autosize
            minRows={3}
            data-embed=""
          />
        </section>
        {hasRole(session.data, 'viewer', 'coordinator') ? (
          <Anchor component={Link} to="/dashboards">
            {t('results.public.signedInLink')}
          </Anchor>
        ) : null}
      </Stack>
    </>
  );
}
