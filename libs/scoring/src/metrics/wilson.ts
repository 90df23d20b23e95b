/** z of a two-sided 95 % confidence interval. */
export const Z_95 = 1.96;

/**
 * The lower bound of the Wilson score interval for a success rate: what the rate is at least, with
 * 95 % confidence, given the number of trials. Ten lucky trials do not beat a thousand steady ones.
 */
export function wilsonLowerBound(successes: number, trials: number, z = Z_95): number {
  if (trials <= 0) throw new RangeError('the Wilson bound needs at least one trial');
  if (successes < 0 || successes > trials) throw new RangeError('successes must lie between 0 and the trials');
  const p = successes / trials;
  const z2 = z * z;
  const centre = p + z2 / (2 * trials);
  const margin = z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return Math.max(0, (centre - margin) / (1 + z2 / trials));
}
