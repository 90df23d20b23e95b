import type { Role } from '@app/contract';

const EVERYONE: readonly Role[] = ['admin', 'operator', 'engineer', 'vendor'];
const ADMIN: readonly Role[] = ['admin'];
const SCHEDULERS: readonly Role[] = ['admin', 'operator'];
const STAFF: readonly Role[] = ['admin', 'operator', 'engineer'];

/**
 * Who may call each route the dashboard calls, as the server's policy (test/access-table.ts)
 * says; a test fails when the two disagree. The dashboard shows an action only to those roles.
 */
export const ROUTE_ROLES = {
  'GET /api/v1/users': ADMIN,
  'POST /api/v1/users': ADMIN,
  'PATCH /api/v1/users/:id': ADMIN,
  'GET /api/v1/sites': EVERYONE,
  'POST /api/v1/sites': ADMIN,
  'GET /api/v1/bays': EVERYONE,
  'POST /api/v1/bays': ADMIN,
  'PATCH /api/v1/bays/:id': SCHEDULERS,
  'GET /api/v1/vendors': EVERYONE,
  'POST /api/v1/vendors': ADMIN,
  'GET /api/v1/cohorts': EVERYONE,
  'POST /api/v1/cohorts': SCHEDULERS,
  'GET /api/v1/robots': EVERYONE,
  'GET /api/v1/robots/:id': EVERYONE,
  'GET /api/v1/robots/:id/status-history': EVERYONE,
  'POST /api/v1/robots': SCHEDULERS,
  'POST /api/v1/robots/:id/admission-decision': ADMIN,
  'POST /api/v1/robots/:id/withdraw': SCHEDULERS,
  'POST /api/v1/robots/:id/device-token': SCHEDULERS,
  'GET /api/v1/bays/:id/calendar.ics': STAFF,
  'POST /api/v1/bays/:id/calendar-feed': STAFF,
  'GET /api/v1/calendar-feeds': STAFF,
  'DELETE /api/v1/calendar-feeds/:id': STAFF,
  'GET /api/v1/sessions': EVERYONE,
  'GET /api/v1/sessions/:id': EVERYONE,
  'POST /api/v1/sessions': SCHEDULERS,
  'PATCH /api/v1/sessions/:id': SCHEDULERS,
  'POST /api/v1/sessions/:id/start': SCHEDULERS,
  'POST /api/v1/sessions/:id/complete': SCHEDULERS,
  'POST /api/v1/sessions/:id/abort': SCHEDULERS,
  'POST /api/v1/sessions/:id/cancel': SCHEDULERS,
  'GET /api/v1/sessions/:id/recording.mcap': EVERYONE,
  'GET /api/v1/sessions/:id/summary': EVERYONE,
  'GET /api/v1/criteria-sets': EVERYONE,
  'GET /api/v1/criteria-sets/:id': EVERYONE,
  'POST /api/v1/criteria-sets': ADMIN,
  'PATCH /api/v1/criteria-sets/:id': ADMIN,
  'DELETE /api/v1/criteria-sets/:id': ADMIN,
  'POST /api/v1/criteria-sets/:id/publish': ADMIN,
  'GET /api/v1/metric-catalog': EVERYONE,
  'GET /api/v1/evaluations': EVERYONE,
  'GET /api/v1/robots/:id/evaluations': EVERYONE,
  'POST /api/v1/robots/:id/evaluations': SCHEDULERS,
  'GET /api/v1/graduation-reports': EVERYONE,
  'GET /api/v1/graduation-reports/:id/pdf': EVERYONE,
  'POST /api/v1/robots/:id/graduation-reports': ADMIN,
  'POST /api/v1/graduation-reports/:id/revoke': ADMIN,
  'GET /api/v1/tasks': EVERYONE,
  'GET /api/v1/exams': EVERYONE,
  'GET /api/v1/exams/:id': EVERYONE,
  'POST /api/v1/exams': SCHEDULERS,
  'POST /api/v1/exams/:id/trials': STAFF,
} as const satisfies Record<string, readonly Role[]>;

export type RouteKey = keyof typeof ROUTE_ROLES;

export const may = (role: Role, route: RouteKey): boolean => ROUTE_ROLES[route].includes(role);

/**
 * The dashboard's pages and who sees them in the navigation. Vendors follow their own robots only:
 * on the schedule the field shows them only their robots' sessions, live only their robots, and
 * reports and exams only their robots'. Everyone reads the standard; only admins change it.
 */
export const PAGES = {
  robots: EVERYONE,
  schedule: EVERYONE,
  live: EVERYONE,
  standard: ROUTE_ROLES['GET /api/v1/criteria-sets'],
  reports: ROUTE_ROLES['GET /api/v1/graduation-reports'],
  exams: ROUTE_ROLES['GET /api/v1/exams'],
  bays: STAFF,
  vendors: STAFF,
  users: ROUTE_ROLES['GET /api/v1/users'],
} as const satisfies Record<string, readonly Role[]>;

export type PageKey = keyof typeof PAGES;

export const mayOpen = (role: Role, page: PageKey): boolean => (PAGES[page] as readonly Role[]).includes(role);
