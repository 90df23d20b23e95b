import type { Exam, ExamTrial } from '@app/contract';
import { llrPath, nextTrial, trialKey } from './exam-view';

const protocol = { method: 'sprt', p0: 0.6, p1: 0.8, alpha: 0.05, beta: 0.05, maxTrials: 60 } as const;
const plan = [1, 2, 3].map((index) => ({ index, conditions: { lighting: index % 2 ? 'dim' : 'bright' } }));
const trial = (index: number, llr: number): ExamTrial => ({
  index,
  outcome: 'success',
  recordedAt: '2026-12-08T01:00:00.000Z',
  recordedBy: 'u',
  sessionId: null,
  attemptId: null,
  note: null,
  hash: `h${index}`,
  decision: 'continue',
  llr,
});
const exam = (trials: ExamTrial[], status: Exam['status'] = 'open') => ({
  status,
  plan,
  trials,
  protocol,
  bounds: { pass: 2.94, fail: -2.94 },
});

describe("the examiner view's arithmetic", () => {
  it('names the next trial with its planned conditions, and none once decided', () => {
    expect(nextTrial(exam([]))).toEqual({ index: 1, conditions: { lighting: 'dim' } });
    expect(nextTrial(exam([trial(1, 0.29)]))).toEqual({ index: 2, conditions: { lighting: 'bright' } });
    expect(nextTrial(exam([trial(1, 0.29)], 'passed'))).toBeNull();
  });

  it('keys a trial by exam and index, so a repeated tap repeats the key', () => {
    expect(trialKey('e1', 3)).toBe(trialKey('e1', 3));
    expect(trialKey('e1', 3)).not.toBe(trialKey('e1', 4));
    expect(trialKey('e1', 3)).toMatch(/^[\x20-\x7e]{1,255}$/);
  });

  it('draws the path from 0 through each trial in order, between two flat bounds', () => {
    const [indexes, path, pass, fail] = llrPath(exam([trial(2, 0.58), trial(1, 0.29)]));
    expect(indexes).toHaveLength(13);
    expect(path.slice(0, 3)).toEqual([0, 0.29, 0.58]);
    expect(path.slice(3).every((value) => value === null)).toBe(true);
    expect(new Set(pass)).toEqual(new Set([2.94]));
    expect(new Set(fail)).toEqual(new Set([-2.94]));
    expect(llrPath({ ...exam([]), protocol: { ...protocol, maxTrials: 4 } })[0]).toEqual([0, 1, 2, 3, 4]);
  });
});
