import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { examsOf, ReportDocument } from '../document/report-document';
import { REPORT_FONTS } from './fonts';

export interface PdfExtras {
  /** Success rate (0..1) per completed session, oldest first, for the chart. */
  successRates: { label: string; rate: number }[];
  digest: string;
  status: 'valid' | 'revoked';
}

const DIMENSIONS: Record<string, string> = {
  technical_leadership: '技术领先性 Technical leadership',
  industry_fit: '产业需求匹配 Industry fit',
  spec_compliance: '符合技术规范 Spec compliance',
  safety: '安全 Safety',
  reliability: '可靠性 Reliability',
};
const FORMS: Record<string, string> = {
  humanoid: '人形 humanoid',
  wheeled_humanoid: '轮式人形 wheeled humanoid',
  quadruped: '四足 quadruped',
  mobile_manipulator: '移动操作 mobile manipulator',
  dual_arm: '双臂 dual-arm',
  robot_arm: '机械臂 robot arm',
  amr: 'AMR',
  service: '服务 service',
  other: '其他 other',
};
const INK = '#1f2937';
const ACCENT = '#b45309';
const MUTED = '#6b7280';

/**
 * An A4 graduation certificate and a results page: the criteria table, training hours, a chart of
 * success rate across the robot's sessions, the digest, and a QR code of the verification URL.
 */
export async function renderReportPdf(document: ReportDocument, extras: PdfExtras): Promise<Buffer> {
  const qr = await QRCode.toBuffer(document.field.verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 360 });
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: {
      Title: `毕业报告 Graduation report ${document.number}`,
      Author: document.field.name,
      Subject: `${document.robot.name} (${document.robot.serialNumber})`,
      Keywords: `graduation report, ${document.number}`,
    },
  });
  pdf.registerFont('body', REPORT_FONTS.regular);
  pdf.registerFont('bold', REPORT_FONTS.bold);
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  certificatePage(pdf, document, extras, qr);
  pdf.addPage();
  resultsPage(pdf, document, extras);
  pdf.end();
  return done;
}

function certificatePage(pdf: PDFKit.PDFDocument, doc: ReportDocument, extras: PdfExtras, qr: Buffer): void {
  const width = pdf.page.width;
  const height = pdf.page.height;
  pdf
    .lineWidth(3)
    .strokeColor(ACCENT)
    .rect(28, 28, width - 56, height - 56)
    .stroke();
  pdf
    .lineWidth(0.8)
    .rect(36, 36, width - 72, height - 72)
    .stroke();

  pdf.fillColor(INK).font('bold').fontSize(14).text(doc.field.name, 56, 80, { align: 'center' });
  pdf.moveDown(1.2);
  pdf.font('bold').fontSize(30).fillColor(ACCENT).text('毕业证书', { align: 'center' });
  pdf.font('body').fontSize(14).fillColor(INK).text('Graduation Certificate', { align: 'center' });
  if (extras.status === 'revoked') {
    pdf.moveDown(0.5).font('bold').fontSize(16).fillColor('#b91c1c').text('已撤销 REVOKED', { align: 'center' });
  }
  pdf.moveDown(2);
  pdf.font('body').fontSize(12).fillColor(INK).text('兹证明 This certifies that the robot', { align: 'center' });
  pdf.moveDown(0.6);
  pdf.font('bold').fontSize(24).text(doc.robot.name, { align: 'center' });
  pdf.font('body').fontSize(12).fillColor(MUTED);
  pdf.text(`${doc.robot.model} · ${FORMS[doc.robot.form] ?? doc.robot.form} · ${doc.robot.serialNumber}`, {
    align: 'center',
  });
  pdf.text(`${doc.robot.vendor.name}${doc.cohort ? ` · ${doc.cohort.name}` : ''}`, { align: 'center' });
  pdf.moveDown(1.2).fillColor(INK).fontSize(12);
  pdf.text(
    `已通过入学—毕业标准「${doc.standard.name}」第 ${doc.standard.version} 版的毕业评估，得分 ${doc.evaluation.score.toFixed(1)}（合格线 ${doc.standard.passScore}）。`,
    { align: 'center' },
  );
  pdf.text(
    `has passed the graduation evaluation of the standard "${doc.standard.name}", version ${doc.standard.version}, with a score of ${doc.evaluation.score.toFixed(1)} (pass mark ${doc.standard.passScore}).`,
    { align: 'center' },
  );
  pdf.moveDown(0.8);
  pdf.text(
    `训练 ${doc.training.hours.total.toFixed(1)} 小时（仿真 ${doc.training.hours.virtual.toFixed(1)}，实体 ${doc.training.hours.physical.toFixed(1)}），共 ${doc.training.sessions} 次训练课`,
    { align: 'center' },
  );

  const qrSize = 120;
  const bottom = height - 56 - 40 - qrSize;
  pdf.page.margins.bottom = 0;
  pdf.image(qr, width - 56 - 20 - qrSize, bottom, { width: qrSize, height: qrSize });
  pdf.font('body').fontSize(11).fillColor(INK);
  const left = 76;
  pdf.text(`证书编号 No.  ${doc.number}`, left, bottom + 4);
  pdf.text(`颁发日期 Issued  ${doc.issuedAt.slice(0, 10)}`, left, bottom + 24);
  pdf.text(`签发人 Issued by  ${doc.issuer.name}`, left, bottom + 44);
  pdf.fontSize(8).fillColor(MUTED);
  pdf.text(`扫码验证 Verify: ${doc.field.verifyUrl}`, left, bottom + 72, { width: width - 2 * 56 - qrSize - 60 });
  pdf.text(`SHA-256 ${extras.digest}`, left, bottom + 96, { width: width - 2 * 56 - qrSize - 60 });
}

