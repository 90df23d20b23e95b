import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bay, GraduationReport, SessionSummary, Session } from '@app/contract';
import { ConfigError, loadConfig } from '@app/platform';
import { DEMO_PASSWORD, PEOPLE } from './catalog';
import { DEMO_PROTOCOL, describeExam, examine } from './exams';
import { ApiError, FieldClient } from './field-client';
import { isHealthy, launchField, LaunchedField } from './field-launcher';
import { newCohort, setUpField } from './field-setup';
import { parseOptions, USAGE, UsageError } from './options';
import { reachable, unreachableMessage } from './preflight';
import { publishCompressedStandard } from './standard';
import { enrolStudents, evaluate, failedCriteria } from './students';
import { formatTable, padToWidth } from './table';
import { Phase, runPhase, TermProgress } from './term';

const say = (line = '') => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  let options;
  try {
    options = parseOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    return 64;
  }
  if (options === 'help') {
    say(USAGE);
    return 0;
  }
  const started = Date.now();
  const { email: adminEmail, password: adminPassword } = options.admin;

  let launched: LaunchedField | null = null;
  let url = options.url;
  if (!url && (await isHealthy(`http://localhost:${options.port}`))) url = `http://localhost:${options.port}`;
  if (!url) {
    const serverEnv = { ...process.env, FIELD_ADMIN_EMAIL: adminEmail, FIELD_ADMIN_PASSWORD: adminPassword };
    // The field's own configuration, read as the field will read it: the same defaults, and a bad
    // value named here rather than by a server that dies in the background.
    let config;
    try {
      config = loadConfig({ ...serverEnv, PORT: String(options.port) });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      process.stderr.write(`${error.message}\n`);
      return 78;
    }
    const { databaseUrl, redisUrl } = config;
    const missing = [];
    if (!(await reachable(databaseUrl))) missing.push({ name: 'PostgreSQL' as const, url: databaseUrl });
    if (!(await reachable(redisUrl))) missing.push({ name: 'Redis' as const, url: redisUrl });
    if (missing.length > 0) {
      process.stderr.write(`${unreachableMessage(missing)}\n`);
      return 69;
    }
    const logFile = join(tmpdir(), `mianyang-field-demo-${process.pid}.log`);
    say(`▶ 启动训练场 Starting the field (log: ${logFile}) …`);
    launched = await launchField(serverEnv, options.port, createWriteStream(logFile));
    url = launched.url;
  }

  try {
    const admin = await FieldClient.signIn(url, adminEmail, adminPassword).catch((error: unknown) => {
      throw error instanceof ApiError && error.status === 401
        ? new Error(
            `the field at ${url} refused ${adminEmail}: set FIELD_ADMIN_EMAIL and FIELD_ADMIN_PASSWORD to its administrator`,
          )
        : error;
    });
    say(`▶ 场地 Setting up the Mianyang field at ${url}`);
    const layout = await setUpField(admin);
    const operator = await FieldClient.signIn(url, PEOPLE[0].email, DEMO_PASSWORD);
    const today = new Date().toISOString().slice(0, 10);
    const { cohort, run } = await newCohort(admin, today);
    say(
      `  1+2+N: 3 sites, ${layout.bays.size} bays, ${layout.vendors.size} vendors, ${PEOPLE.length} people; cohort ${cohort.name}`,
    );

    say('▶ 入学 Admission of the first cohort (default admission standard)');
    const vendorIds = new Map([...layout.vendors].map(([name, vendor]) => [name, vendor.id]));
    const students = await enrolStudents(operator, vendorIds, cohort.id, run);
    await Promise.all(
      students.map(async (student) => {
        student.admission = await evaluate(operator, student.robot.id, 'admission');
      }),
    );
    for (const student of students) {
      const admission = student.admission!;
      const verdict = admission.passed ? '录取 admitted' : `未录取 rejected — ${failedCriteria(admission)}`;
      say(`  ${padToWidth(student.spec.name, 12)} score ${admission.score?.toFixed(0) ?? '—'}  ${verdict}`);
    }
    const enrolled = students.filter((student) => student.admission?.passed);
    for (const student of enrolled) {
      student.token = (await operator.post<{ token: string }>(`/robots/${student.robot.id}/device-token`)).token;
    }

    const seconds = options.quick ? 6 : 20;
    const plan = { trainingSeconds: 3 * seconds, physicalSeconds: seconds, teleopSamples: seconds * 20 };
    const domains = [...new Set(enrolled.map((student) => student.spec.domain))];
    await publishCompressedStandard(admin, domains, plan);
    say(`▶ 训练期 The term, compressed: ${plan.trainingSeconds} s of training per robot stand for months`);

    const progress: TermProgress = { sessions: 0, samples: 0 };
    const bay = (code: string) => layout.bays.get(code) as Bay;
    const byDomain = (domain: string) => enrolled.filter((student) => student.spec.domain === domain);
    const virtualBays: Record<string, string> = {
      commerce_culture_tourism: '1F-GUIDE-SIM',
      social_livelihood: '2F-HOME-SIM',
      industrial_manufacturing: '3F-FACTORY-SIM',
    };
    const virtualGroups = domains.map((domain) => ({ bay: bay(virtualBays[domain]), students: byDomain(domain) }));
    const physicalGroups = domains.flatMap((domain) => {
      const group = byDomain(domain);
      if (domain === 'commerce_culture_tourism') return [{ bay: bay('1F-GUIDE'), students: group }];
      if (domain === 'social_livelihood') return [{ bay: bay('2F-HOME'), students: group }];
      return [
        { bay: bay('3F-FACTORY'), students: group.slice(0, 4) },
        { bay: bay('KJC-LOGISTICS'), students: group.slice(4) },
      ].filter((entry) => entry.students.length > 0);
    });
    const drillers = byDomain('industrial_manufacturing')
      .filter((student) => student.spec.key !== 'Q3')
      .slice(0, 4);
    const phases: Phase[] = [
      {
        label: '仿真训练 · 第一轮 virtual',
        kind: 'training',
        mode: 'virtual',
        groups: virtualGroups,
        seconds,
        progress: 0.1,
        teleop: false,
      },
      {
        label: '仿真训练 · 第二轮 virtual',
        kind: 'training',
        mode: 'virtual',
        groups: virtualGroups,
        seconds,
        progress: 0.45,
        teleop: false,
      },
      {
        label: '实体训练 · 遥操作示教 physical + teleop',
        kind: 'training',
        mode: 'physical',
        groups: physicalGroups,
        seconds,
        progress: 0.8,
        teleop: true,
      },
      ...(drillers.length >= 2
        ? [
            {
              label: '群体协同演练 group drill',
              kind: 'drill' as const,
              mode: 'physical' as const,
              groups: [{ bay: bay('3F-DRILL'), students: drillers }],
              seconds,
              progress: 1,
              teleop: false,
            },
          ]
        : []),
    ];
    const sessions: Session[] = [];
    for (const phase of phases) {
      say(`  ${phase.label} (${phase.seconds} s) …`);
      sessions.push(...(await runPhase(operator, url, phase, options.seed, progress, say)));
      say(`  进度 progress: ${progress.sessions} sessions, ${progress.samples.toLocaleString('en')} samples stored`);
    }

    say('▶ 汇总 Waiting for the session summaries');
    await Promise.all(sessions.map((session) => waitForSummary(operator, session.id)));

    const { p0, p1, alpha, beta, maxTrials } = DEMO_PROTOCOL;
    say(
      `▶ 考核 Exams on each domain's core task, judged by the examiner (SPRT p0 ${p0} → p1 ${p1}, α ${alpha}, β ${beta}, ≤ ${maxTrials} trials)`,
    );
    const examiner = await FieldClient.signIn(url, PEOPLE[1].email, DEMO_PASSWORD);
    await Promise.all(
      enrolled.map(async (student) => {
        student.exam = await examine(examiner, student, options.seed);
      }),
    );
    for (const student of enrolled)
      say(`  ${padToWidth(student.spec.name, 12)} 考核 exam ${describeExam(student.exam!)}`);

    say('▶ 毕业 Graduation evaluations and reports');
    await Promise.all(
      enrolled.map(async (student) => {
        student.graduation = await evaluate(operator, student.robot.id, 'graduation');
      }),
    );
    for (const student of enrolled) {
      const graduation = student.graduation!;
      if (graduation.passed) {
        const report = await admin.post<GraduationReport>(`/robots/${student.robot.id}/graduation-reports`, {
          evaluationId: graduation.id,
        });
        student.reportNumber = report.number;
        say(`  ${student.spec.name} 毕业 graduates: report ${report.number}`);
      } else {
        say(`  ${student.spec.name} 未通过 does not pass — ${failedCriteria(graduation)}`);
      }
    }

    const final = await Promise.all(
      students.map((student) => operator.get<{ status: string }>(`/robots/${student.robot.id}`)),
    );
    say();
    say(
      formatTable(
        ['robot', 'form', 'vendor', 'admission', 'graduation', 'status', 'report'],
        students.map((student, index) => [
          student.spec.name,
          student.spec.form,
          student.spec.vendor,
          student.admission?.score?.toFixed(0) ?? '—',
          student.graduation?.score?.toFixed(0) ?? '—',
          final[index].status,
          student.reportNumber ?? '—',
        ]),
      ),
    );
    const firstReport = students.find((student) => student.reportNumber)?.reportNumber;
    say();
    say(`仪表盘 Dashboard   ${url}/`);
    say(`API docs          ${url}/docs`);
    say(
      `管理员 Admin      ${adminEmail} / ${options.admin.fromEnvironment ? '(FIELD_ADMIN_PASSWORD)' : adminPassword}`,
    );
    for (const person of PEOPLE.slice(0, 5)) say(`${person.role.padEnd(17)} ${person.email} / ${DEMO_PASSWORD}`);
    if (firstReport) say(`验证 Verify       ${url}/verify/${firstReport}`);
    say(
      `完成 Done in ${((Date.now() - started) / 1000).toFixed(0)} s: ${progress.sessions} sessions, ${progress.samples.toLocaleString('en')} samples`,
    );

    if (launched && !options.exit) {
      say();
      say('The field keeps running for you to explore; press Ctrl-C to stop it.');
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
    }
    return 0;
  } finally {
    await launched?.stop();
  }
}

async function waitForSummary(client: FieldClient, sessionId: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while ((await client.get<SessionSummary>(`/sessions/${sessionId}/summary`)).status !== 'ready') {
    if (Date.now() > deadline) throw new Error(`the summary of session ${sessionId} was not ready within 90 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`the demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
