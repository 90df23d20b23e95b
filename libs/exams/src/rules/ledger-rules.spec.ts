import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { ledgerIntact, protocolDigest, trialHash } from './ledger-rules';

const EXAM = '01a224b4-f49a-7b96-8699-44c95c136d7a';
const FACTS = {
  examId: EXAM,
  robotId: '01a224b4-f49a-7b96-8699-44c95c136d7b',
  taskKey: 'pick_place',
  protocol: { method: 'sprt', p0: 0.6, p1: 0.8, alpha: 0.05, beta: 0.05, maxTrials: 40 },
  seed: 42,
};
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function chain(outcomes: ('success' | 'failure')[]) {
  let prev = protocolDigest(FACTS);
  return outcomes.map((outcome, i) => {
    const entry = { index: i + 1, outcome, recordedAt: `2026-12-08T01:0${i}:00.000Z` };
    prev = trialHash(EXAM, entry, prev);
    return { ...entry, hash: prev };
  });
}

describe('the trial ledger', () => {
  it('hashes the RFC 8785 canonical JSON the contract names', () => {
    expect(protocolDigest(FACTS)).toBe(sha256(canonicalize(FACTS) as string));
    const text =
      `{"examId":"${EXAM}","index":1,"outcome":"success","prevHash":"${'a'.repeat(64)}",` +
      '"recordedAt":"2026-12-08T01:00:00.000Z"}';
    expect(
      trialHash(EXAM, { index: 1, outcome: 'success', recordedAt: '2026-12-08T01:00:00.000Z' }, 'a'.repeat(64)),
    ).toBe(sha256(text));
  });

  it('verifies an untouched chain and refuses a changed outcome, a reorder or a gap', () => {
    const entries = chain(['success', 'failure', 'success']);
    const digest = protocolDigest(FACTS);
    expect(ledgerIntact(EXAM, digest, entries)).toBe(true);
    expect(ledgerIntact(EXAM, digest, [entries[0], { ...entries[1], outcome: 'success' }, entries[2]])).toBe(false);
    expect(ledgerIntact(EXAM, digest, [entries[1], entries[0], entries[2]])).toBe(false);
    expect(ledgerIntact(EXAM, digest, [entries[0], entries[2]])).toBe(false);
    expect(ledgerIntact(EXAM, 'b'.repeat(64), entries)).toBe(false);
  });
});
