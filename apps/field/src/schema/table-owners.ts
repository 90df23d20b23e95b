/**
 * Which feature owns each table: its row types are generated into that feature's
 * `rows.generated.ts`, and only that feature's repositories touch the table. A new table must be
 * placed here, or `npm run schema:generate` refuses to run.
 */
export const TABLE_OWNERS: Readonly<Record<string, string>> = {
  schema_migrations: 'platform',
  install_settings: 'platform',
  audit_log: 'platform',
  idempotency_keys: 'platform',
  users: 'identity',
  revoked_tokens: 'identity',
  calendar_feeds: 'identity',
  vendors: 'field',
  sites: 'field',
  bays: 'field',
  cohorts: 'field',
  robots: 'enrollment',
  robot_status_changes: 'enrollment',
  device_tokens: 'enrollment',
  session_series: 'scheduling',
  training_sessions: 'scheduling',
  session_robots: 'scheduling',
  telemetry_batches: 'telemetry',
  telemetry_packets: 'telemetry',
  criteria_sets: 'scoring',
  criteria: 'scoring',
  session_summaries: 'scoring',
  evaluations: 'scoring',
  report_number_sequences: 'reports',
  graduation_reports: 'reports',
  graduation_report_pdfs: 'reports',
  tasks: 'exams',
  exams: 'exams',
  exam_trials: 'exams',
};
