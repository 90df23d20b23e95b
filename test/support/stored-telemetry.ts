import type { TestApp } from './test-app';

/**
 * What the field stored of these robots' telemetry: its batches, how many distinct (robot, seq)
 * there are among them (equal when nothing was stored twice), and their samples.
 */
export async function storedBatchesOf(
  field: Pick<TestApp, 'sql'>,
  robotIds: string[],
): Promise<{ batches: number; distinct: number; samples: number }> {
  const [stored] = await field.sql<{ batches: number; distinct: number; samples: number }>(
    `SELECT count(*)::int AS batches, count(DISTINCT (robot_id, seq))::int AS distinct,
            coalesce(sum(sample_count), 0)::int AS samples
       FROM telemetry_batches WHERE robot_id = ANY($1::uuid[])`,
    [robotIds],
  );
  return stored;
}
