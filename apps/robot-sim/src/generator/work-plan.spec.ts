import { stationsFor } from './floor-plan';
import { Random } from './random';
import { type Phase, type PlanSettings, nominalCycleMs, workPlan } from './work-plan';

const settings = (overrides: Partial<PlanSettings> = {}): PlanSettings => ({
  tasks: ['pick_and_place', 'shelf_restock'],
  taskSuccess: 0.8,
  attemptPrefix: 'r0-test',
  stations: stationsFor(0),
  firstStation: 0,
  startMs: 1_000_000,
  needsCharge: () => false,
  chargeDurationMs: () => 600_000,
  ...overrides,
});

function take(plan: Generator<Phase, never>, count: number): Phase[] {
  return Array.from({ length: count }, () => plan.next().value);
}

describe('work plan', () => {
  it('lays phases end to end from the start', () => {
    const phases = take(workPlan(settings(), new Random('plan')), 200);
    expect(phases[0].startMs).toBe(1_000_000);
    phases.slice(1).forEach((phase, i) => expect(phase.startMs).toBe(phases[i].endMs));
    phases.forEach((phase) => expect(phase.endMs).toBeGreaterThan(phase.startMs));
  });

  it('visits the stations in a loop: wait, task, turn, drive', () => {
    const phases = take(workPlan(settings(), new Random('plan')), 60).filter((phase) => !('intervention' in phase));
    const kinds = phases.map((phase) => phase.kind);
    expect(kinds.slice(0, 5)).toEqual(['wait', 'task', 'turn', 'drive', 'wait']);
    const stations = stationsFor(0);
    const drives = phases.filter((phase) => phase.kind === 'drive');
    drives.forEach((drive, i) => {
      expect(drive.from).toEqual(stations[i % stations.length]);
      expect(drive.to).toEqual(stations[(i + 1) % stations.length]);
    });
  });

  it('succeeds at about the given rate, with unique attempt ids and a reason on failure', () => {
    const tasks = take(workPlan(settings({ taskSuccess: 0.7 }), new Random('rate')), 10_000).flatMap((phase) =>
      phase.kind === 'task' ? [phase.attempt] : [],
    );
    const successes = tasks.filter((attempt) => attempt.outcome === 'success').length;
    expect(successes / tasks.length).toBeCloseTo(0.7, 1);
    expect(new Set(tasks.map((attempt) => attempt.attemptId)).size).toBe(tasks.length);
    tasks.forEach((attempt) => expect(attempt.reason === undefined).toBe(attempt.outcome === 'success'));
    expect(new Set(tasks.map((attempt) => attempt.taskKey))).toEqual(new Set(['pick_and_place', 'shelf_restock']));
  });

  it('takes several seconds per attempt, around the task kind’s nominal cycle time', () => {
    const tasks = take(workPlan(settings({ taskSuccess: 1, tasks: ['pick_and_place'] }), new Random('cycle')), 4000)
      .filter((phase) => phase.kind === 'task')
      .map((phase) => phase.endMs - phase.startMs)
      .sort((a, b) => a - b);
    const median = tasks[Math.floor(tasks.length / 2)];
    expect(median / nominalCycleMs('pick_and_place')).toBeCloseTo(1, 1);
    expect(nominalCycleMs('pick_and_place')).toBeGreaterThanOrEqual(5000);
    expect(nominalCycleMs('pick_and_place')).toBeLessThan(14_000);
  });

  it('compresses every phase by the pace, keeping the same sequence of work', () => {
    const real = take(workPlan(settings(), new Random('pace')), 40);
    const fast = take(workPlan(settings({ pace: 10 }), new Random('pace')), 40);
    expect(fast.map((phase) => phase.kind)).toEqual(real.map((phase) => phase.kind));
    const attempts = (phases: Phase[]) => phases.flatMap((phase) => (phase.kind === 'task' ? [phase.attempt] : []));
    expect(attempts(fast)).toEqual(attempts(real));
    const duration = (phases: Phase[]) => phases[phases.length - 1].endMs - phases[0].startMs;
    expect(duration(fast) / duration(real)).toBeCloseTo(0.1, 2);
    fast.forEach((phase) => expect(phase.endMs).toBeGreaterThan(phase.startMs));
  });

  it('sends an operator to reset some failed attempts', () => {
    const phases = take(workPlan(settings({ taskSuccess: 0 }), new Random('resets')), 2000);
    const resets = phases.filter((phase) => phase.kind === 'wait' && phase.intervention);
    expect(resets.length).toBeGreaterThan(0);
    resets.forEach((reset) => {
      const before = phases[phases.indexOf(reset) - 1];
      expect(before.kind === 'task' && before.attempt.outcome).toBe('failure');
    });
  });

  it('charges after a task when the battery runs low', () => {
    let low = false;
    const plan = workPlan(settings({ needsCharge: () => low }), new Random('charge'));
    const first = take(plan, 8);
    expect(first.some((phase) => phase.kind === 'charge')).toBe(false);
    low = true;
    const next = take(plan, 8);
    const charge = next.find((phase) => phase.kind === 'charge');
    expect(charge && charge.endMs - charge.startMs).toBe(600_000);
    expect(next[next.indexOf(charge!) - 1].kind).toMatch(/task|wait/);
  });

  it('replays the same plan for the same seed', () => {
    const plan = (seed: string) => take(workPlan(settings(), new Random(seed)), 50);
    expect(plan('a')).toEqual(plan('a'));
    expect(plan('a')).not.toEqual(plan('b'));
  });
});
