import { lazy } from 'react';
import { Route, Routes } from 'react-router';

/** Feedback and complaints: open to everyone, with or without an account. */
const GrievanceScreen = lazy(() => import('./GrievanceScreen'));
const GrievanceStatusScreen = lazy(() => import('./GrievanceStatusScreen'));

export default function GrievanceRoutes() {
  return (
    <Routes>
      <Route index element={<GrievanceScreen />} />
      <Route path="status" element={<GrievanceStatusScreen />} />
    </Routes>
  );
}
