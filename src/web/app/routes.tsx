// Path → page. Pages of later modules are added here and in nav.ts.
import { lazy, Suspense, useEffect, type ComponentType, type ReactNode } from 'react';
import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../shared/contracts/directory';
import { useAuth } from './auth';
import { Layout } from './layout';
import { afterLogin, loginPath, navigate, usePath, useSearchParams } from './router';
import { NotFoundPage } from '../components/NotFoundPage';
import { LoginPage } from '../features/auth/LoginPage';
// The landing page comes with the first download; every other page in its own chunk.
import { DashboardPage } from '../features/dashboard/DashboardPage';

/** A page in its own chunk: focal points on slow connections download a module's code only when they open it. */
function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const OrganisationsPage = lazyPage(() => import('../features/organisations/OrganisationsPage'), 'OrganisationsPage');
const UsersPage = lazyPage(() => import('../features/users/UsersPage'), 'UsersPage');
const AuditPage = lazyPage(() => import('../features/audit/AuditPage'), 'AuditPage');
const UnitsPage = lazyPage(() => import('../features/units/UnitsPage'), 'UnitsPage');
const PressItemsPage = lazyPage(() => import('../features/press/PressItemsPage'), 'PressItemsPage');
const SpokespersonsPage = lazyPage(() => import('../features/press/SpokespersonsPage'), 'SpokespersonsPage');
const CompliancePage = lazyPage(() => import('../features/press/CompliancePage'), 'CompliancePage');
const ReportingSettingsPage = lazyPage(() => import('../features/press/ReportingSettingsPage'), 'ReportingSettingsPage');
const ScorecardPage = lazyPage(() => import('../features/indicators/ScorecardPage'), 'ScorecardPage');
const RecordsPage = lazyPage(() => import('../features/indicators/RecordsPage'), 'RecordsPage');
const IndicatorSettingsPage = lazyPage(() => import('../features/indicators/IndicatorSettingsPage'), 'IndicatorSettingsPage');
const LibraryPage = lazyPage(() => import('../features/library/LibraryPage'), 'LibraryPage');
const TrainingPage = lazyPage(() => import('../features/training/TrainingPage'), 'TrainingPage');
const ExhibitionsPage = lazyPage(() => import('../features/exhibitions/ExhibitionsPage'), 'ExhibitionsPage');
const FactcheckPage = lazyPage(() => import('../features/factcheck/FactcheckPage'), 'FactcheckPage');
const FactcheckComplaintsPage = lazyPage(() => import('../features/factcheck/ComplaintsPage'), 'ComplaintsPage');
const CyclePage = lazyPage(() => import('../features/cycle/CyclePage'), 'CyclePage');
const CalendarPage = lazyPage(() => import('../features/calendar/CalendarPage'), 'CalendarPage');
const ReportPage = lazyPage(() => import('../features/cycle/ReportPage'), 'ReportPage');
const OfficialPage = lazyPage(() => import('../features/cycle/OfficialPage'), 'OfficialPage');
const RecommendationsPage = lazyPage(() => import('../features/recommendations/RecommendationsPage'), 'RecommendationsPage');
const NotificationsPage = lazyPage(() => import('../features/notifications/NotificationsPage'), 'NotificationsPage');
const NotificationSettingsPage = lazyPage(() => import('../features/notifications/NotificationSettingsPage'), 'NotificationSettingsPage');
const PlansPage = lazyPage(() => import('../features/plans/PlansPage'), 'PlansPage');
const ApiTokensPage = lazyPage(() => import('../features/tokens/ApiTokensPage'), 'ApiTokensPage');
const PlanSummaryPage = lazyPage(() => import('../features/plans/PlanSummaryPage'), 'PlanSummaryPage');

interface Route {
  path: string;
  page: () => ReactNode;
  roles?: Role[];
}

const ROUTES: Route[] = [
  { path: '/', page: () => <DashboardPage /> },
  { path: '/cycle', page: () => <CyclePage /> },
  { path: '/calendar', page: () => <CalendarPage /> },
  { path: '/cycle/report', page: () => <ReportPage /> },
  { path: '/cycle/official', page: () => <OfficialPage /> },
  { path: '/organisations', page: () => <OrganisationsPage /> },
  { path: '/users', page: () => <UsersPage />, roles: ['admin'] },
  { path: '/audit', page: () => <AuditPage />, roles: ['admin'] },
  { path: '/units', page: () => <UnitsPage /> },
  { path: '/press', page: () => <PressItemsPage /> },
  { path: '/press/spokespersons', page: () => <SpokespersonsPage /> },
  { path: '/press/compliance', page: () => <CompliancePage /> },
  { path: '/press/settings', page: () => <ReportingSettingsPage /> },
  { path: '/library', page: () => <LibraryPage /> },
  { path: '/exhibitions', page: () => <ExhibitionsPage /> },
  { path: '/factcheck', page: () => <FactcheckPage /> },
  { path: '/factcheck/complaints', page: () => <FactcheckComplaintsPage /> },
  { path: '/recommendations', page: () => <RecommendationsPage /> },
  { path: '/plans', page: () => <PlansPage /> },
  { path: '/plans/summary', page: () => <PlanSummaryPage /> },
  { path: '/training', page: () => <TrainingPage /> },
  { path: '/training/coverage', page: () => <TrainingPage /> },
  { path: '/scorecard', page: () => <ScorecardPage /> },
  { path: '/indicators/records', page: () => <RecordsPage /> },
  { path: '/indicators/settings', page: () => <IndicatorSettingsPage />, roles: ['admin'] },
  { path: '/notifications', page: () => <NotificationsPage /> },
  { path: '/notifications/settings', page: () => <NotificationSettingsPage /> },
  { path: '/tokens', page: () => <ApiTokensPage /> },
];

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

export function App() {
  const path = usePath();
  const search = useSearchParams();
  const { me, loading } = useAuth();
  const { t } = useTranslation();

  if (loading) {
    return (
      <Center h="100vh">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  // A link into the app (an e-mail's) opened signed out comes back to its page after signing in.
  if (path === '/login') return me ? <Redirect to={afterLogin(search.get('next'))} /> : <LoginPage />;
  if (!me) return <Redirect to={loginPath()} />;

  const route = ROUTES.find((r) => r.path === path);
  const allowed = route && (!route.roles || route.roles.includes(me.role));
  return (
    <Layout>
      <Suspense
        fallback={
          <Center py="xl">
            <Loader aria-label={t('common.loading')} />
          </Center>
        }
      >
        {allowed ? route.page() : <NotFoundPage forbidden={!!route} roles={route?.roles} />}
      </Suspense>
    </Layout>
  );
}
