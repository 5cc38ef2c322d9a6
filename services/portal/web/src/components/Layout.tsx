import { Anchor, AppShell, Burger, Button, Group, Loader, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink, Outlet, useLocation } from 'react-router';
import { isLanguage } from '../i18n';
import { activeJourney, JOURNEYS } from '../navigation';
import { hasRole, signInUrl, signOut, useSession } from '../session';
import { LanguageSwitcher } from './LanguageSwitcher';
import { NotificationBell } from './NotificationBell';

/** The frame of every screen: header with language and sign-in, the journeys the person may use, the content. */
export function Layout() {
  const { t, i18n } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const session = useSession();
  const location = useLocation();
  const language = isLanguage(i18n.language) ? i18n.language : 'ru';
  const journeys = JOURNEYS.filter(
    (journey) => journey.roles === null || hasRole(session.data, ...journey.roles),
  );
  const active = activeJourney(location.pathname, journeys);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a className="skip-link" href="#main">
        {t('a11y.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('a11y.closeMenu') : t('a11y.openMenu')}
            />
            <Anchor component={RouterLink} to="/" fw={700} fz="lg" underline="never" c="teal.9">
              {t('app.name')}
            </Anchor>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <NotificationBell />
            <LanguageSwitcher />
            {session.isPending ? (
              <Loader size="xs" aria-label={t('common.loading')} />
            ) : session.data?.authenticated ? (
              <Button variant="default" size="xs" onClick={() => void signOut()}>
                {t('auth.signOut')}
              </Button>
            ) : (
              <Button component="a" size="xs" href={signInUrl(language, location.pathname + location.search)}>
                {t('auth.signIn')}
              </Button>
            )}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('a11y.mainNavigation')} component="nav">
        <Stack gap={4}>
          {journeys.map((journey) => (
            <NavLink
              key={journey.path}
              component={RouterLink}
              to={journey.path}
              // The active entry is chosen below (the longest matching journey), not by the router's prefix match.
              end
              label={t(journey.label)}
              variant="filled"
              onClick={close}
              active={journey === active}
            />
          ))}
        </Stack>
        {session.data?.authenticated ? (
          <Text size="sm" c="dimmed" mt="auto" pt="md">
            {t('auth.signedInAs', { name: session.data.user.name })}
            <br />
            {session.data.user.roles.map((role) => t(`auth.roles.${role}`)).join(', ')}
          </Text>
        ) : null}
      </AppShell.Navbar>
      <AppShell.Main id="main">
        <Suspense fallback={<Loader aria-label={t('common.loading')} />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
