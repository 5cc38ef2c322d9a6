import { Button, Group } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Route, Routes } from 'react-router';
import { hasRole, useSession } from '../../session';

/*
 * The review workspace: host organizations' staff and committee members score the bids assigned to them, and
 * committee members the host organizations' applications, with the same rubric. The services decide who sees what
 * (a declared conflict hides a bid, a blind round hides the team's names); the screens show it.
 */
const QueueScreen = lazy(() => import('./QueueScreen'));
const BidReviewScreen = lazy(() => import('./BidReviewScreen'));
const HostQueueScreen = lazy(() => import('./HostQueueScreen'));
const HostScoreScreen = lazy(() => import('./HostScoreScreen'));

function WorkspaceNav() {
  const { t } = useTranslation();
  const session = useSession();
  if (!hasRole(session.data, 'committee')) return null;
  const tabs = [
    { path: '/review', label: 'review.tabs.bids', end: true },
    { path: '/review/host-applications', label: 'review.tabs.hostApplications', end: false },
  ];
  return (
    <Group component="nav" aria-label={t('review.tabsLabel')} gap="xs" mb="lg" wrap="wrap">
      {tabs.map((tab) => (
        <NavLink key={tab.path} to={tab.path} end={tab.end} style={{ textDecoration: 'none' }}>
          {({ isActive }) => (
            <Button component="span" size="sm" variant={isActive ? 'filled' : 'default'}>
              {t(tab.label)}
            </Button>
          )}
        </NavLink>
      ))}
    </Group>
  );
}

export default function ReviewHome() {
  return (
    <>
      <WorkspaceNav />
      <Suspense fallback={null}>
        <Routes>
          <Route index element={<QueueScreen />} />
          <Route path="bids/:bidId" element={<BidReviewScreen />} />
          <Route path="host-applications" element={<HostQueueScreen />} />
          <Route path="host-applications/:hostApplicationId" element={<HostScoreScreen />} />
        </Routes>
      </Suspense>
    </>
  );
}
