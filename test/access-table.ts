import type { Role } from '@app/contract';

/**
 * Who may call each route: the field's authorisation policy in one table. The access test walks
 * every route the app registers against it, so a route missing here (or a rule that drifted from
 * it) fails the suite. `public` needs no token; `device` takes a robot's device token.
 */
export type Access = readonly Role[] | 'public' | 'device';

const EVERYONE: readonly Role[] = ['admin', 'operator', 'engineer', 'vendor'];
const ADMIN: readonly Role[] = ['admin'];
const SCHEDULERS: readonly Role[] = ['admin', 'operator'];

export const ACCESS_TABLE: Record<string, Access> = {
  'GET /health': 'public',
  'GET /metrics': 'public',

  'GET /api/v1/field-info': 'public',
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/logout': EVERYONE,
  'POST /api/v1/users': ADMIN,
  'GET /api/v1/users': ADMIN,
  'GET /api/v1/users/me': EVERYONE,
  'GET /api/v1/users/:id': ADMIN,
  'PATCH /api/v1/users/:id': ADMIN,

  'GET /api/v1/audit': ADMIN,

  'POST /api/v1/sites': ADMIN,
  'GET /api/v1/sites': EVERYONE,
  'GET /api/v1/sites/:id': EVERYONE,
  'POST /api/v1/bays': ADMIN,
  'GET /api/v1/bays': EVERYONE,
  'GET /api/v1/bays/:id': EVERYONE,
  'PATCH /api/v1/bays/:id': SCHEDULERS,
  'POST /api/v1/vendors': ADMIN,
  'GET /api/v1/vendors': EVERYONE,
  'GET /api/v1/vendors/:id': EVERYONE,
  'POST /api/v1/cohorts': SCHEDULERS,
  'GET /api/v1/cohorts': EVERYONE,
  'GET /api/v1/cohorts/:id': EVERYONE,

  'POST /api/v1/robots': SCHEDULERS,
  'GET /api/v1/robots': EVERYONE,
  'GET /api/v1/robots/:id': EVERYONE,
  'PATCH /api/v1/robots/:id': SCHEDULERS,
  'GET /api/v1/robots/:id/status-history': EVERYONE,
  'POST /api/v1/robots/:id/admission-decision': ADMIN,
  'POST /api/v1/robots/:id/withdraw': SCHEDULERS,
  'POST /api/v1/robots/:id/device-token': SCHEDULERS,

  'POST /api/v1/sessions': SCHEDULERS,
  'GET /api/v1/sessions': EVERYONE,
  'GET /api/v1/sessions/:id': EVERYONE,
  'PATCH /api/v1/sessions/:id': SCHEDULERS,
  'POST /api/v1/sessions/:id/start': SCHEDULERS,
  'POST /api/v1/sessions/:id/complete': SCHEDULERS,
  'POST /api/v1/sessions/:id/abort': SCHEDULERS,
  'POST /api/v1/sessions/:id/cancel': SCHEDULERS,
  'GET /api/v1/bays/:id/calendar.ics': ['admin', 'operator', 'engineer'],
  'POST /api/v1/bays/:id/calendar-feed': ['admin', 'operator', 'engineer'],
  'GET /api/v1/calendar-feeds': ['admin', 'operator', 'engineer'],
  'DELETE /api/v1/calendar-feeds/:id': ['admin', 'operator', 'engineer'],

  'POST /api/v1/robots/:id/telemetry': 'device',
  'GET /api/v1/sessions/:id/telemetry': EVERYONE,
  'GET /api/v1/sessions/:id/recording.mcap': EVERYONE,

  'POST /api/v1/robots/:id/graduation-reports': ADMIN,
  'GET /api/v1/graduation-reports': EVERYONE,
  'GET /api/v1/graduation-reports/:id': EVERYONE,
  'GET /api/v1/graduation-reports/:id/pdf': EVERYONE,
  'POST /api/v1/graduation-reports/:id/revoke': ADMIN,
  'GET /api/v1/verify/public-key': 'public',
  'GET /api/v1/verify/:number': 'public',

  'POST /api/v1/criteria-sets': ADMIN,
  'GET /api/v1/criteria-sets': EVERYONE,
  'GET /api/v1/criteria-sets/:id': EVERYONE,
  'PATCH /api/v1/criteria-sets/:id': ADMIN,
  'DELETE /api/v1/criteria-sets/:id': ADMIN,
  'POST /api/v1/criteria-sets/:id/publish': ADMIN,
  'GET /api/v1/metric-catalog': EVERYONE,
  'GET /api/v1/sessions/:id/summary': EVERYONE,
  'POST /api/v1/robots/:id/evaluations': SCHEDULERS,
  'GET /api/v1/robots/:id/evaluations': EVERYONE,
  'GET /api/v1/evaluations': EVERYONE,
  'GET /api/v1/evaluations/:id': EVERYONE,

  'POST /api/v1/tasks': ADMIN,
  'GET /api/v1/tasks': EVERYONE,
  'POST /api/v1/exams': SCHEDULERS,
  'GET /api/v1/exams': EVERYONE,
  'GET /api/v1/exams/:id': EVERYONE,
  'PATCH /api/v1/exams/:id': SCHEDULERS,
  'POST /api/v1/exams/:id/trials': ['admin', 'operator', 'engineer'],
};
