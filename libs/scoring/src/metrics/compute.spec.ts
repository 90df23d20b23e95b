import { TRAINING_METRICS } from '@app/contract';
import { robotSession, tallies } from '../../../../test/support/summaries';
import { measure, MetricInput, sessionMetrics } from './compute';

describe('measure', () => {
  const input: MetricInput = {
    specs: { payloadKg: 5, estop: true },
    domain: 'industrial_manufacturing',
    exams: [],
    sessions: [
      robotSession({
        runSeconds: 7200,
        byTask: { pick: tallies(10, 9), weld: tallies(10, 5) },
        safety: { estop: 1, collision: 0, near_miss: 0 },
        teleopSamples: 500,
      }),
    ],
  };

  it('dispatches every key of the catalog, spec and per-task variants included', () => {
    expect(measure('spec.payloadKg', input).value).toBe(5);
    expect(measure('training.hours', input).value).toBe(2);
    expect(measure('task.success_rate', input).value).toBe(0.7);
    expect(measure('task.success_rate:weld', input).value).toBe(0.5);
    expect(measure('task.attempts:pick', input).value).toBe(10);
    expect(measure('safety.incidents_per_hour', input).value).toBe(0.5);
    expect(measure('data.teleop_samples', input).value).toBe(500);
  });

  it('gives every training metric no value without sessions, naming the domain it looked in', () => {
    const none = { ...input, sessions: [] };
    for (const metric of TRAINING_METRICS) {
      expect(measure(metric, none)).toEqual({
        value: null,
        basis: 'no completed sessions in industrial_manufacturing bays',
      });
    }
    expect(measure('training.hours', { ...none, domain: null }).basis).toBe('no completed sessions in any bay');
    expect(measure('spec.estop', none).value).toBe(1);
  });

  it('measures exams whatever the sessions: no sessions do not stand in for a missing exam', () => {
    const decided = {
      id: 'exam-1',
      taskKey: 'pick_place',
      status: 'failed' as const,
      protocol: { method: 'sprt' as const, p0: 0.6, p1: 0.8, alpha: 0.05, beta: 0.05, maxTrials: 20 },
      trials: [],
      ledgerHead: 'head',
      ledgerIntact: true,
      decidedAt: '2026-12-01T09:00:00.000Z',
      interval: { lower: 0, upper: 0.5 },
    };
    expect(measure('exam.passed:pick_place', { ...input, sessions: [], exams: [decided] }).value).toBe(0);
    expect(measure('exam.success_rate_lcb:pick_place', { ...input, exams: [decided] }).value).toBe(0);
    expect(measure('exam.passed:guide_tour', { ...input, sessions: [] }).basis).toBe('no decided exam of guide_tour');
  });

  it('refuses a key outside the catalog', () => {
    expect(() => measure('task.luck', input)).toThrow(/not a metric/);
  });
});

describe('sessionMetrics', () => {
  it('computes every training metric of one session on its own', () => {
    const metrics = sessionMetrics(
      robotSession({ runSeconds: 1800, byTask: { pick: tallies(4, 2) }, interventions: 1 }),
    );
    expect(Object.keys(metrics).sort()).toEqual([...TRAINING_METRICS].sort());
    expect(metrics).toMatchObject({
      'training.hours': 0.5,
      'task.attempts': 4,
      'task.success_rate': 0.5,
      'interventions.per_hour': 2,
      'drill.success_rate': null,
    });
  });
});
