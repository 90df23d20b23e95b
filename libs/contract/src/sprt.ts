/**
 * Wald's sequential probability ratio test of H0: p = p0 against H1: p = p1, as CONTRACT.md's
 * "Exams" fixes it. Free of imports so the dashboard can show the same arithmetic before an exam starts.
 */
export interface SprtProtocol {
  p0: number;
  p1: number;
  alpha: number;
  beta: number;
}

export interface SprtBounds {
  /** ln((1 − β)/α): the LLR at or above which the exam passes. */
  pass: number;
  /** ln(β/(1 − α)): the LLR at or below which it fails. */
  fail: number;
}

export function sprtBounds({ alpha, beta }: SprtProtocol): SprtBounds {
  return { pass: Math.log((1 - beta) / alpha), fail: Math.log(beta / (1 - alpha)) };
}

/** What one trial adds to the log-likelihood ratio. */
export function llrSteps({ p0, p1 }: SprtProtocol): { success: number; failure: number } {
  return { success: Math.log(p1 / p0), failure: Math.log((1 - p1) / (1 - p0)) };
}

/**
 * Wald's approximation of the expected number of trials when the true success rate is `p`
 * (ignoring `maxTrials`): E[N] = (L(p)·fail + (1 − L(p))·pass) / E[step], where L(p), the chance
 * of failing, comes from the operating characteristic's h(p).
 */
export function averageSampleNumber(protocol: SprtProtocol, p: number): number {
  const { pass, fail } = sprtBounds(protocol);
  const { success, failure } = llrSteps(protocol);
  const drift = p * success + (1 - p) * failure;
  const secondMoment = p * success ** 2 + (1 - p) * failure ** 2;
  // At the rate where the walk has no drift, Wald's limit −pass·fail / E[step²] applies.
  if (Math.abs(drift) < 1e-12 * secondMoment) return (-pass * fail) / secondMoment;
  const failChance = operatingCharacteristic(protocol, p, pass, fail);
  return (failChance * fail + (1 - failChance) * pass) / drift;
}

/** L(p) = (A^h − 1)/(A^h − B^h), h ≠ 0 solving p·(p1/p0)^h + (1 − p)·((1 − p1)/(1 − p0))^h = 1. */
function operatingCharacteristic(protocol: SprtProtocol, p: number, pass: number, fail: number): number {
  const { success, failure } = llrSteps(protocol);
  // expm1 keeps the tiny values near the drift-free rate from drowning in rounding.
  const moment = (h: number) => p * Math.expm1(h * success) + (1 - p) * Math.expm1(h * failure);
  // E[step] < 0 puts the root at h > 0 and vice versa; widen until the sign changes, then bisect.
  const drift = p * success + (1 - p) * failure;
  const sign = drift < 0 ? 1 : -1;
  let far = sign;
  while (moment(far) < 0 && Math.abs(far) < 1e6) far *= 2;
  let near = far / 2;
  while (moment(near) >= 0 && Math.abs(near) > 1e-12) near /= 2;
  for (let i = 0; i < 200; i++) {
    const middle = (near + far) / 2;
    if (moment(middle) < 0) near = middle;
    else far = middle;
  }
  const h = (near + far) / 2;
  // A^h and B^h through their logs h·pass and h·fail; these have opposite signs, so only one can overflow.
  const a = h * pass;
  const b = h * fail;
  const top = Math.max(a, b);
  if (top > 700) return (Math.exp(a - top) - Math.exp(-top)) / (Math.exp(a - top) - Math.exp(b - top));
  return Math.expm1(a) / (Math.expm1(a) - Math.expm1(b));
}
