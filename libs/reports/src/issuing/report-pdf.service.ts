import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { notFound } from '@app/platform';
import { DataSource } from 'typeorm';
import { renderReportPdf } from '../pdf/report-pdf';
import type { ReportRow } from './reports.service';

/** A report's PDF, drawn once per state of the report (valid, or revoked with its stamp) and kept. */
@Injectable()
export class ReportPdfService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async forReport(reportId: string): Promise<Buffer> {
    const [row]: ReportRow[] = await this.dataSource.query(
      'SELECT id, status, document, digest, success_rates FROM graduation_reports WHERE id = $1',
      [reportId],
    );
    if (!row) throw notFound('graduation report', reportId);
    return this.forRow(row);
  }

  async forRow(row: Pick<ReportRow, 'id' | 'status' | 'document' | 'digest' | 'success_rates'>): Promise<Buffer> {
    const [cached]: { pdf: Buffer }[] = await this.dataSource.query(
      'SELECT pdf FROM graduation_report_pdfs WHERE report_id = $1 AND status = $2',
      [row.id, row.status],
    );
    if (cached) return cached.pdf;
    const pdf = await renderReportPdf(row.document, {
      successRates: row.success_rates,
      digest: row.digest,
      status: row.status,
    });
    await this.dataSource.query(
      `INSERT INTO graduation_report_pdfs (report_id, status, pdf) VALUES ($1, $2, $3)
       ON CONFLICT (report_id, status) DO NOTHING`,
      [row.id, row.status, pdf],
    );
    return pdf;
  }
}
