import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, describeConfig, loadConfig } from './field-config';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('loadConfig', () => {
  it('applies the contract defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/field',
      redisUrl: 'redis://127.0.0.1:6379',
      port: 3000,
      role: 'all',
      queuePrefix: 'field',
      publicUrl: 'http://localhost:3000',
      adminEmail: null,
      jwtSecret: null,
      signingKeyPem: null,
      timeZone: 'Asia/Shanghai',
      dashboardDir: null,
      jobLockMs: 60_000,
      summaryDelayMs: 5_000,
      lateGraceMs: 600_000,
      evidenceWaitMs: 300_000,
      ingestBacklogBytes: 256 * 1024 * 1024,
      ingestBacklogRobotBytes: 16 * 1024 * 1024,
    });
  });

  it('reads the late grace and the evidence wait in seconds', () => {
    expect(loadConfig({ FIELD_LATE_GRACE_S: '0', FIELD_EVIDENCE_WAIT_S: '2' })).toMatchObject({
      lateGraceMs: 0,
      evidenceWaitMs: 2_000,
    });
  });

  it('resolves a relative FIELD_DASHBOARD_DIR against the working directory', () => {
    expect(loadConfig({ FIELD_DASHBOARD_DIR: 'web' }).dashboardDir).toBe(`${process.cwd()}/web`);
    expect(loadConfig({ FIELD_DASHBOARD_DIR: '/srv/dashboard' }).dashboardDir).toBe('/srv/dashboard');
  });

  it('derives the public URL from PORT and trims a trailing slash when given', () => {
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ FIELD_PUBLIC_URL: 'https://field.example.cn/' }).publicUrl).toBe('https://field.example.cn');
  });

  it.each([
    ['PORT', 'abc', /integer between 0 and 65535/],
    ['PORT', '70000', /integer between 0 and 65535/],
    ['FIELD_ROLE', 'scheduler', /one of api, worker, all/],
    ['DATABASE_URL', 'mysql://localhost/field', /postgres:/],
    ['DATABASE_URL', 'postgres://localhost', /must name a database/],
    ['REDIS_URL', 'not a url', /not a URL/],
    ['FIELD_QUEUE_PREFIX', 'has space', /letters, digits/],
    ['JWT_SECRET', 'short', /at least 32 characters/],
    ['FIELD_SIGNING_KEY', 'not a key', /PEM private key/],
    ['FIELD_PUBLIC_URL', 'ftp://x', /http: or https:/],
    ['LOG_LEVEL', 'loud', /one of/],
    ['FIELD_TIME_ZONE', 'Mars/Olympus', /IANA time zone/],
    ['FIELD_JOB_LOCK_MS', '500', /integer between 1000 and 3600000/],
    ['FIELD_SUMMARY_DELAY_MS', '-1', /integer between 0 and 3600000/],
    ['FIELD_LATE_GRACE_S', '-5', /integer between 0 and 86400/],
    ['FIELD_LATE_GRACE_S', '10m', /integer between 0 and 86400/],
    ['FIELD_EVIDENCE_WAIT_S', '0', /integer between 1 and 86400/],
    ['FIELD_INGEST_BACKLOG_BYTES', '1000', /integer between 1048576 and/],
    ['FIELD_INGEST_BACKLOG_ROBOT_BYTES', '1MB', /integer between 1048576 and/],
  ])('rejects %s=%s naming the variable', (variable, value, message) => {
    const problems = problemsOf({ [variable]: value });
    expect(problems).toEqual([{ variable, message: expect.stringMatching(message) }]);
  });

  it('reports every bad variable at once', () => {
    const problems = problemsOf({ PORT: '-1', FIELD_ROLE: 'x' });
    expect(problems.map((problem) => problem.variable)).toEqual(['PORT', 'FIELD_ROLE']);
  });

  it('needs the admin email and password together', () => {
    expect(problemsOf({ FIELD_ADMIN_EMAIL: 'a@b.cn' })).toEqual([
      { variable: 'FIELD_ADMIN_PASSWORD', message: expect.stringMatching(/together/) },
    ]);
    expect(loadConfig({ FIELD_ADMIN_EMAIL: 'Admin@B.cn', FIELD_ADMIN_PASSWORD: 'long-enough-1' }).adminEmail).toBe(
      'admin@b.cn',
    );
  });

  it('accepts an Ed25519 key and refuses another kind', () => {
    const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(loadConfig({ FIELD_SIGNING_KEY: ed }).signingKeyPem).toBe(ed);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(problemsOf({ FIELD_SIGNING_KEY: rsa })).toEqual([
      { variable: 'FIELD_SIGNING_KEY', message: expect.stringMatching(/Ed25519/) },
    ]);
  });

  it('masks secrets when described for the log', () => {
    const described = describeConfig(
      loadConfig({
        DATABASE_URL: 'postgres://field:s3cret@db:5432/field',
        JWT_SECRET: 'x'.repeat(40),
        FIELD_ADMIN_EMAIL: 'a@b.cn',
        FIELD_ADMIN_PASSWORD: 'long-enough-1',
      }),
    );
    const text = JSON.stringify(described);
    expect(text).not.toContain('s3cret');
    expect(text).not.toContain('x'.repeat(40));
    expect(text).not.toContain('long-enough-1');
  });
});
