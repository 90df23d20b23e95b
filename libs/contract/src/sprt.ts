/**
 * Wald's sequential probability ratio test of H0: p = p0 against H1: p = p1, as CONTRACT.md
 * "Exams" states it. Pure: the server decides with it and the dashboard previews with it.
 */
export interface SprtProtocol {
  p0: number;
  p1: number;
  alpha: number;
  beta: number;
  maxTrials: number;
}

export interface SprtBounds {
  /** ln((1 − β) / α): the exam passes when the LLR reaches it. */
  pass: number;
  /** ln(β / (1 − α)): the exam fails when the LLR falls to it. */
  fail: number;
}

export function sprtBounds(protocol: Pick<SprtProtocol, 'alpha' | 'beta'>): SprtBounds {
  return {
    pass: Math.log((1 - protocol.beta) / protocol.alpha),
    fail: Math.log(protocol.beta / (1 - protocol.alpha)),
  };
}

/** What one trial adds to the log-likelihood ratio. */
export function sprtStep(protocol: Pick<SprtProtocol, 'p0' | 'p1'>, success: boolean): number {
  return success ? Math.log(protocol.p1 / protocol.p0) : Math.log((1 - protocol.p1) / (1 - protocol.p0));
}

/**
 * Wald's approximation of the expected number of trials when the true success rate is p0 and when
 * it is p1 (overshoot ignored, the maxTrials cap not applied).
 */
export function waldAverageSampleNumber(protocol: SprtProtocol): { p0: number; p1: number } {
  const { pass, fail } = sprtBounds(protocol);
  const drift = (p: number) => p * sprtStep(protocol, true) + (1 - p) * sprtStep(protocol, false);
  return {
    p0: ((1 - protocol.alpha) * fail + protocol.alpha * pass) / drift(protocol.p0),
    p1: (protocol.beta * fail + (1 - protocol.beta) * pass) / drift(protocol.p1),
  };
}
