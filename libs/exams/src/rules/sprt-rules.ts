import { sprtBounds, SprtProtocol, sprtStep, type TrialDecision } from '@app/contract';

/** A protocol's constants, computed once: an exam replays many trials against them. */
export interface Sprt {
  pass: number;
  fail: number;
  success: number;
  failure: number;
  maxTrials: number;
}

export interface SprtState {
  /** Trials so far. */
  trials: number;
  llr: number;
}

export function sprtOf(protocol: SprtProtocol): Sprt {
  const bounds = sprtBounds(protocol);
  return {
    pass: bounds.pass,
    fail: bounds.fail,
    success: sprtStep(protocol, true),
    failure: sprtStep(protocol, false),
    maxTrials: protocol.maxTrials,
  };
}

export function decide(sprt: Sprt, trials: number, llr: number): TrialDecision {
  if (llr >= sprt.pass) return 'passed';
  if (llr <= sprt.fail) return 'failed';
  return trials >= sprt.maxTrials ? 'inconclusive' : 'continue';
}

/** The LLR and decision after one more trial. */
export function afterTrial(sprt: Sprt, state: SprtState, success: boolean): SprtState & { decision: TrialDecision } {
  const trials = state.trials + 1;
  const llr = state.llr + (success ? sprt.success : sprt.failure);
  return { trials, llr, decision: decide(sprt, trials, llr) };
}

/** Replays a sequence of outcomes and stops at the first decision; trials after it are ignored. */
export function decisionAfter(sprt: Sprt, outcomes: readonly boolean[]): SprtState & { decision: TrialDecision } {
  let state: SprtState & { decision: TrialDecision } = { trials: 0, llr: 0, decision: 'continue' };
  for (const success of outcomes) {
    state = afterTrial(sprt, state, success);
    if (state.decision !== 'continue') break;
  }
  return state;
}
