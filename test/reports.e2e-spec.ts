import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import canonicalize from 'canonicalize';
import type { Evaluation, GraduationReport } from '@app/contract';
import { graduateThroughTheField } from './support/graduate';
import { runNode } from './support/child';
import { Api, startTestApp, TestApp } from './support/test-app';

const UNKNOWN_ID = '01a224b4-f49a-7b96-8699-44c95c136d7a';

/** Verifies in a separate process, with nothing but node:crypto and the public key the field serves. */
const VERIFIER = `
const { createPublicKey, verify } = require('node:crypto');
const { key, bytes, signature } = JSON.parse(process.env.INPUT);
const ok = verify(null, Buffer.from(bytes, 'base64'), createPublicKey(key), Buffer.from(signature, 'base64'));
process.stdout.write(ok ? 'valid' : 'invalid');
`;

describe('graduation reports', () => {
  let field: TestApp;
  let operator: Api;
  let robot: Record<string, any> & { id: string }; // eslint-disable-line @typescript-eslint/no-explicit-any
  let evaluation: Evaluation;
  let report: GraduationReport;

  beforeAll(async () => {
    field = await startTestApp({ FIELD_PUBLIC_URL: 'https://field.example.cn' });
    operator = await field.signIn('operator');
    const cohort = await field.factory.cohort({ name: '绵阳首期' });
    robot = await field.factory.enrolledRobot({
      name: '行者一号',
      cohortId: cohort.id,
      domains: ['industrial_manufacturing'],
    });
    ({ evaluation } = await graduateThroughTheField(field, operator, robot, {
      successes: 9,
      failures: 1,
      passRate: 0.8,
    }));
  });

  afterAll(async () => {
    await field.close();
  });

  const pdfOf = async (id: string) =>
    await field.admin
      .get(`/graduation-reports/${id}/pdf`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
  const pdfText = (pdf: Buffer) => {
    const file = join(mkdtempSync(join(tmpdir(), 'report-')), 'report.pdf');
    writeFileSync(file, pdf);
    return {
      info: execFileSync('pdfinfo', [file], { encoding: 'utf8' }),
      text: execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }),
    };
  };

  it('got the robot a passed graduation evaluation', () => {
    expect(evaluation).toMatchObject({ status: 'completed', passed: true, stage: 'graduation' });
  });

  describe('issuing', () => {
    it('refuses what is not a completed, passed graduation evaluation of this robot (422)', async () => {
      const other = await field.factory.enrolledRobot();
      for (const [robotId, evaluationId, detail] of [
        [robot.id, UNKNOWN_ID, 'the evaluation does not exist'],
        [other.id, evaluation.id, 'the evaluation is of another robot'],
      ]) {
        const response = await field.admin.post(`/robots/${robotId}/graduation-reports`, { evaluationId });
        expect(response.status).toBe(422);
        expect(response.body.detail).toBe(detail);
      }
      const applicant = await field.factory.robot({ specs: { estop: false } });
      const { body: admission } = await operator.post(`/robots/${applicant.id}/evaluations`, { stage: 'admission' });
      const response = await field.admin.post(`/robots/${applicant.id}/graduation-reports`, {
        evaluationId: admission.id,
      });
      expect(response.status).toBe(422);
    });

    it('is for admins only', async () => {
      const response = await operator.post(`/robots/${robot.id}/graduation-reports`, { evaluationId: evaluation.id });
      expect(response.status).toBe(403);
    });

    it('issues a numbered, signed report (201) and the robot graduates', async () => {
      const response = await field.admin.post(`/robots/${robot.id}/graduation-reports`, {
        evaluationId: evaluation.id,
      });
      expect(response.status).toBe(201);
      report = response.body as GraduationReport;
      expect(report).toMatchObject({
        id: expect.any(String),
        number: expect.stringMatching(/^MY-\d{4}-000001$/),
        robotId: robot.id,
        evaluationId: evaluation.id,
        status: 'valid',
        issuedBy: expect.any(String),
        digest: expect.stringMatching(/^[0-9a-f]{64}$/),
        signature: expect.any(String),
      });
      expect((await field.admin.get(`/robots/${robot.id}`)).body.status).toBe('graduated');
      expect(report.document).toMatchObject({
        number: report.number,
        robot: { name: '行者一号', serialNumber: robot.serialNumber, vendor: { id: robot.vendorId } },
        cohort: { name: '绵阳首期' },
        standard: { version: expect.any(Number) },
        evaluation: { id: evaluation.id, passed: true, score: evaluation.score },
        training: { sessions: 1 },
        field: { verifyUrl: `https://field.example.cn/verify/${report.number}` },
      });
      const audited = await field.sql("SELECT action FROM audit_log WHERE action = 'report.issue' AND entity_id = $1", [
        report.id,
      ]);
      expect(audited).toHaveLength(1);
    });

    it('answers 409 while the robot holds a valid report', async () => {
      const response = await field.admin.post(`/robots/${robot.id}/graduation-reports`, {
        evaluationId: evaluation.id,
      });
      expect(response.status).toBe(409);
      expect(response.body.detail).toContain(report.number);
    });
  });

  describe('verifying', () => {
    it('the digest is the SHA-256 of the RFC 8785 form, and the signature verifies in another process, not once changed', async () => {
      const canonical = canonicalize(report.document) as string;
      expect(createHash('sha256').update(canonical).digest('hex')).toBe(report.digest);
      const { body: key } = await field.anonymous.get('/api/v1/verify/public-key');
      expect(key).toEqual({ algorithm: 'Ed25519', publicKey: expect.stringContaining('BEGIN PUBLIC KEY') });
      const script = join(mkdtempSync(join(tmpdir(), 'verifier-')), 'verify.js');
      writeFileSync(script, VERIFIER);
      const verifyIn = async (bytes: string) =>
        (
          await runNode(script, {
            INPUT: JSON.stringify({
              key: key.publicKey,
              bytes: Buffer.from(bytes).toString('base64'),
              signature: report.signature,
            }),
          })
        ).stdout;
      expect(await verifyIn(canonical)).toBe('valid');
      expect(await verifyIn(canonical.replace('行者一号', '行者二号'))).toBe('invalid');
      const score = (report.document.evaluation as { score: number }).score;
      expect(await verifyIn(canonical.replace(`"score":${score}`, `"score":${score - 1}`))).toBe('invalid');
    });

    it('answers anyone, without signing in, by number', async () => {
      const response = await field.anonymous.get(`/api/v1/verify/${report.number}`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        valid: true,
        status: 'valid',
        number: report.number,
        robot: { serialNumber: robot.serialNumber, name: '行者一号', model: robot.model, vendor: expect.any(String) },
        issuedAt: report.issuedAt,
        digest: report.digest,
        revokedAt: null,
      });
      expect((await field.anonymous.get('/api/v1/verify/MY-2020-999999')).status).toBe(404);
      expect((await field.anonymous.get('/api/v1/verify/not-a-number')).status).toBe(400);
    });

    it('serves people the page behind the QR code, and JSON to JSON clients, at /verify/<number>', async () => {
      const page = await field.anonymous
        .get(`/verify/${report.number}`)
        .set('Accept', 'text/html,application/xhtml+xml');
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('有效 Valid');
      expect(page.text).toContain('行者一号');
      const json = await field.anonymous.get(`/verify/${report.number}`).set('Accept', 'application/json');
      expect(json.body).toMatchObject({ valid: true, number: report.number });
      const missing = await field.anonymous.get('/verify/MY-2020-999999').set('Accept', 'text/html');
      expect(missing.status).toBe(404);
      expect(missing.text).toContain('No such report');
    });
  });

  describe('the PDF', () => {
    it('is an A4 PDF whose text carries the number and the robot’s Chinese name', async () => {
      const response = await pdfOf(report.id);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      const { info, text } = pdfText(response.body as Buffer);
      expect(info).toMatch(/Pages:\s+2/);
      expect(info).toMatch(/A4/);
      expect(text).toContain(report.number);
      expect(text).toContain('行者一号');
      expect(text).toContain(report.digest);
    });
  });

  describe('reading and revoking', () => {
    it('lists reports by robot and status; vendors see only theirs', async () => {
      const list = await field.admin.get(`/graduation-reports?robotId=${robot.id}&status=valid`);
      expect(list.body.items.map((item: GraduationReport) => item.id)).toEqual([report.id]);
      const engineer = await field.signIn('engineer');
      expect((await engineer.get(`/graduation-reports/${report.id}`)).status).toBe(200);
      const ownVendor = await field.signIn('vendor', { vendorId: robot.vendorId });
      expect((await ownVendor.get(`/graduation-reports/${report.id}`)).status).toBe(200);
      const otherVendor = await field.signIn('vendor');
      expect((await otherVendor.get(`/graduation-reports/${report.id}`)).status).toBe(404);
      expect((await otherVendor.get(`/graduation-reports/${report.id}/pdf`)).status).toBe(404);
      expect((await otherVendor.get('/graduation-reports')).body.items).toEqual([]);
    });

    it('the database keeps the signed content immutable', async () => {
      await expect(
        field.sql(
          `UPDATE graduation_reports SET document = jsonb_set(document, '{robot,name}', '"forged"') WHERE id = $1`,
          [report.id],
        ),
      ).rejects.toThrow(/immutable/);
      await expect(field.sql('DELETE FROM graduation_reports WHERE id = $1', [report.id])).rejects.toThrow(
        /never deleted/,
      );
    });

    it('revokes with a reason: verification answers "revoked", the robot is enrolled again, and a new report may follow', async () => {
      expect((await field.admin.post(`/graduation-reports/${report.id}/revoke`, {})).status).toBe(400);
      const revoked = await field.admin.post(`/graduation-reports/${report.id}/revoke`, { reason: '复检发现安全隐患' });
      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({
        status: 'revoked',
        revokeReason: '复检发现安全隐患',
        revokedAt: expect.any(String),
      });
      expect((await field.admin.post(`/graduation-reports/${report.id}/revoke`, { reason: 'again' })).status).toBe(409);

      const verification = await field.anonymous.get(`/api/v1/verify/${report.number}`);
      expect(verification.body).toMatchObject({ valid: false, status: 'revoked', revokedAt: expect.any(String) });
      const page = await field.anonymous.get(`/verify/${report.number}`).set('Accept', 'text/html');
      expect(page.text).toContain('已撤销 Revoked');
      expect(page.text).toContain('复检发现安全隐患');
      expect((await field.admin.get(`/robots/${robot.id}`)).body.status).toBe('enrolled');
      const { text } = pdfText((await pdfOf(report.id)).body as Buffer);
      expect(text).toContain('REVOKED');

      const again = await field.admin.post(`/robots/${robot.id}/graduation-reports`, { evaluationId: evaluation.id });
      expect(again.status).toBe(201);
      expect(again.body.number).not.toBe(report.number);
    });
  });
});
