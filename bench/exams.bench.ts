import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import canonicalize from 'canonicalize';
import { Client } from 'pg';
import { BenchApi, pool } from './support/api';
import { startField } from './support/field-process';
import { ms, summarize } from './support/stats';

const EXAMS = 200;
const TRIALS = 10_000;
const EXAMINERS = 20;
/** Close hypotheses: 50 trials per exam move the LLR by at most 50 · ln(0.51/0.49) ≈ 2.0 < ln(99), so exams stay open. */
const PROTOCOL = { method: 'sprt', p0: 0.49, p1: 0.51, alpha: 0.01, beta: 0.01, maxTrials: 1000 };

const sha256 = (value: unknown) =>
  createHash('sha256')
    .update(canonicalize(value) ?? '')
    .digest('hex');

interface ExamView {
  id: string;
  robotId: string;
  taskKey: string;
  protocol: unknown;
  seed: number;
  status: string;
  protocolDigest: string;
  ledgerHead: string;
  ledgerIntact: boolean;
  trials: { index: number; outcome: string; recordedAt: string; hash: string }[];
}

/** The contract's chain, recomputed from what the API returns. */
function chainVerifies(exam: ExamView): boolean {
  const { id: examId, robotId, taskKey, protocol, seed } = exam;
  let prevHash = sha256({ examId, robotId, taskKey, protocol, seed });
  if (prevHash !== exam.protocolDigest) return false;
  for (const [position, trial] of exam.trials.entries()) {
    if (trial.index !== position + 1) return false;
    const hash = sha256({ examId, index: trial.index, outcome: trial.outcome, recordedAt: trial.recordedAt, prevHash });
    if (hash !== trial.hash) return false;
    prevHash = hash;
  }
  return prevHash === exam.ledgerHead;
}

/** A tiny seeded PRNG, so every run records the same outcomes. */
function outcomesOf(seed: number): () => 'success' | 'failure' {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state >>> 31 ? 'success' : 'failure';
  };
}

/**
 * Graduation exams under load (issue 17): 10,000 trials recorded through the API by 20 concurrent
 * examiners across 200 exams; trials/s and latency, then every chain recomputed from the API.
 * Baseline: the same trial rows (hashed the same way) inserted with plain SQL from one connection.
 */
