import { Module } from '@nestjs/common';
import { EnrollmentModule } from '@app/enrollment';
import { ExamsModule } from '@app/exams';
import { FieldModule } from '@app/field';
import { ScoringModule } from '@app/scoring';
import { GraduationEvidenceReader } from './issuing/graduation-evidence';
import { GraduationReportsRepository } from './issuing/graduation-reports.repository';
import { RenderReportPdfJob } from './issuing/render-report-pdf.job';
import { ReportPdfService } from './issuing/report-pdf.service';
import { ReportsController } from './issuing/reports.controller';
import { ReportsService } from './issuing/reports.service';
import { SigningKeyService } from './signing/signing-key.service';
import { ExamLedgers } from './verify/exam-ledgers';
import { VerifyController } from './verify/verify.controller';

/** Graduation reports in every process: signing, PDFs (a job renders them ahead). */
@Module({
  imports: [ScoringModule, EnrollmentModule, FieldModule, ExamsModule],
  providers: [
    SigningKeyService,
    GraduationEvidenceReader,
    GraduationReportsRepository,
    ReportsService,
    ReportPdfService,
    RenderReportPdfJob,
    ExamLedgers,
  ],
  exports: [ReportsService, ReportPdfService, SigningKeyService, ExamLedgers],
})
export class ReportsModule {}

/** Issuing, reading, revoking and public verification, in API processes. */
@Module({
  imports: [ReportsModule],
  controllers: [ReportsController, VerifyController],
})
export class ReportsHttpModule {}
