import type { ExamTrial } from '@app/contract';
import { examEvidence, examMetric, ExamRecord, examTaskKeys } from './exams';

const PROTOCOL = { method: 'sprt' as const, p0: 0.6, p1: 0.8, alpha: 0.05, beta: 0.05, maxTrials: 50 };

function trials(outcomes: string): ExamTrial[] {
  return [...outcomes].map((mark, i) => ({
    index: i + 1,
    outcome: mark === 's' ? 'success' : 'failure',
    recordedAt: '2026-12-01T08:00:00.000Z',
    recordedBy: '01a224b4-f49a-7b96-8699-44c95c136d70',
    sessionId: null,
    attemptId: null,
    note: null,
    hash: `h${i + 1}`,
    decision: 'continue',
    llr: 0,
  }));
}

function exam(overrides: Partial<ExamRecord> = {}): ExamRecord {
  return {
    id: 'exam-1',
    taskKey: 'pick_place',
    status: 'passed',
    protocol: PROTOCOL,
    trials: trials('sssssssssss'),
    ledgerHead: 'h11',
    ledgerIntact: true,
    decidedAt: '2026-12-01T09:00:00.000Z',
    interval: { lower: 0.7150944, upper: 1 },
    ...overrides,
  };
}

describe('exam metrics', () => {
  it('exam.passed is 1 for a passed exam, 0 for a failed or inconclusive one, none without an exam', () => {
    expect(examMetric('exam.passed', [exam()], 'pick_place')).toEqual({
      value: 1,
      basis: 'exam exam-1 of pick_place passed after 11 trials (SPRT p0 0.6, p1 0.8, α 0.05, β 0.05)',
    });
    expect(examMetric('exam.passed', [exam({ status: 'failed', trials: trials('fffff') })], 'pick_place').value).toBe(
      0,
    );
    expect(examMetric('exam.passed', [exam({ status: 'inconclusive' })], 'pick_place').value).toBe(0);
    expect(examMetric('exam.passed', [exam()], 'guide_tour')).toEqual({
      value: null,
      basis: 'no decided exam of guide_tour',
    });
  });

  it("reads the named task's exam among those of other tasks", () => {
    const tour = exam({ id: 'tour', taskKey: 'guide_tour', status: 'failed' });
    expect(examMetric('exam.passed', [tour, exam({ id: 'pick' })], 'pick_place').basis).toContain('exam pick of');
    expect(examMetric('exam.passed', [tour, exam({ id: 'pick' })], 'guide_tour').value).toBe(0);
  });

  it('exam.success_rate_lcb is the Clopper–Pearson lower bound at the stop', () => {
    const measured = examMetric('exam.success_rate_lcb', [exam()], 'pick_place');
    expect(measured.value).toBe(0.7150944);
    expect(measured.basis).toContain('Clopper–Pearson 95 % lower bound of 11 successes in 11 trials');
  });

  it('gives no value for an exam whose ledger no longer recomputes', () => {
    const broken = exam({ ledgerIntact: false });
    expect(examMetric('exam.passed', [broken], 'pick_place')).toEqual({
      value: null,
      basis: 'the trial ledger of exam exam-1 of pick_place does not recompute',
    });
    expect(examMetric('exam.success_rate_lcb', [broken], 'pick_place').value).toBeNull();
  });

  it('names the tasks of the exam metrics, and what a report carries of an exam', () => {
    const metrics = ['training.hours', 'exam.passed:pick_place', 'exam.success_rate_lcb:pick_place', 'exam.passed:x'];
    expect(examTaskKeys(metrics)).toEqual(['pick_place', 'x']);
    expect(examEvidence(exam({ id: 'b' }))).toEqual({
      examId: 'b',
      taskKey: 'pick_place',
      protocol: PROTOCOL,
      decision: 'passed',
      trials: 11,
      ledgerHead: 'h11',
    });
  });
});