function resultsPage(pdf: PDFKit.PDFDocument, doc: ReportDocument, extras: PdfExtras): void {
  const left = 56;
  const right = pdf.page.width - 56;
  const exams = examsOf(doc);
  // What follows the table (exams, hours, chart) must fit below its last row.
  const examsHeight = exams.length === 0 ? 0 : 18 + 14 * exams.length + 10;
  pdf.font('bold').fontSize(16).fillColor(INK).text(`评估结果 Evaluation results · ${doc.number}`, left, 56);
  pdf.font('body').fontSize(10).fillColor(MUTED);
  pdf.text(
    `${doc.robot.name} (${doc.robot.serialNumber}) · ${doc.standard.name} v${doc.standard.version} · ` +
      `score ${doc.evaluation.score.toFixed(1)} / pass ${doc.standard.passScore} · evaluated ${doc.evaluation.completedAt.slice(0, 16).replace('T', ' ')} UTC`,
  );
  pdf.moveDown(1);

  const columns = [
    { title: '维度 Dimension', width: 140 },
    { title: '指标 Metric', width: 135 },
    { title: '值 Value', width: 62 },
    { title: '要求 Required', width: 80 },
    { title: '权重', width: 34 },
    { title: '结果', width: 32 },
  ];
  let y = pdf.y;
  const rowHeight = 20;
  const header = () => {
    let x = left;
    pdf.font('bold').fontSize(9).fillColor(INK);
    for (const column of columns) {
      pdf.text(column.title, x + 2, y + 5, { width: column.width - 4, lineBreak: false });
      x += column.width;
    }
    pdf
      .moveTo(left, y + rowHeight)
      .lineTo(right, y + rowHeight)
      .lineWidth(0.8)
      .strokeColor(INK)
      .stroke();
    y += rowHeight;
  };
  header();
  pdf.font('body').fontSize(9);
  for (const result of doc.evaluation.results) {
    if (y > pdf.page.height - 300 - examsHeight) {
      pdf.addPage();
      y = 56;
      header();
    }
    const cells = [
      DIMENSIONS[result.dimension] ?? result.dimension,
      result.metric,
      result.value === null ? '—' : formatNumber(result.value),
      `${result.op === 'gte' ? '≥' : '≤'} ${formatNumber(result.threshold)}${result.required ? ' *' : ''}`,
      String(result.weight),
      result.passed ? '✓' : '×',
    ];
    let x = left;
    pdf.font('body').fillColor(INK);
    cells.forEach((cell, index) => {
      if (index === 5) pdf.font('bold').fillColor(result.passed ? '#15803d' : '#b91c1c');
      pdf.text(cell, x + 2, y + 5, { width: columns[index].width - 4, lineBreak: false, ellipsis: true });
      x += columns[index].width;
    });
    pdf
      .moveTo(left, y + rowHeight)
      .lineTo(right, y + rowHeight)
      .lineWidth(0.3)
      .strokeColor('#d1d5db')
      .stroke();
    y += rowHeight;
  }
  pdf
    .font('body')
    .fontSize(8)
    .fillColor(MUTED)
    .text('* 必须通过 required', left, y + 4);
  y += 24;

  pdf.font('bold').fontSize(12).fillColor(INK).text('训练时长 Training hours', left, y);
  y += 18;
  pdf.font('body').fontSize(10);
  pdf.text(
    `合计 total ${doc.training.hours.total.toFixed(2)} h · 仿真 virtual ${doc.training.hours.virtual.toFixed(2)} h · ` +
      `实体 physical ${doc.training.hours.physical.toFixed(2)} h · ${doc.training.sessions} sessions`,
    left,
    y,
  );
  y += 28;
  if (exams.length > 0) {
    pdf.font('bold').fontSize(12).fillColor(INK).text('考核 Exams', left, y);
    y += 18;
    pdf.font('body').fontSize(8);
    for (const exam of exams) {
      const { p0, p1, alpha, beta } = exam.protocol;
      pdf.text(
        `${exam.taskKey} · ${exam.decision} · ${exam.trials} trials · SPRT p0 ${p0} p1 ${p1} α ${alpha} β ${beta} · ` +
          `exam ${exam.examId}`,
        left,
        y,
        { width: right - left, lineBreak: false, ellipsis: true },
      );
      y += 14;
    }
    y += 10;
  }
  successChart(pdf, extras.successRates, left, y, right - left, 150);

  // Footers sit in the bottom margin; without this PDFKit would start a new page for them.
  pdf.page.margins.bottom = 0;
  pdf.font('body').fontSize(8).fillColor(MUTED);
  pdf.text(
    `本报告内容按 RFC 8785 规范化后以 Ed25519 签名；SHA-256 摘要 ${extras.digest}。公钥：${doc.field.verifyUrl.replace(/\/verify\/.*$/, '/api/v1/verify/public-key')}`,
    left,
    pdf.page.height - 80,
    { width: right - left },
  );
}

