import { createPublicKey, verify } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Bay, CORE_TASKS, Evaluation, Exam, GraduationReport, Robot, Session } from '@app/contract';
import canonicalize from 'canonicalize';
import { runNode } from './support/child';
import { FieldChild, randomPort, startFieldProcess } from './support/field-process';
import { databaseUrl, dropDatabase, freshDatabaseName, REDIS_URL, suiteQueuePrefix } from './support/test-env';

const DEMO = join(__dirname, '..', 'dist', 'apps', 'demo', 'src', 'main.js');
const ADMIN = { FIELD_ADMIN_EMAIL: 'admin@demo.test', FIELD_ADMIN_PASSWORD: 'demo-admin-password' };

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A signed-in client of the field the demo built, reading its end state through the public API. */
class Reader {
  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}

  static async signIn(url: string): Promise<Reader> {
    const response = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN.FIELD_ADMIN_EMAIL, password: ADMIN.FIELD_ADMIN_PASSWORD }),
    });
    expect(response.status).toBe(200);
    return new Reader(url, ((await response.json()) as { accessToken: string }).accessToken);
  }

  async get<T>(path: string): Promise<T> {
    const response = await fetch(`${this.url}/api/v1${path}`, { headers: { authorization: `Bearer ${this.token}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  }

  async all<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const page: Page<T> = await this.get(`${path}${separator}limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }
}

const port = () => String(randomPort());

describe('npm run demo', () => {
  const databaseName = freshDatabaseName('demo');
  const env = {
    ...ADMIN,
    DATABASE_URL: databaseUrl(databaseName),
    REDIS_URL,
    FIELD_QUEUE_PREFIX: suiteQueuePrefix(),
    LOG_LEVEL: 'warn',
  };
  let field: FieldChild | null = null;
  let sessionsPlayed = 0;

  afterAll(async () => {
    await field?.stop();
    await dropDatabase(databaseName);
  });

  it('starts a field on an empty database, plays a short term and ends with the table', async () => {
    expect(existsSync(DEMO)).toBe(true);
    const run = await runNode(DEMO, env, 170_000, ['--exit', '--quick', '--port', port()]);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    // Progress while it runs, then the table, the logins and a verification URL.
    expect(run.stdout).toMatch(/进度 progress: \d+ sessions, [\d,]+ samples stored/);
    sessionsPlayed = Number(/完成 Done in \d+ s: (\d+) sessions/.exec(run.stdout)?.[1]);
    expect(run.stdout).toMatch(/robot +form +vendor +admission +graduation +status +report/);
    expect(run.stdout).toMatch(/暖心 S8 +service +\S+ +\d+ +— +rejected +—/);
    // Examined on the domain's core task, the weak quadruped fails by the sequential rule, not a threshold.
    expect(run.stdout).toMatch(/▶ 考核 Exams on each domain's core task/);
    expect(run.stdout).toMatch(/行者 W1 +考核 exam guide_tour: 通过 passed after \d+ trials/);
    expect(run.stdout).toMatch(/岷山 Q3 +考核 exam pick_place: 未通过 failed after \d+ trials/);
    expect(run.stdout).toMatch(
      /岷山 Q3 未通过 does not pass — success_rate（必须 required） [\d.]+, needs ≥ 0.7; core_task_exam（必须 required） 0, needs ≥ 1/,
    );
    expect(run.stdout).toMatch(/验证 Verify +http:\/\/localhost:\d+\/verify\/MY-\d{4}-\d{6}/);
  }, 180_000);

  it('leaves the end state in the field: the cohort, the rejection, the sessions, the evaluations and reports that verify', async () => {
    field = await startFieldProcess(env);
    const reader = await Reader.signIn(field.url);
    const [cohort] = await reader.all<{ id: string; name: string }>('/cohorts');
    expect(cohort.name).toBe('绵阳首期');
    const robots = await reader.all<Robot>(`/robots?cohortId=${cohort.id}`);
    expect(robots.map((robot) => robot.form).sort()).toEqual(
      [
        'amr',
        'humanoid',
        'mobile_manipulator',
        'dual_arm',
        'quadruped',
        'robot_arm',
        'service',
        'wheeled_humanoid',
      ].sort(),
    );
    const byKey = new Map(robots.map((robot) => [robot.serialNumber.slice(-2), robot]));

    // The service robot without an emergency stop is refused admission, by that required criterion.
    const rejected = byKey.get('S8')!;
    expect(rejected.status).toBe('rejected');
    const [refusal] = await reader.all<Evaluation>(`/robots/${rejected.id}/evaluations`);
    expect(refusal).toMatchObject({ stage: 'admission', status: 'completed', passed: false });
    expect(refusal.results.find((result) => !result.passed)).toMatchObject({ key: 'estop', required: true, value: 0 });

    // Virtual, physical and drill sessions all ran and completed.
    const sessions = await reader.all<Session>('/sessions');
    expect(sessionsPlayed).toBeGreaterThanOrEqual(8);
    expect(sessions).toHaveLength(sessionsPlayed);
    expect(sessions.every((session) => session.status === 'completed')).toBe(true);
    expect(new Set(sessions.map((session) => session.kind))).toEqual(new Set(['training', 'drill']));
    const bays = new Map((await reader.all<Bay>('/bays')).map((bay) => [bay.id, bay]));
    expect(new Set(sessions.map((session) => bays.get(session.bayId)!.mode))).toEqual(new Set(['virtual', 'physical']));

    // Every admitted robot has a completed graduation evaluation; the weak quadruped fails it.
    const admitted = robots.filter((robot) => robot !== rejected);
    for (const robot of admitted) {
      const evaluations = await reader.all<Evaluation>(`/robots/${robot.id}/evaluations`);
      const graduation = evaluations.find((evaluation) => evaluation.stage === 'graduation');
      expect(graduation).toMatchObject({ status: 'completed' });
      const evidence = graduation!.evidence!;
      expect(evidence.sessionIds.length).toBeGreaterThanOrEqual(3);
      expect(evidence.samples.taskAttempts).toBeGreaterThan(0);
      expect(robot.status).toBe(graduation!.passed ? 'graduated' : 'enrolled');
    }
    expect(byKey.get('Q3')!.status).toBe('enrolled');

    // Each admitted robot was examined on its domain's core task by a person; only the quadruped failed.
    for (const robot of admitted) {
      const exams = await reader.all<Exam>(`/exams?robotId=${robot.id}`);
      expect(exams).toHaveLength(1);
      const [exam] = exams;
      expect(exam.taskKey).toBe(CORE_TASKS[robot.domains[0]]);
      expect(exam.status).toBe(robot === byKey.get('Q3') ? 'failed' : 'passed');
      expect(exam.ledgerIntact).toBe(true);
      const graduation = (await reader.all<Evaluation>(`/robots/${robot.id}/evaluations`)).find(
        (evaluation) => evaluation.stage === 'graduation',
      )!;
      expect(graduation.evidence!.exams).toEqual([expect.objectContaining({ examId: exam.id, decision: exam.status })]);
    }
    const graduated = admitted.filter((robot) => robot.status === 'graduated');
    expect(graduated.length).toBeGreaterThanOrEqual(5);

    // Each graduate holds a report whose signature checks out against the field's public key.
    const { publicKey } = (await (await fetch(`${field.url}/api/v1/verify/public-key`)).json()) as {
      publicKey: string;
    };
    for (const robot of graduated) {
      const [listed] = await reader.all<GraduationReport>(`/graduation-reports?robotId=${robot.id}`);
      const report = await reader.get<GraduationReport>(`/graduation-reports/${listed.id}`);
      const verdict = await (await fetch(`${field.url}/api/v1/verify/${report.number}`)).json();
      expect(verdict).toMatchObject({ valid: true, status: 'valid', number: report.number });
      const signed = Buffer.from(canonicalize(report.document) as string);
      expect(verify(null, signed, createPublicKey(publicKey), Buffer.from(report.signature, 'base64'))).toBe(true);
      expect(report.document).toMatchObject({ version: 2, exams: [{ decision: 'passed' }] });
    }
  }, 60_000);

  it('runs again against the running field without failing on what the first run made', async () => {
    const run = await runNode(DEMO, { ...ADMIN, LOG_LEVEL: 'warn' }, 170_000, [
      '--exit',
      '--quick',
      '--url',
      field!.url,
    ]);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/cohort 绵阳首期（第 2 次演示）/);
    const reader = await Reader.signIn(field!.url);
    expect(await reader.all('/sites')).toHaveLength(3);
    expect(await reader.all<Robot>('/robots')).toHaveLength(16);
  }, 180_000);

  it('says in one paragraph where it looked for PostgreSQL and how to get it', async () => {
    const run = await runNode(DEMO, { ...env, DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:9/field' }, 30_000, [
      '--exit',
      '--port',
      port(),
    ]);
    expect(run.code).toBe(69);
    expect(run.stderr).toMatch(/cannot reach PostgreSQL at 127\.0\.0\.1:9\./);
    expect(run.stderr).toMatch(/docker compose up -d postgres redis/);
    expect(run.stderr).toMatch(/DATABASE_URL=/);
    expect(run.stderr).not.toMatch(/secret/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('names a bad setting of the field it would start, as the field itself would, before starting it', async () => {
    const run = await runNode(DEMO, { ...env, REDIS_URL: 'not a url' }, 30_000, ['--exit', '--port', port()]);
    expect(run.code).toBe(78);
    expect(run.stderr).toMatch(/Invalid configuration:\n {2}REDIS_URL: /);
    expect(run.stdout).not.toMatch(/Starting the field/);
  });
});
