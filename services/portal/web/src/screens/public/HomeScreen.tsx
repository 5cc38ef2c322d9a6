import { Button, Card, Group, SimpleGrid, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { formatTenge } from '../../i18n/format';
import { isLanguage } from '../../i18n';
import { hasRole, signInUrl, useSession } from '../../session';

/** What the programme is, and the way in for applicants and for staff. */
export default function HomeScreen() {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'ru';
  const session = useSession();
  const signedIn = session.data?.authenticated === true;
  return (
    <>
      <PageTitle>{t('home.title')}</PageTitle>
      <Text size="lg" mb="xl" maw={720}>
        {t('home.lead', { ceiling: formatTenge(1_000_000, language) })}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg" maw={960}>
        <Card withBorder padding="lg">
          <Title order={2} size="h3" mb="xs">
            {t('home.applyTitle')}
          </Title>
          <Text mb="md">{t('home.applyText')}</Text>
          <Group>
            {signedIn && hasRole(session.data, 'applicant') ? (
              <Button component={Link} to="/applicant">
                {t('home.continue')}
              </Button>
            ) : !signedIn ? (
              <>
                <Button component="a" href={signInUrl(language, '/applicant', true)}>
                  {t('auth.register')}
                </Button>
                <Button component="a" variant="default" href={signInUrl(language, '/applicant')}>
                  {t('auth.signIn')}
                </Button>
              </>
            ) : null}
          </Group>
        </Card>
        <Card withBorder padding="lg">
          <Title order={2} size="h3" mb="xs">
            {t('home.staffTitle')}
          </Title>
          <Text>{t('home.staffText')}</Text>
        </Card>
      </SimpleGrid>
    </>
  );
}
