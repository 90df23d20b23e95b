import { sprtBounds, SprtProtocol, sprtStep } from '@app/contract';

export type Decision = 'continue' | 'passed' | 'failed' | 'inconclusive';

export interface SprtState {
  /** Trials so far. */
  trials: number;
  llr: number;
}

/** The LLR and decision after one more trial. */
export function afterTrial(
  protocol: SprtProtocol,
  state: SprtState,
  success: boolean,
): SprtState & { decision: Decision } {
  const trials = state.trials + 1;
  const llr = state.llr + sprtStep(protocol, success);
  return { trials, llr, decision: decide(protocol, trials, llr) };
}

export function decide(protocol: SprtProtocol, trials: number, llr: number): Decision {
  const bounds = sprtBounds(protocol);
  if (llr >= bounds.pass) return 'passed';
  if (llr <= bounds.fail) return 'failed';
  return trials >= protocol.maxTrials ? 'inconclusive' : 'continue';
}

/**
 * Replays a sequence of outcomes and stops at the first decision; trials after it are ignored
 * (the service refuses them). Returns the trials used, the LLR and the decision.
 */
export function decisionAfter(
  protocol: SprtProtocol,
  outcomes: readonly boolean[],
): SprtState & { decision: Decision } {
  let state: SprtState & { decision: Decision } = { trials: 0, llr: 0, decision: 'continue' };
  for (const success of outcomes) {
    state = afterTrial(protocol, state, success);
    if (state.decision !== 'continue') break;
  }
  return state;
}
