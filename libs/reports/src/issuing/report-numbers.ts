import type { EntityManager } from 'typeorm';

/** Reports of the Mianyang field are numbered MY-<year>-<six digits>. */
export const REPORT_PREFIX = 'MY';

/**
 * The next number of the year, from a counter row locked by the issuing transaction: numbers are
 * unique, gapless within a year (a rolled-back issue gives its number back), and readable.
 */
export async function nextReportNumber(manager: EntityManager, year: number): Promise<string> {
  const [row]: { last_value: number }[] = await manager.query(
    `INSERT INTO report_number_sequences (prefix, year, last_value) VALUES ($1, $2, 1)
     ON CONFLICT (prefix, year) DO UPDATE SET last_value = report_number_sequences.last_value + 1
     RETURNING last_value`,
    [REPORT_PREFIX, year],
  );
  return formatReportNumber(year, row.last_value);
}

export function formatReportNumber(year: number, sequence: number): string {
  return `${REPORT_PREFIX}-${year}-${String(sequence).padStart(6, '0')}`;
}
