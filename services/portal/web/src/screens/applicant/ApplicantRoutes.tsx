import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import ApplicantHome from './ApplicantHome';

/** The applicant's journey, one screen per step; each loads on first visit. */
const RegisterScreen = lazy(() => import('./register/RegisterScreen'));
const RoundsScreen = lazy(() => import('./rounds/RoundsScreen'));

export default function ApplicantRoutes() {
  return (
    <Routes>
      <Route index element={<ApplicantHome />} />
      <Route path="register" element={<RegisterScreen />} />
      <Route path="rounds" element={<RoundsScreen />} />
    </Routes>
  );
}
