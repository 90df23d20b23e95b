import { z } from 'zod';

/** UUID path/body ids. */
export const Id = z.uuid();

/** ISO-8601 timestamp with an explicit offset, as the contract requires. */
export const Timestamp = z.iso.datetime({ offset: true });

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
