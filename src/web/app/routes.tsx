// Path → page. Pages of later modules are added here and in nav.ts.
import { useEffect, type ReactNode } from 'react';
import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../shared/contracts/directory';
import { useAuth } from './auth';
import { Layout } from './layout';
import { navigate, usePath } from './router';
import { LoginPage } from '../features/auth/LoginPage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { OrganisationsPage } from '../features/organisations/OrganisationsPage';
import { UsersPage } from '../features/users/UsersPage';
import { AuditPage } from '../features/audit/AuditPage';
import { UnitsPage } from '../features/units/UnitsPage';
import { PressItemsPage } from '../features/press/PressItemsPage';
import { SpokespersonsPage } from '../features/press/SpokespersonsPage';
import { CompliancePage } from '../features/press/CompliancePage';
import { ReportingSettingsPage } from '../features/press/ReportingSettingsPage';
import { ScorecardPage } from '../features/indicators/ScorecardPage';
import { RecordsPage } from '../features/indicators/RecordsPage';
import { IndicatorSettingsPage } from '../features/indicators/IndicatorSettingsPage';
import { LibraryPage } from '../features/library/LibraryPage';
import { TrainingPage } from '../features/training/TrainingPage';
import { NotFoundPage } from '../components/NotFoundPage';

interface Route {
  path: string;
  page: () => ReactNode;
  roles?: Role[];
}

const ROUTES: Route[] = [
  { path: '/', page: () => <DashboardPage /> },
  { path: '/organisations', page: () => <OrganisationsPage /> },
  { path: '/users', page: () => <UsersPage />, roles: ['admin'] },
  { path: '/audit', page: () => <AuditPage />, roles: ['admin'] },
  { path: '/units', page: () => <UnitsPage /> },
  { path: '/press', page: () => <PressItemsPage /> },
  { path: '/press/spokespersons', page: () => <SpokespersonsPage /> },
  { path: '/press/compliance', page: () => <CompliancePage /> },
  { path: '/press/settings', page: () => <ReportingSettingsPage /> },
  { path: '/library', page: () => <LibraryPage /> },
  { path: '/training', page: () => <TrainingPage /> },
  { path: '/training/coverage', page: () => <TrainingPage /> },
  { path: '/scorecard', page: () => <ScorecardPage /> },
  { path: '/indicators/records', page: () => <RecordsPage /> },
  { path: '/indicators/settings', page: () => <IndicatorSettingsPage />, roles: ['admin'] },
];

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

export function App() {
  const path = usePath();
  const { me, loading } = useAuth();
  const { t } = useTranslation();

  if (loading) {
    return (
      <Center h="100vh">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (path === '/login') return me ? <Redirect to="/" /> : <LoginPage />;
  if (!me) return <Redirect to="/login" />;

  const route = ROUTES.find((r) => r.path === path);
  const allowed = route && (!route.roles || route.roles.includes(me.role));
  return <Layout>{allowed ? route.page() : <NotFoundPage forbidden={!!route} />}</Layout>;
}
