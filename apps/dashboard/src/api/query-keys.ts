/** The first part of every cached query's key, by resource; invalidating one refreshes all its views. */
export const queryKeys = {
  fieldInfo: ['field-info'] as const,
  vendors: ['vendors'] as const,
  cohorts: ['cohorts'] as const,
  sites: ['sites'] as const,
  bays: ['bays'] as const,
  robots: ['robots'] as const,
  users: ['users'] as const,
  sessions: ['sessions'] as const,
  criteriaSets: ['criteria-sets'] as const,
  metricCatalog: ['metric-catalog'] as const,
  evaluations: ['evaluations'] as const,
  reports: ['graduation-reports'] as const,
  calendarFeeds: ['calendar-feeds'] as const,
  tasks: ['tasks'] as const,
  exams: ['exams'] as const,
};
