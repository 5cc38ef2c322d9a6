import { Anchor, Box, Stack, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage } from '../../i18n';
import { useUrlState } from '../dashboards/state';
import { Headline, PublicMap } from './PublicFigures';

/** The public figures for a partner's page (in an iframe): no menu, the language and view from the address. */
export default function EmbedScreen() {
  const { t, i18n } = useTranslation();
  const [state] = useUrlState({
    period: 'all',
    code: 'PDO-1',
    dimension: 'sex',
    basis: 'recorded',
    lang: '',
  });
  useEffect(() => {
    if (isLanguage(state.lang) && state.lang !== i18n.language) void i18n.changeLanguage(state.lang);
  }, [state.lang, i18n]);
  const back = new URLSearchParams({ period: state.period, code: state.code, basis: state.basis });
  return (
    <Box component="main" p="md" id="main">
      <Stack gap="md">
        <Title order={1} size="h3">
          {t('results.public.title')}
        </Title>
        <Headline period={state.period} compact />
        <PublicMap state={state} />
        <Anchor href={`/results?${back.toString()}`} target="_blank">
          {t('results.public.more')}
        </Anchor>
      </Stack>
    </Box>
  );
}
