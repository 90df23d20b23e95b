import { Injectable } from '@nestjs/common';
import { notFound } from '@app/platform';
import { renderReportPdf } from '../pdf/report-pdf';
import { GraduationReportsRepository, StoredReport } from './graduation-reports.repository';

/** A report's PDF, drawn once per state of the report (valid, or revoked with its stamp) and kept. */
@Injectable()
export class ReportPdfService {
  constructor(private readonly reports: GraduationReportsRepository) {}

  async forReport(reportId: string): Promise<Buffer> {
    const report = await this.reports.find(reportId);
    if (!report) throw notFound('graduation report', reportId);
    return this.of(report);
  }

  async of(report: Pick<StoredReport, 'id' | 'status' | 'document' | 'digest' | 'successRates'>): Promise<Buffer> {
    const cached = await this.reports.cachedPdf(report.id, report.status);
    if (cached) return cached;
    const pdf = await renderReportPdf(report.document, {
      successRates: report.successRates,
      digest: report.digest,
      status: report.status,
    });
    await this.reports.keepPdf(report.id, report.status, pdf);
    return pdf;
  }
}