/** A small line chart of success rate per session, drawn with PDF primitives (no chart library needed). */
function successChart(
  pdf: PDFKit.PDFDocument,
  rates: PdfExtras['successRates'],
  x: number,
  y: number,
  width: number,
  height: number,
): void {
  pdf.font('bold').fontSize(12).fillColor(INK).text('各次训练成功率 Success rate by session', x, y);
  const top = y + 22;
  const plotLeft = x + 34;
  const plotWidth = width - 40;
  const plotHeight = height - 40;
  pdf.lineWidth(0.5).strokeColor('#9ca3af');
  for (const tick of [0, 0.5, 1]) {
    const tickY = top + plotHeight * (1 - tick);
    pdf
      .moveTo(plotLeft, tickY)
      .lineTo(plotLeft + plotWidth, tickY)
      .stroke();
    pdf
      .font('body')
      .fontSize(8)
      .fillColor(MUTED)
      .text(`${tick * 100}%`, x, tickY - 4, { width: 30, align: 'right' });
  }
  if (rates.length === 0) {
    pdf.fontSize(9).text('无数据 no sessions with task attempts', plotLeft + 10, top + plotHeight / 2 - 5);
    return;
  }
  const step = rates.length > 1 ? plotWidth / (rates.length - 1) : 0;
  const point = (index: number) => ({
    px: plotLeft + (rates.length > 1 ? index * step : plotWidth / 2),
    py: top + plotHeight * (1 - Math.max(0, Math.min(1, rates[index].rate))),
  });
  pdf.lineWidth(1.5).strokeColor(ACCENT);
  rates.forEach((_, index) => {
    const { px, py } = point(index);
    if (index === 0) pdf.moveTo(px, py);
    else pdf.lineTo(px, py);
  });
  pdf.stroke();
  rates.forEach((_, index) => {
    const { px, py } = point(index);
    pdf.circle(px, py, 2).fillColor(ACCENT).fill();
  });
  pdf.font('body').fontSize(7).fillColor(MUTED);
  pdf.text(rates[0].label, plotLeft - 10, top + plotHeight + 4, { lineBreak: false });
  if (rates.length > 1) {
    pdf.text(rates[rates.length - 1].label, plotLeft + plotWidth - 40, top + plotHeight + 4, {
      width: 50,
      align: 'right',
    });
  }
}

function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(1) : value.toFixed(3).replace(/0+$/, '').replace(/\.$/, '');
}
