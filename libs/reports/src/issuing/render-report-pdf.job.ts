import { Injectable } from '@nestjs/common';
import { defineJob, HandlesJob, JobHandler } from '@app/platform';
import { ReportPdfService } from './report-pdf.service';

export const RENDER_REPORT_PDF = defineJob<{ reportId: string }>('reports.render-pdf', 'reports', { attempts: 3 });

/** Renders a report's PDF ahead of its first download (CPU work kept off the API processes). */
@Injectable()
@HandlesJob(RENDER_REPORT_PDF)
export class RenderReportPdfJob implements JobHandler<{ reportId: string }> {
  constructor(private readonly pdfs: ReportPdfService) {}

  async handle({ reportId }: { reportId: string }): Promise<{ bytes: number }> {
    const pdf = await this.pdfs.forReport(reportId);
    return { bytes: pdf.length };
  }
}
