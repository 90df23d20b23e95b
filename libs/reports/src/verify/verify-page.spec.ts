import { SAMPLE_DOCUMENT } from '../../../../test/fixtures/sample-report-document';
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
});
