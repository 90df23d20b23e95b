import type { CriteriaSet, Criterion, Evaluation, SessionRobotSummary, SessionSummary } from '@app/contract';
import { graduationProgress, graduationSetFor, needsSummaries, progressPercent } from './graduation-progress';

const ROBOT = '0190f000-0000-7000-8000-000000000001';
const OTHER = '0190f000-0000-7000-8000-000000000002';

const criterion = (metric: string, threshold: number, op: 'gte' | 'lte' = 'gte'): Criterion => ({
  key: metric.replace(/\W/g, '_'),
  dimension: 'industry_fit',
  metric,
  op,
  threshold,
  weight: 1,
  required: true,
});

const set = (overrides: Partial<CriteriaSet> = {}): CriteriaSet => ({
  id: 'set',
  name: '毕业标准',
  stage: 'graduation',
  domain: 'industrial_manufacturing',
  version: 1,
  status: 'active',
  passScore: 75,
  criteria: [criterion('training.hours', 200), criterion('data.teleop_samples', 100_000)],
  createdBy: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  publishedAt: '2026-01-01T00:00:00Z',
  supersededAt: null,
  ...overrides,
});

const robotRow = (overrides: Partial<SessionRobotSummary>): SessionRobotSummary =>
  ({
    robotId: ROBOT,
    domain: 'industrial_manufacturing',
    runSeconds: 0,
    teleopSamples: 0,
    ...overrides,
  }) as SessionRobotSummary;

const summary = (robots: SessionRobotSummary[], overrides: Partial<SessionSummary> = {}): SessionSummary => ({
  sessionId: 'session',
  sessionStatus: 'completed',
  status: 'ready',
  robots,
  ...overrides,
});

const evaluation = (results: { metric: string; value: number | null }[]): Evaluation =>
  ({
    status: 'completed',
    results: results.map((result) => ({ ...criterion(result.metric, 1), ...result, passed: true, explanation: '' })),
  }) as Evaluation;

describe('graduationSetFor', () => {
  it("takes the domain's active graduation set, else the one for every domain", () => {
    const own = set({ id: 'own' });
    const every = set({ id: 'every', domain: null });
    const admission = set({ id: 'admission', stage: 'admission' });
    expect(graduationSetFor([every, own, admission], 'industrial_manufacturing')?.id).toBe('own');
    expect(graduationSetFor([every, own], 'social_livelihood')?.id).toBe('every');
    expect(graduationSetFor([admission], 'industrial_manufacturing')).toBeNull();
  });
});

describe('graduationProgress', () => {
  it('sums completed sessions of the set’s domain when no evaluation measured the metric', () => {
    const summaries = [
      summary([robotRow({ runSeconds: 7200, teleopSamples: 30_000 }), robotRow({ robotId: OTHER, runSeconds: 9e6 })]),
      summary([robotRow({ runSeconds: 3600, teleopSamples: 20_000 })]),
      summary([robotRow({ runSeconds: 3600, domain: 'social_livelihood' })]),
      summary([robotRow({ runSeconds: 3600 })], { sessionStatus: 'aborted' }),
      summary([robotRow({ runSeconds: 3600 })], { status: 'pending' }),
    ];
    const bars = graduationProgress({ set: set(), robotId: ROBOT, latestEvaluation: null, summaries });
    expect(bars).toEqual([
      {
        metric: 'training.hours',
        requirement: { op: 'gte', threshold: 200 },
        value: 3,
        percent: 1.5,
        met: false,
        source: 'summaries',
      },
      {
        metric: 'data.teleop_samples',
        requirement: { op: 'gte', threshold: 100_000 },
        value: 50_000,
        percent: 50,
        met: false,
        source: 'summaries',
      },
    ]);
  });

  it("reads the latest evaluation's values when it measured them, summaries for the rest", () => {
    const latest = evaluation([{ metric: 'training.hours', value: 250 }]);
    const bars = graduationProgress({
      set: set(),
      robotId: ROBOT,
      latestEvaluation: latest,
      summaries: [summary([robotRow({ teleopSamples: 10 })])],
    });
    expect(bars[0]).toMatchObject({ value: 250, percent: 100, met: true, source: 'evaluation' });
    expect(bars[1]).toMatchObject({ value: 10, source: 'summaries' });
    expect(needsSummaries(latest)).toBe(true);
    expect(
      needsSummaries(
        evaluation([
          { metric: 'training.hours', value: 1 },
          { metric: 'data.teleop_samples', value: 2 },
        ]),
      ),
    ).toBe(false);
  });

  it('shows no requirement when the set has none for the metric', () => {
    const bars = graduationProgress({
      set: set({ criteria: [criterion('training.hours', 200)], domain: null }),
      robotId: ROBOT,
      latestEvaluation: null,
      summaries: [summary([robotRow({ runSeconds: 3600, domain: 'social_livelihood' })])],
    });
    expect(bars[0]).toMatchObject({ value: 1, percent: 0.5 });
    expect(bars[1]).toMatchObject({ requirement: null, percent: 0, met: false });
  });
});

describe('progressPercent', () => {
  it('fills toward a minimum, and stays full under a maximum', () => {
    expect(progressPercent(50, 'gte', 200)).toBe(25);
    expect(progressPercent(500, 'gte', 200)).toBe(100);
    expect(progressPercent(1, 'gte', 0)).toBe(100);
    expect(progressPercent(0.05, 'lte', 0.1)).toBe(100);
    expect(progressPercent(0.2, 'lte', 0.1)).toBe(50);
  });
});
