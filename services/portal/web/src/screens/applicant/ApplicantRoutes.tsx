import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import ApplicantHome from './ApplicantHome';

/** The applicant's journey, one screen per step; each loads on first visit. */
const RegisterScreen = lazy(() => import('./register/RegisterScreen'));
const RoundsScreen = lazy(() => import('./rounds/RoundsScreen'));
const TeamScreen = lazy(() => import('./team/TeamScreen'));
const JoinScreen = lazy(() => import('./team/JoinScreen'));
const BidScreen = lazy(() => import('./bid/BidScreen'));
const AgreementScreen = lazy(() => import('./project/AgreementScreen'));
const TranchesScreen = lazy(() => import('./project/TranchesScreen'));
const ReportsScreen = lazy(() => import('./project/ReportsScreen'));
const StipendsScreen = lazy(() => import('./project/StipendsScreen'));

export default function ApplicantRoutes() {
  return (
    <Routes>
      <Route index element={<ApplicantHome />} />
      <Route path="register" element={<RegisterScreen />} />
      <Route path="rounds" element={<RoundsScreen />} />
      <Route path="team" element={<TeamScreen />} />
      <Route path="join" element={<JoinScreen />} />
      <Route path="join/:code" element={<JoinScreen />} />
      <Route path="bid" element={<BidScreen />} />
      <Route path="project" element={<AgreementScreen />} />
      <Route path="project/tranches" element={<TranchesScreen />} />
      <Route path="project/reports" element={<ReportsScreen />} />
      <Route path="project/stipends" element={<StipendsScreen />} />
    </Routes>
  );
}
