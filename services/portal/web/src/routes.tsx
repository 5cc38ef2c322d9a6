import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { Layout } from './components/Layout';
import { RequireRole } from './components/RequireRole';
import HomeScreen from './screens/public/HomeScreen';

/*
 * Screens by user journey, each journey its own chunk, loaded on first visit: an applicant on a phone downloads
 * the applicant's screens only (no review workspace, no chart library).
 */
const ApplicantRoutes = lazy(() => import('./screens/applicant/ApplicantRoutes'));
const ReviewHome = lazy(() => import('./screens/review/ReviewHome'));
const CoordinatorRoutes = lazy(() => import('./screens/coordinator/CoordinatorRoutes'));
const DashboardsHome = lazy(() => import('./screens/dashboards/DashboardsHome'));
const LotteryScreen = lazy(() => import('./screens/public/lottery/LotteryScreen'));
const RoundLotteriesScreen = lazy(() => import('./screens/public/lottery/RoundLotteriesScreen'));
const NotFoundScreen = lazy(() => import('./screens/public/NotFoundScreen'));
const NotificationsScreen = lazy(() => import('./screens/notifications/NotificationsScreen'));
const NotificationSettingsScreen = lazy(() => import('./screens/notifications/SettingsScreen'));
const OptOutScreen = lazy(() => import('./screens/public/OptOutScreen'));
const ResultsScreen = lazy(() => import('./screens/results/ResultsScreen'));
const EmbedScreen = lazy(() => import('./screens/results/EmbedScreen'));
const GrievanceRoutes = lazy(() => import('./screens/grievance/GrievanceRoutes'));
const HostOrgRoutes = lazy(() => import('./screens/host-org/HostOrgRoutes'));
const MentorRoutes = lazy(() => import('./screens/mentor/MentorRoutes'));

export const router = createBrowserRouter([
  // For partners' pages, in an iframe: the public figures without the portal's frame.
  {
    path: '/embed/results',
    element: (
      <Suspense fallback={null}>
        <EmbedScreen />
      </Suspense>
    ),
  },
  {
    element: <Layout />,
    children: [
      { path: '/', element: <HomeScreen /> },
      { path: '/results', element: <ResultsScreen /> },
      // Public, no sign-in: anyone may see a published draw and re-run it.
      { path: '/lottery/:roundId', element: <RoundLotteriesScreen /> },
      { path: '/lottery/:roundId/:region', element: <LotteryScreen /> },
      {
        path: '/applicant/*',
        element: (
          <RequireRole roles={['applicant']}>
            <ApplicantRoutes />
          </RequireRole>
        ),
      },
      {
        path: '/review/*',
        element: (
          <RequireRole roles={['host_org', 'committee', 'coordinator']}>
            <ReviewHome />
          </RequireRole>
        ),
      },
      {
        path: '/host-org/*',
        element: (
          <RequireRole roles={['host_org']}>
            <HostOrgRoutes />
          </RequireRole>
        ),
      },
      {
        path: '/coordinator/*',
        element: (
          <RequireRole roles={['coordinator']}>
            <CoordinatorRoutes />
          </RequireRole>
        ),
      },
      {
        path: '/mentor/*',
        element: (
          <RequireRole roles={['mentor']}>
            <MentorRoutes />
          </RequireRole>
        ),
      },
      {
        path: '/dashboards/*',
        element: (
          <RequireRole roles={['viewer', 'coordinator']}>
            <DashboardsHome />
          </RequireRole>
        ),
      },
      {
        path: '/notifications',
        element: (
          <RequireRole roles={['applicant']}>
            <NotificationsScreen />
          </RequireRole>
        ),
      },
      {
        path: '/notifications/settings',
        element: (
          <RequireRole roles={['applicant']}>
            <NotificationSettingsScreen />
          </RequireRole>
        ),
      },
      { path: '/opt-out', element: <OptOutScreen /> },
      // Feedback and complaints: anyone, with or without an account.
      { path: '/grievance/*', element: <GrievanceRoutes /> },
      { path: '*', element: <NotFoundScreen /> },
    ],
  },
]);
