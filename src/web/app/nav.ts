// The workspace's modules, in the order of the side navigation. A new module plugs in by
// adding one entry here (and its page in routes.tsx).
import type { Role } from '../../shared/contracts/directory';

export interface NavEntry {
  /** i18n key of the label, under "nav." */
  key: string;
  /** Path inside /app; absent for modules not built yet. */
  path?: string;
  /** Roles that may see the entry; absent = everyone. */
  roles?: Role[];
  /** Programme targets the module serves, shown beside "coming soon". */
  targets?: string;
  comingSoon?: boolean;
}

export const NAV: NavEntry[] = [
  { key: 'dashboard', path: '/' },
  { key: 'cycle', path: '/cycle' },
  { key: 'calendar', path: '/calendar' },
  { key: 'organisations', path: '/organisations' },
  { key: 'users', path: '/users', roles: ['admin'] },
  { key: 'audit', path: '/audit', roles: ['admin'] },
  { key: 'units', path: '/units' },
  { key: 'indicatorSettings', path: '/indicators/settings', roles: ['admin'], targets: 'T1–T6' },
  { key: 'press', path: '/press', targets: 'T1' },
  { key: 'training', path: '/training', targets: 'T2' },
  { key: 'exhibitions', path: '/exhibitions', targets: 'T3' },
  { key: 'library', path: '/library', targets: 'T4–T5a' },
  { key: 'factcheck', path: '/factcheck', targets: 'T5b–c' },
  { key: 'recommendations', path: '/recommendations', targets: 'T6' },
  { key: 'plans', path: '/plans', targets: 'T1–T6' },
  { key: 'apiTokens', path: '/tokens' },
];

export function visibleNav(role: Role | undefined): NavEntry[] {
  return NAV.filter((e) => !e.roles || (role !== undefined && e.roles.includes(role)));
}
