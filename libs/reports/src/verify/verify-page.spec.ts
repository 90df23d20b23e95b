import { SAMPLE_DOCUMENT, SAMPLE_DOCUMENT_V1 } from '../../../../test/fixtures/sample-report-document';
import { renderVerifyPage } from './verify-page';

describe('renderVerifyPage', () => {
  it('says valid or revoked, shows the robot and results, and escapes every value', () => {
    const hostile = { ...SAMPLE_DOCUMENT, robot: { ...SAMPLE_DOCUMENT.robot, name: '<script>alert(1)</script>' } };
    const valid = renderVerifyPage({
      document: hostile,
      status: 'valid',
      digest: 'abc',
      revokedAt: null,
      revokeReason: null,
    });
    expect(valid).toContain('有效 Valid');
    expect(valid).toContain('&#60;script&#62;');
    expect(valid).not.toContain('<script>');
    expect(valid).toContain('task.success_rate_lcb');
    const revoked = renderVerifyPage({
      document: SAMPLE_DOCUMENT,
      status: 'revoked',
      digest: 'abc',
      revokedAt: '2026-12-01T00:00:00.000Z',
      revokeReason: '复检未通过',
    });
    expect(revoked).toContain('已撤销 Revoked');
    expect(revoked).toContain('复检未通过');
  });

  it('lists the exams the evaluation used, with their decision, trials, protocol, ledger head and a link to recompute', () => {
    const [exam] = SAMPLE_DOCUMENT.exams;
    const page = renderVerifyPage({
      document: SAMPLE_DOCUMENT,
      status: 'valid',
      digest: 'abc',
      revokedAt: null,
      revokeReason: null,
      ledgers: { [exam.examId]: 'intact' },
    });
    expect(page).toContain('考核 Exams');
    expect(page).toContain(`data-exam="${exam.examId}"`);
    expect(page).toContain('<code>pick_place</code> · <span class="ok">通过 passed</span> · 11 次试验 trials');
    expect(page).toContain('SPRT p0 0.6 · p1 0.8 · α 0.05 · β 0.05 · ≤ 50');
    expect(page).toContain(exam.ledgerHead);
    expect(page).toContain(`<a href="/api/v1/exams/${exam.examId}">`);
    expect(page).toContain('账本一致 ledger recomputes');
    const broken = renderVerifyPage({
      document: SAMPLE_DOCUMENT,
      status: 'valid',
      digest: 'abc',
      revokedAt: null,
      revokeReason: null,
      ledgers: { [exam.examId]: 'broken' },
    });
    expect(broken).toContain('账本不符 ledger does not recompute');
  });

  it('shows a document issued before exams without an exams section', () => {
    const page = renderVerifyPage({
      document: SAMPLE_DOCUMENT_V1,
      status: 'valid',
      digest: 'abc',
      revokedAt: null,
      revokeReason: null,
    });
    expect(page).toContain('有效 Valid');
    expect(page).not.toContain('考核 Exams');
  });
});
