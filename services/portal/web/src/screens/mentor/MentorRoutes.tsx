import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';

/*
 * The mentor's own screens: their profile (which they keep themselves) and the projects a coordinator gave them,
 * each with its monthly reports to read. The service decides what a mentor sees: only the projects they accompany.
 */
const MentorHome = lazy(() => import('./MentorHome'));
const ProfileScreen = lazy(() => import('./ProfileScreen'));
const MentorProjectScreen = lazy(() => import('./MentorProjectScreen'));

export default function MentorRoutes() {
  return (
    <Suspense fallback={null}>
      <Routes>
        <Route index element={<MentorHome />} />
        <Route path="profile" element={<ProfileScreen />} />
        <Route path="projects/:projectId" element={<MentorProjectScreen />} />
      </Routes>
    </Suspense>
  );
}
