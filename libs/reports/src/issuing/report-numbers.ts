/** Reports of the Mianyang field are numbered MY-<year>-<six digits>. */
export const REPORT_PREFIX = 'MY';

export function formatReportNumber(year: number, sequence: number): string {
  return `${REPORT_PREFIX}-${year}-${String(sequence).padStart(6, '0')}`;
}
