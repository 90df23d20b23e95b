import { z } from 'zod';

/** UUID path/body ids. */
export const Id = z.uuid();

/**
 * Whether PostgreSQL's timestamptz can take the timestamp as written: the ISO pattern allows offsets
 * up to ±23:59 and year 0000, PostgreSQL only offsets below ±16:00 and years from 0001.
 */
export function storableTimestamp(value: string): boolean {
  if (value.startsWith('0000')) return false;
  const offset = /([+-])(\d{2}):?(\d{2})$/.exec(value);
  return !offset || Number(offset[2]) < 16;
}

/** ISO-8601 timestamp with an explicit offset, as the contract requires. */
export const Timestamp = z.iso
  .datetime({ offset: true })
  .refine(storableTimestamp, 'must have an offset between -15:59 and +15:59 and a year from 0001');

/** A calendar date, YYYY-MM-DD. */
export const CalendarDate = z.iso.date();

/** Trimmed, non-empty text of bounded length. */
export const Text = (max = 200) => z.string().trim().min(1).max(max);

/** `?limit=&cursor=` of every list. */
export const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).max(512).optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** Every list answers `{items, nextCursor}`. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** RFC 9457 problem details, as every error answers. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof Problem>;
export type FieldError = { field: string; message: string };
