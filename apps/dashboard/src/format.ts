import { clockOf, dayOf } from '@app/contract';

/**
 * A moment as the field's wall clock shows it (not the browser's), `YYYY-MM-DD HH:mm`: the usual
 * form on Chinese dashboards and unambiguous in English too.
 */
export function formatDateTime(iso: string, timeZone: string): string {
  const epochMs = Date.parse(iso);
  return `${dayOf(epochMs, timeZone)} ${clockOf(epochMs, timeZone)}`;
}

/** A window `[start, end)` on the field's clock: `2026-03-02 10:00–11:00`, or both dates when it spans midnight. */
export function formatWindow(startsAt: string, endsAt: string, timeZone: string): string {
  const start = formatDateTime(startsAt, timeZone);
  const end = formatDateTime(endsAt, timeZone);
  return start.slice(0, 10) === end.slice(0, 10) ? `${start}–${end.slice(11)}` : `${start} – ${end}`;
}

const numberFormats = new Map<number, Intl.NumberFormat>();

/**
 * A measured value or a threshold: whole numbers grouped (100,000), fractions to the precision that
 * matters at their size (0.8798, 35.33, 163.9).
 */
export function formatNumber(value: number): string {
  const size = Math.abs(value);
  const digits = Number.isInteger(value) ? 0 : size >= 100 ? 1 : size >= 1 ? 2 : 4;
  let format = numberFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits });
    numberFormats.set(digits, format);
  }
  return format.format(value);
}
