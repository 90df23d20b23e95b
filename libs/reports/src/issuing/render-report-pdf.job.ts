import { Injectable } from '@nestjs/common';
import { HandlesJob, JobHandler } from '@app/platform';
import { RENDER_REPORT_PDF } from './report-jobs';
import { ReportPdfService } from './report-pdf.service';

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
