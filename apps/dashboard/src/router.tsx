import { lazy } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { RequireSession } from './layout/AppShell';
import { NotFoundPage, PageError, RequirePage } from './layout/guards';
import LoginPage from './pages/LoginPage';

// Each page is its own chunk, fetched when first opened.
const RobotsPage = lazy(() => import('./pages/RobotsPage'));
const RobotProfilePage = lazy(() => import('./pages/RobotProfilePage'));
const RegisterRobotPage = lazy(() => import('./pages/RegisterRobotPage'));
const BaysPage = lazy(() => import('./pages/BaysPage'));
const VendorsCohortsPage = lazy(() => import('./pages/VendorsCohortsPage'));
const UsersPage = lazy(() => import('./pages/UsersPage'));
const SchedulePage = lazy(() => import('./pages/SchedulePage'));
const LivePage = lazy(() => import('./pages/LivePage'));
const StandardPage = lazy(() => import('./pages/StandardPage'));
const CriteriaSetPage = lazy(() => import('./pages/CriteriaSetPage'));
const ReportsPage = lazy(() => import('./pages/ReportsPage'));
const ExamsPage = lazy(() => import('./pages/ExamsPage'));
const ExamPage = lazy(() => import('./pages/ExamPage'));

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: <RequireSession />,
    children: [
      {
        errorElement: <PageError />,
        children: [
          { index: true, element: <Navigate to="/robots" replace /> },
          { path: 'robots', element: <RobotsPage /> },
          {
            path: 'robots/new',
            element: (
              <RequirePage action="POST /api/v1/robots">
                <RegisterRobotPage />
              </RequirePage>
            ),
          },
          { path: 'robots/:id', element: <RobotProfilePage /> },
          {
            path: 'schedule',
            element: (
              <RequirePage page="schedule">
                <SchedulePage />
              </RequirePage>
            ),
          },
          {
            path: 'live',
            element: (
              <RequirePage page="live">
                <LivePage />
              </RequirePage>
            ),
          },
          {
            path: 'standard',
            element: (
              <RequirePage page="standard">
                <StandardPage />
              </RequirePage>
            ),
          },
          {
            path: 'standard/new',
            element: (
              <RequirePage page="standard" action="POST /api/v1/criteria-sets">
                <CriteriaSetPage />
              </RequirePage>
            ),
          },
          {
            path: 'standard/:id',
            element: (
              <RequirePage page="standard">
                <CriteriaSetPage />
              </RequirePage>
            ),
          },
          {
            path: 'reports',
            element: (
              <RequirePage page="reports">
                <ReportsPage />
              </RequirePage>
            ),
          },
          {
            path: 'exams',
            element: (
              <RequirePage page="exams">
                <ExamsPage />
              </RequirePage>
            ),
          },
          {
            path: 'exams/:id',
            element: (
              <RequirePage page="exams">
                <ExamPage />
              </RequirePage>
            ),
          },
          {
            path: 'field/bays',
            element: (
              <RequirePage page="bays">
                <BaysPage />
              </RequirePage>
            ),
          },
          {
            path: 'field/vendors',
            element: (
              <RequirePage page="vendors">
                <VendorsCohortsPage />
              </RequirePage>
            ),
          },
          {
            path: 'users',
            element: (
              <RequirePage page="users">
                <UsersPage />
              </RequirePage>
            ),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
