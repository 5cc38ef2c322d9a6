import { Button, Group } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Route, Routes } from 'react-router';

/*
 * A host organization's workspace: its registration and applications to the host-organization competition, and,
 * once selected, the teams that asked to apply with it. The services decide; the screens show their answers.
 */
const HostOrgHome = lazy(() => import('./HostOrgHome'));
const TeamsScreen = lazy(() => import('./TeamsScreen'));
const ApplicationScreen = lazy(() =>
  import('./ApplicationScreen').then((module) => ({ default: module.ApplicationScreen })),
);
const NewApplicationScreen = lazy(() =>
  import('./ApplicationScreen').then((module) => ({ default: module.NewApplicationScreen })),
);

const SECTIONS = [
  { path: '/host-org', label: 'hostOrg.sections.applications', end: true },
  { path: '/host-org/teams', label: 'hostOrg.sections.teams', end: false },
] as const;

function SectionNav() {
  const { t } = useTranslation();
  return (
    <Group component="nav" aria-label={t('hostOrg.sections.label')} gap="xs" mb="lg" wrap="wrap">
      {SECTIONS.map((section) => (
        <NavLink key={section.path} to={section.path} end={section.end} style={{ textDecoration: 'none' }}>
          {({ isActive }) => (
            <Button component="span" size="sm" variant={isActive ? 'filled' : 'default'}>
              {t(section.label)}
            </Button>
          )}
        </NavLink>
      ))}
    </Group>
  );
}

export default function HostOrgRoutes() {
  return (
    <>
      <SectionNav />
      <Suspense fallback={null}>
        <Routes>
          <Route index element={<HostOrgHome />} />
          <Route path="rounds/:roundId/apply" element={<NewApplicationScreen />} />
          <Route path="applications/:hostApplicationId" element={<ApplicationScreen />} />
          <Route path="teams" element={<TeamsScreen />} />
        </Routes>
      </Suspense>
    </>
  );
}
