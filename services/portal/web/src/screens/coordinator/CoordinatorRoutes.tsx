import { Button, Group } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Navigate, Route, Routes } from 'react-router';

/*
 * The coordinator's console: one screen per desk, each loaded on first visit. Every list is read page by page from
 * the service, which narrows it to the coordinator's regions (an admin sees every region); every action is the
 * service's command, whose refusal is shown with its reason.
 */
const ProjectsScreen = lazy(() => import('./projects/ProjectsScreen'));
const ProjectScreen = lazy(() => import('./projects/ProjectScreen'));
const ReportsScreen = lazy(() => import('./reports/ReportsScreen'));
const StipendsScreen = lazy(() => import('./stipends/StipendsScreen'));
const GrievancesScreen = lazy(() => import('./grievances/GrievancesScreen'));
const RoundsScreen = lazy(() => import('./rounds/RoundsScreen'));
const RoundScreen = lazy(() => import('./rounds/RoundScreen'));
const HostCompetitionScreen = lazy(() => import('./host-competition/HostCompetitionScreen'));
const PipelineScreen = lazy(() => import('./pipeline/PipelineScreen'));
const LotteryDeskScreen = lazy(() => import('./lottery/LotteryDeskScreen'));
const MentorsScreen = lazy(() => import('./mentors/MentorsScreen'));
const MentorScreen = lazy(() => import('./mentors/MentorScreen'));

export const DESKS = [
  { path: 'projects', label: 'coordinator.desks.projects' },
  { path: 'reports', label: 'coordinator.desks.reports' },
  { path: 'stipends', label: 'coordinator.desks.stipends' },
  { path: 'grievances', label: 'coordinator.desks.grievances' },
  { path: 'rounds', label: 'coordRound.desk' },
  { path: 'pipeline', label: 'coordDraw.desks.pipeline' },
  { path: 'lottery', label: 'coordDraw.desks.lottery' },
  { path: 'mentors', label: 'mentors.desk' },
] as const;

function DeskNav() {
  const { t } = useTranslation();
  return (
    <Group component="nav" aria-label={t('coordinator.desksLabel')} gap="xs" mb="lg" wrap="wrap">
      {DESKS.map((desk) => (
        <NavLink key={desk.path} to={`/coordinator/${desk.path}`} style={{ textDecoration: 'none' }}>
          {({ isActive }) => (
            <Button component="span" size="sm" variant={isActive ? 'filled' : 'default'}>
              {t(desk.label)}
            </Button>
          )}
        </NavLink>
      ))}
    </Group>
  );
}

export default function CoordinatorRoutes() {
  return (
    <>
      <DeskNav />
      <Suspense fallback={null}>
        <Routes>
          <Route index element={<Navigate to="projects" replace />} />
          <Route path="projects" element={<ProjectsScreen />} />
          <Route path="projects/:projectId" element={<ProjectScreen />} />
          <Route path="reports" element={<ReportsScreen />} />
          <Route path="stipends" element={<StipendsScreen />} />
          <Route path="grievances" element={<GrievancesScreen />} />
          <Route path="rounds" element={<RoundsScreen />} />
          <Route path="rounds/:roundId" element={<RoundScreen />} />
          <Route path="rounds/:roundId/host-competition" element={<HostCompetitionScreen />} />
          <Route path="pipeline" element={<PipelineScreen />} />
          <Route path="lottery" element={<LotteryDeskScreen />} />
          <Route path="mentors" element={<MentorsScreen />} />
          <Route path="mentors/:mentorId" element={<MentorScreen />} />
        </Routes>
      </Suspense>
    </>
  );
}
