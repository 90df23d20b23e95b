export { ReportsModule, ReportsHttpModule } from './reports.module';
export { ReportsService } from './issuing/reports.service';
export { verifyPageHandler } from './verify/verify-page.handler';
export { ExamLedgers } from './verify/exam-ledgers';
