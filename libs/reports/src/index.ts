export { ReportsModule, ReportsHttpModule } from './reports.module';
export { ReportsService } from './issuing/reports.service';
export { RENDER_REPORT_PDF } from './issuing/render-report-pdf.job';
export { canonicalBytes, digestOf } from './document/report-document';
export type { ReportDocument } from './document/report-document';
export { verifyPageHandler } from './verify/verify-page.handler';
