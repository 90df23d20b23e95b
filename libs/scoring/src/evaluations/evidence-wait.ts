/** A completed session the evaluation counts whose summary has not been made yet. */
export interface PendingSummary {
  sessionId: string;
  endedAt: number;
}

export interface EvidenceWaitLimits {
  /** FIELD_SUMMARY_DELAY_MS: a summary is due this long after its session ended. */
  summaryDelayMs: number;
  /** FIELD_EVIDENCE_WAIT_S: how long past the last summary's due time the evaluation keeps waiting. */
  waitMs: number;
}

export type EvidenceWait = { kind: 'ready' } | { kind: 'wait'; until: number } | { kind: 'give-up'; reason: string };

/** Checks again no sooner than this, so a wait does not spin... */
const MIN_RECHECK_MS = 500;
/** ...and no later, so a summary made early (by the sweeper, a retry) is noticed soon. */
const MAX_RECHECK_MS = 30_000;
/** A summary job due at t commits a little later. */
const SETTLE_MS = 250;
const NAMED = 5;

/**
 * What a graduation evaluation does about completed sessions whose summaries are missing: score
 * when none are; else check again once the last of them is due, until `waitMs` after that (counted
 * from when the evaluation started waiting, if later), and then give up with the reason rather than
 * score incomplete evidence.
 */
export function evidenceWait(
  pending: readonly PendingSummary[],
  waitingSince: number,
  now: number,
  limits: EvidenceWaitLimits,
): EvidenceWait {
  if (pending.length === 0) return { kind: 'ready' };
  const dueAt = Math.max(...pending.map((session) => session.endedAt + limits.summaryDelayMs));
  const deadline = Math.max(waitingSince, dueAt) + limits.waitMs;
  if (now >= deadline) return { kind: 'give-up', reason: missingSummaries(pending, deadline - waitingSince) };
  const recheck = Math.min(Math.max(dueAt + SETTLE_MS, now + MIN_RECHECK_MS), now + MAX_RECHECK_MS);
  return { kind: 'wait', until: Math.min(recheck, deadline) };
}

function missingSummaries(pending: readonly PendingSummary[], waitedMs: number): string {
  const ids = pending.slice(0, NAMED).map((session) => session.sessionId);
  const more = pending.length > NAMED ? ` and ${pending.length - NAMED} more` : '';
  const sessions = pending.length === 1 ? '1 completed session' : `${pending.length} completed sessions`;
  return (
    `the summaries of ${sessions} of the robot (${ids.join(', ')}${more}) were still missing after ` +
    `${Math.round(waitedMs / 1000)} s of waiting; an evaluation never scores without them: ask again once they are made`
  );
}
