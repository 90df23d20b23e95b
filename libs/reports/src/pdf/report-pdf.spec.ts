import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLE_DOCUMENT } from '../../../../test/fixtures/sample-report-document';
import { digestOf } from '../document/report-document';
import { renderReportPdf } from './report-pdf';

describe('renderReportPdf', () => {
  it('renders an A4 certificate and results page whose text carries the number and the Chinese name', async () => {
    const pdf = await renderReportPdf(SAMPLE_DOCUMENT, {
      successRates: Array.from({ length: 12 }, (_, i) => ({ label: `S${i + 1}`, rate: 0.5 + i / 30 })),
      digest: digestOf(SAMPLE_DOCUMENT),
      status: 'valid',
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'report-'));
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+2/);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('MY-2026-000042');
    expect(text).toContain('行者一号');
    expect(text).toContain('四川省具身智能机器人训练场');
    expect(text).toContain('task.success_rate_lcb');
    expect(text).toContain(digestOf(SAMPLE_DOCUMENT));
    expect(text).toMatch(/pick_place · passed · 11 trials · SPRT p0 0\.6 p1 0\.8/);
  });
});
