import { z } from 'zod';

export const HealthReport = z.object({
  status: z.enum(['ok', 'unavailable']),
  checks: z.object({ database: z.enum(['ok', 'down']), redis: z.enum(['ok', 'down']) }),
});
export type HealthReport = z.infer<typeof HealthReport>;

/** What a client needs to know about the field before anyone signs in (the dashboard reads it first). */
export const FieldInfo = z.object({
  timeZone: z.string().describe('IANA time zone in which the field shows dates and keeps its calendars'),
  publicUrl: z.string().describe('base URL of the field as people reach it'),
  version: z.string().describe('version of the field software'),
});
export type FieldInfo = z.infer<typeof FieldInfo>;