export async function examsBench(): Promise<void> {
  const field = await startField();
  try {
    const admin = new BenchApi(field.url, field.adminToken);
    const vendor = await admin.create('/vendors', { name: 'exams bench vendor' });
    const robots: string[] = [];
    await pool(
      Array.from({ length: 20 }, (_, i) => i),
      8,
      async (i) => {
        const robot = await admin.enrolRobot({
          serialNumber: `EXAM-${i}`,
          name: `robot ${i}`,
          vendorId: vendor.id,
          model: 'E1',
          form: 'robot_arm',
          domains: ['industrial_manufacturing'],
        });
        robots[i] = robot.id;
      },
    );
    const examiners: BenchApi[] = [];
    for (let i = 0; i < EXAMINERS; i++) {
      const email = `examiner${i}@bench.test`;
      const password = `examiner-password-${i}`;
      await admin.create('/users', { email, password, name: `examiner ${i}`, role: 'engineer' });
      const login = await fetch(`${field.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      examiners.push(new BenchApi(field.url, ((await login.json()) as { accessToken: string }).accessToken));
    }
    const openExams = async (count: number): Promise<string[]> => {
      const ids: string[] = [];
      await pool(
        Array.from({ length: count }, (_, i) => i),
        8,
        async (i) => {
          const exam = await admin.create('/exams', {
            robotId: robots[i % robots.length],
            taskKey: 'pick_place',
            protocol: PROTOCOL,
            seed: i,
          });
          ids[i] = exam.id;
        },
      );
      return ids;
    };
    const exams = await openExams(EXAMS);

    // Each examiner takes the next trial of the shared list: consecutive trials fall on different
    // exams, and an exam is sometimes examined by two examiners at once (the row lock orders them).
    const next = outcomesOf(17);
    const work = Array.from({ length: TRIALS }, (_, i) => ({ examId: exams[i % EXAMS], outcome: next() }));
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    let cursor = 0;
    const started = performance.now();
    await Promise.all(
      examiners.map(async (examiner) => {
        while (cursor < work.length) {
          const trial = work[cursor++];
          const began = performance.now();
          const answer = await examiner.request('POST', `/exams/${trial.examId}/trials`, { outcome: trial.outcome });
          latencies.push(performance.now() - began);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;

    // Every chain, recomputed from the API alone, and the server's own verdict.
    let verified = 0;
    let intact = 0;
    let trialsSeen = 0;
    const byStatus = new Map<string, number>();
    await pool(exams, 8, async (id) => {
      const { body } = await admin.request('GET', `/exams/${id}`);
      const exam = body as ExamView;
      if (chainVerifies(exam)) verified++;
      if (exam.ledgerIntact) intact++;
      trialsSeen += exam.trials.length;
      byStatus.set(exam.status, (byStatus.get(exam.status) ?? 0) + 1);
    });

    // Baseline: the same 10,000 trial rows into 200 fresh exams, hashed the same way, one connection.
    const baselineExams = await openExams(EXAMS);
    const client = new Client({ connectionString: field.databaseUrl });
    await client.connect();
    let baselineRate: number;
    try {
      const heads = new Map<string, { head: string; count: number }>();
      const examinerId = (await client.query<{ id: string }>("SELECT id FROM users WHERE role = 'engineer' LIMIT 1"))
        .rows[0].id;
      for (const id of baselineExams) {
        const { rows } = await client.query<{ protocol_digest: string }>(
          'SELECT protocol_digest FROM exams WHERE id = $1',
          [id],
        );
        heads.set(id, { head: rows[0].protocol_digest, count: 0 });
      }
      const baselineStart = performance.now();
      for (const [i, trial] of work.entries()) {
        const examId = baselineExams[i % EXAMS];
        const state = heads.get(examId)!;
        const index = state.count + 1;
        const recordedAt = new Date().toISOString();
        const hash = sha256({ examId, index, outcome: trial.outcome, recordedAt, prevHash: state.head });
        await client.query(
          `INSERT INTO exam_trials (exam_id, index, outcome, recorded_at, recorded_by, prev_hash, hash, decision, llr)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'continue', 0)`,
          [examId, index, trial.outcome, recordedAt, examinerId, state.head, hash],
        );
        await client.query('UPDATE exams SET trial_count = $2, ledger_head = $3 WHERE id = $1', [examId, index, hash]);
        heads.set(examId, { head: hash, count: index });
      }
      baselineRate = TRIALS / ((performance.now() - baselineStart) / 1000);
    } finally {
      await client.end();
    }

    const rate = TRIALS / seconds;
    const latency = summarize(latencies);
    console.log(`${TRIALS} trials by ${EXAMINERS} concurrent examiners across ${EXAMS} exams`);
    console.log(`  answers            ${[...statuses].map(([status, n]) => `${status}×${n}`).join(' ')}`);
    console.log(`  trials/s           ${rate.toFixed(0)}`);
    console.log(`  latency            p50 ${ms(latency.p50)}  p99 ${ms(latency.p99)}  max ${ms(latency.max)}`);
    console.log(`  exams              ${[...byStatus].map(([status, n]) => `${status}×${n}`).join(' ')}`);
    console.log(`  trials read back   ${trialsSeen} (must be ${TRIALS})`);
    console.log(`  chains verified    ${verified}/${EXAMS} recomputed from the API; ledgerIntact ${intact}/${EXAMS}`);
    console.log(`  baseline (SQL)     ${baselineRate.toFixed(0)} trials/s from one connection (insert + head update)`);
    console.log(`  ratio              ${(rate / baselineRate).toFixed(2)} of the baseline`);
    if (verified !== EXAMS || intact !== EXAMS || trialsSeen !== TRIALS) {
      throw new Error('a chain did not verify, or trials are missing');
    }
  } finally {
    await field.stop();
  }
}
