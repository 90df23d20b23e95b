import type { ReportExam } from '@app/contract';
import { examsOf, ReportDocument } from '../document/report-document';

const DIMENSIONS: Record<string, string> = {
  technical_leadership: '技术领先性',
  industry_fit: '产业需求匹配',
  spec_compliance: '符合技术规范',
  safety: '安全',
  reliability: '可靠性',
};

const escape = (value: unknown) => String(value).replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export interface VerifyPageInput {
  document: ReportDocument;
  status: 'valid' | 'revoked';
  digest: string;
  revokedAt: string | null;
  revokeReason: string | null;
  /**
   * Whether each exam's ledger, recomputed now, still ends at the head the report signed (by exam
   * id); an exam left out is shown without a check.
   */
  ledgers?: Readonly<Record<string, LedgerCheck>>;
}

/** `intact`: the exam recomputes to the signed head; `broken`: it does not; `missing`: it is gone. */
export type LedgerCheck = 'intact' | 'broken' | 'missing';

const DECISIONS: Record<ReportExam['decision'], string> = {
  passed: '通过 passed',
  failed: '未通过 failed',
  inconclusive: '无结论 inconclusive',
  open: '进行中 open',
};

const LEDGERS: Record<LedgerCheck, [string, string]> = {
  intact: ['ok', '✓ 账本一致 ledger recomputes'],
  broken: ['no', '× 账本不符 ledger does not recompute'],
  missing: ['no', '× 考核不存在 exam not found'],
};

/**
 * The page behind the QR code: a phone-sized, dependency-free HTML page saying whether the report is
 * valid, for which robot, and with which results. Every value is escaped.
 */
