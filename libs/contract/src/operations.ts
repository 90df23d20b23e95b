import { z } from 'zod';

export const HealthReport = z.object({
  status: z.enum(['ok', 'unavailable']),
  checks: z.object({ database: z.enum(['ok', 'down']), redis: z.enum(['ok', 'down']) }),
});
export type HealthReport = z.infer<typeof HealthReport>;
