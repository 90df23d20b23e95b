import type {
  AdmissionDecisionBody,
  Bay,
  CalendarFeed,
  CalendarFeedLink,
  Cohort,
  CreateBayBody,
  CreateCohortBody,
  CreateCriteriaSetBody,
  CreateExamBody,
  CreateRobotBody,
  CreateSessionBody,
  CreateSiteBody,
  CreateUserBody,
  CreateVendorBody,
  CriteriaSet,
  DeviceTokenIssued,
  Evaluation,
  Exam,
  ExamQuery,
  FieldInfo,
  GraduationReport,
  IssueReportBody,
  ListAllEvaluationsQuery,
  ListBaysQuery,
  ListCriteriaSetsQuery,
  ListEvaluationsQuery,
  ListReportsQuery,
  ListRobotsQuery,
  ListSessionsQuery,
  ListSitesQuery,
  ListUsersQuery,
  LoginBody,
  LoginResult,
  MetricCatalog,
  Page,
  RecordedTrial,
  RecordTrialBody,
  RequestEvaluationBody,
  RevokeReportBody,
  Robot,
  RobotStatusChange,
  Session,
  SessionAction,
  SessionSummary,
  Site,
  Task,
  TaskQuery,
  UpdateBayBody,
  UpdateCriteriaSetBody,
  UpdateSessionBody,
  UpdateUserBody,
  User,
  Vendor,
  WithdrawBody,
} from '@app/contract';
import type { z } from 'zod';
import type { ApiClient } from './client';

/** What a caller sends: the schema's input (defaults may be left out). */
type In<Schema extends z.ZodType> = z.input<Schema>;
/** A list's filters, without the paging fields the list helpers fill in. */
type Filters<Schema extends z.ZodType> = Omit<Partial<z.input<Schema>>, 'cursor' | 'limit'>;
export type Cursor = string | undefined;