export function renderVerifyPage(input: VerifyPageInput): string {
  const { document: doc, status } = input;
  const valid = status === 'valid';
  const rows = doc.evaluation.results
    .map(
      (result) => `<tr>
        <td>${escape(DIMENSIONS[result.dimension] ?? result.dimension)}</td>
        <td><code>${escape(result.metric)}</code></td>
        <td>${result.value === null ? '—' : escape(round(result.value))}</td>
        <td>${result.op === 'gte' ? '≥' : '≤'} ${escape(round(result.threshold))}${result.required ? ' *' : ''}</td>
        <td class="${result.passed ? 'ok' : 'no'}">${result.passed ? '✓' : '×'}</td>
      </tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escape(doc.number)} · 毕业报告验证</title>
<style>
  body { font-family: system-ui, -apple-system, "PingFang SC", "Noto Sans SC", sans-serif; margin: 0; background: #f6f4ef; color: #1f2937; }
  main { max-width: 640px; margin: 0 auto; padding: 20px 16px 40px; }
  .status { border-radius: 12px; padding: 16px; color: #fff; background: ${valid ? '#15803d' : '#b91c1c'}; }
  .status h1 { margin: 0 0 4px; font-size: 22px; }
  .card { background: #fff; border-radius: 12px; padding: 16px; margin-top: 14px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
  h2 { font-size: 16px; margin: 0 0 10px; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 6px 12px; margin: 0; }
  dt { color: #6b7280; } dd { margin: 0; }
  table { width: 100%; border-collapse: collapse; font-size: 14px; }
  th, td { text-align: left; padding: 6px 4px; border-bottom: 1px solid #e5e7eb; }
  .ok { color: #15803d; font-weight: 700; } .no { color: #b91c1c; font-weight: 700; }
  .digest { font-family: ui-monospace, monospace; word-break: break-all; font-size: 12px; color: #4b5563; }
  .exams { list-style: none; margin: 0; padding: 0; } .exams li { padding: 8px 0; border-bottom: 1px solid #e5e7eb; font-size: 14px; }
  footer { margin-top: 16px; font-size: 12px; color: #6b7280; }
</style>
</head>
<body>
<main>
  <section class="status">
    <h1>${valid ? '✓ 有效 Valid' : '× 已撤销 Revoked'}</h1>
    <div>毕业报告 Graduation report ${escape(doc.number)}</div>
    ${
      valid
        ? ''
        : `<div>撤销于 revoked ${escape((input.revokedAt ?? '').slice(0, 10))}${input.revokeReason ? `：${escape(input.revokeReason)}` : ''}</div>`
    }
  </section>
  <section class="card">
    <h2>机器人 Robot</h2>
    <dl>
      <dt>名称 Name</dt><dd>${escape(doc.robot.name)}</dd>
      <dt>型号 Model</dt><dd>${escape(doc.robot.model)}</dd>
      <dt>序列号 Serial</dt><dd>${escape(doc.robot.serialNumber)}</dd>
      <dt>厂商 Vendor</dt><dd>${escape(doc.robot.vendor.name)}</dd>
      ${doc.cohort ? `<dt>期次 Cohort</dt><dd>${escape(doc.cohort.name)}</dd>` : ''}
    </dl>
  </section>
  <section class="card">
    <h2>评估 Evaluation · ${escape(doc.standard.name)} v${escape(doc.standard.version)}</h2>
    <dl>
      <dt>得分 Score</dt><dd>${escape(doc.evaluation.score.toFixed(1))} / 合格 ${escape(doc.standard.passScore)}</dd>
      <dt>训练 Training</dt><dd>${escape(doc.training.hours.total.toFixed(1))} h（仿真 ${escape(doc.training.hours.virtual.toFixed(1))} · 实体 ${escape(doc.training.hours.physical.toFixed(1))}）· ${escape(doc.training.sessions)} sessions</dd>
      <dt>颁发 Issued</dt><dd>${escape(doc.issuedAt.slice(0, 10))} · ${escape(doc.issuer.name)}</dd>
    </dl>
    <table>
      <thead><tr><th>维度</th><th>指标</th><th>值</th><th>要求</th><th></th></tr></thead>
      <tbody>${rows}</tbody>
    </table>
  </section>
  ${examsCard(examsOf(doc), input.ledgers ?? {})}
  <footer>
    <div>${escape(doc.field.name)}</div>
    <div>SHA-256 (RFC 8785) <span class="digest">${escape(input.digest)}</span></div>
    <div>Ed25519 公钥 public key: <a href="/api/v1/verify/public-key">/api/v1/verify/public-key</a></div>
  </footer>
</main>
</body>
</html>`;
}

/** The exams the evaluation relied on, each with the link that recomputes its ledger from the API. */
function examsCard(exams: readonly ReportExam[], ledgers: Readonly<Record<string, LedgerCheck>>): string {
  if (exams.length === 0) return '';
  const items = exams
    .map((exam) => {
      const { p0, p1, alpha, beta, maxTrials } = exam.protocol;
      const check = ledgers[exam.examId];
      const ledger = check ? `<div class="${LEDGERS[check][0]}">${LEDGERS[check][1]}</div>` : '';
      const href = `/api/v1/exams/${encodeURIComponent(exam.examId)}`;
      return `<li data-exam="${escape(exam.examId)}">
        <div><code>${escape(exam.taskKey)}</code> · <span class="${exam.decision === 'passed' ? 'ok' : 'no'}">${escape(DECISIONS[exam.decision])}</span> · ${escape(exam.trials)} 次试验 trials</div>
        <div>SPRT p0 ${escape(p0)} · p1 ${escape(p1)} · α ${escape(alpha)} · β ${escape(beta)} · ≤ ${escape(maxTrials)}</div>
        <div>账本头 Ledger head <span class="digest">${escape(exam.ledgerHead)}</span></div>
        ${ledger}
        <div><a href="${escape(href)}">重算账本 Recompute: GET ${escape(href)}</a></div>
      </li>`;
    })
    .join('');
  return `<section class="card">
    <h2>考核 Exams</h2>
    <ul class="exams">${items}</ul>
  </section>`;
}

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
}
