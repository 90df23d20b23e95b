import { canonicalDigest } from '@app/platform';

export interface ExamProtocolFacts {
  examId: string;
  robotId: string;
  taskKey: string;
  protocol: { method: string; p0: number; p1: number; alpha: number; beta: number; maxTrials: number };
  seed: number;
}

export interface LedgerEntry {
  index: number;
  outcome: 'success' | 'failure';
  recordedAt: string;
  hash: string;
}

/** The head the first trial chains to. */
export function protocolDigest(facts: ExamProtocolFacts): string {
  const { method, p0, p1, alpha, beta, maxTrials } = facts.protocol;
  return canonicalDigest({
    examId: facts.examId,
    robotId: facts.robotId,
    taskKey: facts.taskKey,
    protocol: { method, p0, p1, alpha, beta, maxTrials },
    seed: facts.seed,
  });
}

export function trialHash(examId: string, entry: Omit<LedgerEntry, 'hash'>, prevHash: string): string {
  return canonicalDigest({
    examId,
    index: entry.index,
    outcome: entry.outcome,
    recordedAt: entry.recordedAt,
    prevHash,
  });
}

/**
 * Whether the trials, in index order, recompute to their stored hashes, each chained to the one
 * before and the first to the protocol digest, with no gap in the numbering.
 */
export function ledgerIntact(examId: string, digest: string, entries: readonly LedgerEntry[]): boolean {
  let prevHash = digest;
  for (const [position, entry] of entries.entries()) {
    if (entry.index !== position + 1) return false;
    if (trialHash(examId, entry, prevHash) !== entry.hash) return false;
    prevHash = entry.hash;
  }
  return true;
}
