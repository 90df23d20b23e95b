import type { Bay, Session } from '@app/contract';
import { startSimulator } from '../../robot-sim/src/simulator';
import type { FieldClient } from './field-client';
import type { Student } from './students';

export interface Phase {
  label: string;
  kind: 'training' | 'drill';
  mode: 'virtual' | 'physical';
  /** Where each group trains: bay code → the students in it. */
  groups: { bay: Bay; students: Student[] }[];
  seconds: number;
  /** How far through the term this phase is (0..1): robots' skill grows with it. */
  progress: number;
  teleop: boolean;
}

export interface TermProgress {
  sessions: number;
  samples: number;
}

const SIMULATION_HZ = 20;
/**
 * Robots in the demo work this many times faster than real time, so a session of seconds holds
 * the dozen task attempts a real one would hold in minutes.
 */
const PACE = 10;

/**
 * One phase of the term: every group books its bay, starts, trains with the simulator streaming
 * for each robot (skill rising over the term), and completes. Groups train at the same time.
 */
export async function runPhase(
  operator: FieldClient,
  url: string,
  phase: Phase,
  seed: string,
  progress: TermProgress,
  report: (line: string) => void,
): Promise<Session[]> {
  return Promise.all(
    phase.groups.map(async ({ bay, students }) => {
      const now = Date.now();
      const tasks = [...new Set(students.flatMap((student) => student.spec.tasks))];
      const booked = await operator.post<Session>('/sessions', {
        bayId: bay.id,
        robotIds: students.map((student) => student.robot.id),
        kind: phase.kind,
        taskKeys: tasks,
        startsAt: new Date(now).toISOString(),
        endsAt: new Date(now + phase.seconds * 1000).toISOString(),
        note: `${phase.label} · 演示`,
      });
      await operator.post(`/sessions/${booked.id}/start`);
      const reports = await Promise.all(
        students.map((student) =>
          startSimulator({
            url,
            tokens: [student.token as string],
            hz: SIMULATION_HZ,
            batchSize: 40,
            durationMs: phase.seconds * 1000,
            taskSuccess: skillAt(student, phase.progress),
            tasks: student.spec.tasks,
            teleop: phase.teleop,
            pace: PACE,
            seed: `${seed}:${student.spec.key}:${phase.label}`,
            nearMissesPerHour: 0,
            interventionsPerHour: 0,
            progressIntervalMs: 60_000,
            log: () => undefined,
          }),
        ),
      );
      for (const simulated of reports) progress.samples += simulated.samples.acknowledged;
      const completed = await operator.post<Session>(`/sessions/${booked.id}/complete`);
      progress.sessions++;
      report(`  ${phase.label} · ${bay.name}: ${students.map((student) => student.spec.name).join('、')} ✓`);
      return completed;
    }),
  );
}

function skillAt(student: Student, progress: number): number {
  const [start, end] = student.spec.skill;
  return start + (end - start) * progress;
}