/** Every call of the public API the dashboard makes, typed by the field's own contract. */
export function endpoints(api: ApiClient) {
  const id = encodeURIComponent;
  return {
    fieldInfo: () => api.get<FieldInfo>('/field-info'),
    login: (body: In<typeof LoginBody>) => api.post<LoginResult>('/auth/login', body),
    /** Ends the current access token on the field (its live connections too). */
    logout: () => api.post<void>('/auth/logout'),
    calendarFeeds: {
      list: (cursor: Cursor) => api.get<Page<CalendarFeedLink>>('/calendar-feeds', { cursor, limit: 100 }),
      revoke: (feedId: string) => api.delete(`/calendar-feeds/${id(feedId)}`),
    },

    robots: {
      list: (filters: Filters<typeof ListRobotsQuery>, cursor: Cursor, limit?: number) =>
        api.get<Page<Robot>>('/robots', { ...filters, cursor, limit }),
      get: (robotId: string) => api.get<Robot>(`/robots/${id(robotId)}`),
      statusHistory: (robotId: string, cursor: Cursor) =>
        api.get<Page<RobotStatusChange>>(`/robots/${id(robotId)}/status-history`, { cursor }),
      create: (body: In<typeof CreateRobotBody>) => api.post<Robot>('/robots', body),
      decideAdmission: (robotId: string, body: In<typeof AdmissionDecisionBody>) =>
        api.post<Robot>(`/robots/${id(robotId)}/admission-decision`, body),
      withdraw: (robotId: string, body: In<typeof WithdrawBody>) =>
        api.post<Robot>(`/robots/${id(robotId)}/withdraw`, body),
      issueDeviceToken: (robotId: string) => api.post<DeviceTokenIssued>(`/robots/${id(robotId)}/device-token`),
    },

    sites: {
      list: (filters: Filters<typeof ListSitesQuery>, cursor: Cursor) =>
        api.get<Page<Site>>('/sites', { ...filters, cursor, limit: 500 }),
      create: (body: In<typeof CreateSiteBody>) => api.post<Site>('/sites', body),
    },
    bays: {
      list: (filters: Filters<typeof ListBaysQuery>, cursor: Cursor, limit?: number) =>
        api.get<Page<Bay>>('/bays', { ...filters, cursor, limit }),
      create: (body: In<typeof CreateBayBody>) => api.post<Bay>('/bays', body),
      update: (bayId: string, body: In<typeof UpdateBayBody>) => api.patch<Bay>(`/bays/${id(bayId)}`, body),
      calendar: (bayId: string) => api.download(`/bays/${id(bayId)}/calendar.ics`),
      /** A link calendar apps subscribe to: it carries its own credential, as they cannot send the token. */
      calendarFeed: (bayId: string) => api.post<CalendarFeed>(`/bays/${id(bayId)}/calendar-feed`),
    },
    sessions: {
      list: (filters: Filters<typeof ListSessionsQuery>, cursor: Cursor, limit?: number) =>
        api.get<Page<Session>>('/sessions', { ...filters, cursor, limit }),
      get: (sessionId: string) => api.get<Session>(`/sessions/${id(sessionId)}`),
      /** One session; a body with `recurrence` would answer a series, which the dashboard does not book. */
      create: (body: Omit<In<typeof CreateSessionBody>, 'recurrence' | 'skipConflicts'>) =>
        api.post<Session>('/sessions', body),
      reschedule: (sessionId: string, body: In<typeof UpdateSessionBody>) =>
        api.patch<Session>(`/sessions/${id(sessionId)}`, body),
      act: (sessionId: string, action: SessionAction) => api.post<Session>(`/sessions/${id(sessionId)}/${action}`),
      recording: (sessionId: string) => api.download(`/sessions/${id(sessionId)}/recording.mcap`),
      summary: (sessionId: string) => api.get<SessionSummary>(`/sessions/${id(sessionId)}/summary`),
    },
    criteriaSets: {
      list: (filters: Filters<typeof ListCriteriaSetsQuery>, cursor: Cursor, limit?: number) =>
        api.get<Page<CriteriaSet>>('/criteria-sets', { ...filters, cursor, limit }),
      get: (setId: string) => api.get<CriteriaSet>(`/criteria-sets/${id(setId)}`),
      create: (body: In<typeof CreateCriteriaSetBody>) => api.post<CriteriaSet>('/criteria-sets', body),
      update: (setId: string, body: In<typeof UpdateCriteriaSetBody>) =>
        api.patch<CriteriaSet>(`/criteria-sets/${id(setId)}`, body),
      remove: (setId: string) => api.delete(`/criteria-sets/${id(setId)}`),
      publish: (setId: string) => api.post<CriteriaSet>(`/criteria-sets/${id(setId)}/publish`),
    },
    metricCatalog: () => api.get<MetricCatalog>('/metric-catalog'),
    evaluations: {
      list: (filters: Filters<typeof ListAllEvaluationsQuery>, cursor: Cursor, limit?: number) =>
        api.get<Page<Evaluation>>('/evaluations', { ...filters, cursor, limit }),
      ofRobot: (robotId: string, filters: Filters<typeof ListEvaluationsQuery>, cursor: Cursor, limit?: number) =>
        api.get<Page<Evaluation>>(`/robots/${id(robotId)}/evaluations`, { ...filters, cursor, limit }),
      request: (robotId: string, body: In<typeof RequestEvaluationBody>) =>
        api.post<Evaluation>(`/robots/${id(robotId)}/evaluations`, body),
    },
    reports: {
      list: (filters: Filters<typeof ListReportsQuery>, cursor: Cursor, limit?: number) =>
        api.get<Page<GraduationReport>>('/graduation-reports', { ...filters, cursor, limit }),
      issue: (robotId: string, body: In<typeof IssueReportBody>) =>
        api.post<GraduationReport>(`/robots/${id(robotId)}/graduation-reports`, body),
      pdf: (reportId: string) => api.download(`/graduation-reports/${id(reportId)}/pdf`),
      revoke: (reportId: string, body: In<typeof RevokeReportBody>) =>
        api.post<GraduationReport>(`/graduation-reports/${id(reportId)}/revoke`, body),
    },
    tasks: {
      /** The whole catalogue: `GET /tasks` is not paged. */
      list: (filters: In<typeof TaskQuery>) => api.get<Page<Task>>('/tasks', filters),
    },
    exams: {
      list: (filters: Filters<typeof ExamQuery>, cursor: Cursor, limit?: number) =>
        api.get<Page<Exam>>('/exams', { ...filters, cursor, limit }),
      get: (examId: string) => api.get<Exam>(`/exams/${id(examId)}`),
      create: (body: In<typeof CreateExamBody>) => api.post<Exam>('/exams', body),
      /** `key` makes a repeat of the same request (a double tap, a retry) answer the first trial instead of recording another. */
      recordTrial: (examId: string, body: In<typeof RecordTrialBody>, key: string) =>
        api.post<RecordedTrial>(`/exams/${id(examId)}/trials`, body, { 'Idempotency-Key': key }),
    },
    vendors: {
      list: (cursor: Cursor) => api.get<Page<Vendor>>('/vendors', { cursor, limit: 500 }),
      create: (body: In<typeof CreateVendorBody>) => api.post<Vendor>('/vendors', body),
    },
    cohorts: {
      list: (cursor: Cursor) => api.get<Page<Cohort>>('/cohorts', { cursor, limit: 500 }),
      create: (body: In<typeof CreateCohortBody>) => api.post<Cohort>('/cohorts', body),
    },
    users: {
      list: (filters: Filters<typeof ListUsersQuery>, cursor: Cursor) =>
        api.get<Page<User>>('/users', { ...filters, cursor }),
      create: (body: In<typeof CreateUserBody>) => api.post<User>('/users', body),
      update: (userId: string, body: In<typeof UpdateUserBody>) => api.patch<User>(`/users/${id(userId)}`, body),
    },
  };
}

export type Endpoints = ReturnType<typeof endpoints>;
