/** A metric's value for one robot, and what it rests on (the explanation of its criterion quotes it). */
export interface Measured {
  /** Null when there is no data to compute it from: its criterion then fails. */
  value: number | null;
  basis: string;
}

export const noData = (basis: string): Measured => ({ value: null, basis });

/** Numbers as people read them in explanations: at most 4 decimals, no trailing zeros. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toFixed(4)));
}

export const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
