import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  GraduationReport,
  IssueReportBody,
  ListReportsQuery,
  Page,
  ReportExam,
  ReportVerification,
  RevokeReportBody,
} from '@app/contract';
import { RobotsService } from '@app/enrollment';
import { CohortsService, VendorsService } from '@app/field';
import {
  Actor,
  AuditService,
  conflict,
  FIELD_CONFIG,
  FieldConfig,
  JobsService,
  notFound,
  unprocessable,
  vendorScopeOf,
} from '@app/platform';
import { DataSource } from 'typeorm';
import { digestOf, ReportDocument } from '../document/report-document';
import { signDocument } from '../signing/report-signature';
import { SigningKeyService } from '../signing/signing-key.service';
import { ExamLedgers } from '../verify/exam-ledgers';
import { GraduationEvidenceReader } from './graduation-evidence';
import { GraduationReportsRepository, StoredReport } from './graduation-reports.repository';
import { RENDER_REPORT_PDF } from './report-jobs';

export const FIELD_NAME = '四川省具身智能机器人训练场（绵阳）';

/**
 * Graduation reports: issued by an admin for a completed, passed graduation evaluation, at most one
 * valid report per robot, signed over the RFC 8785 form of their content; revocable with a reason.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: GraduationReportsRepository,
    private readonly evidence: GraduationEvidenceReader,
    private readonly robots: RobotsService,
    private readonly vendors: VendorsService,
    private readonly cohorts: CohortsService,
    private readonly keys: SigningKeyService,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
    private readonly ledgers: ExamLedgers,
    @Inject(FIELD_CONFIG) private readonly config: FieldConfig,
  ) {}

  async issue(robotId: string, body: IssueReportBody, actor: Actor): Promise<GraduationReport> {
    const robot = await this.robots.get(robotId, actor);
    const evidence = await this.evidence.read(body.evaluationId, actor).catch((error: unknown) => {
      throw (error as { code?: string }).code === 'not_found'
        ? unprocessable('the evaluation does not exist', {
            errors: [{ field: 'evaluationId', message: 'names no evaluation' }],
          })
        : error;
    });
    const { evaluation } = evidence;
    const why =
      evaluation.robotId !== robotId
        ? 'the evaluation is of another robot'
        : evaluation.stage !== 'graduation'
          ? 'the evaluation is an admission evaluation, not a graduation one'
          : evaluation.status !== 'completed'
            ? `the evaluation is ${evaluation.status}, not completed`
            : evaluation.passed !== true
              ? 'the robot did not pass this graduation evaluation'
              : null;
    if (why) throw unprocessable(why, { errors: [{ field: 'evaluationId', message: why }] });
    await this.refuseUntrustedExams(evidence.exams);

    const [vendor, cohort] = await Promise.all([
      this.vendors.get(robot.vendorId, actor),
      robot.cohortId ? this.cohorts.get(robot.cohortId) : Promise.resolve(null),
    ]);

    const report = await this.dataSource.transaction(async (manager) => {
      await this.robots.lockForUpdate(robotId, manager);
      const held = await this.repository.validNumberOf(manager, robotId);
      if (held) throw conflict(`the robot already holds the valid report ${held}; revoke it first`);
      const issuedAt = new Date();
      const number = await this.repository.nextNumber(manager, yearIn(issuedAt, this.config.timeZone));
      const document: ReportDocument = {
        type: 'graduation-report',
        version: 2,
        number,
        issuedAt: issuedAt.toISOString(),
        issuer: { id: actor.id, name: actor.name },
        field: { name: FIELD_NAME, verifyUrl: `${this.config.publicUrl}/verify/${number}` },
        robot: {
          id: robot.id,
          serialNumber: robot.serialNumber,
          name: robot.name,
          model: robot.model,
          form: robot.form,
          vendor: { id: vendor.id, name: vendor.name },
        },
        cohort: cohort ? { id: cohort.id, name: cohort.name } : null,
        standard: evidence.standard,
        evaluation: {
          id: evaluation.id,
          completedAt: evaluation.completedAt as string,
          score: evaluation.score as number,
          passed: true,
          results: evidence.results,
        },
        training: evidence.training,
        exams: evidence.exams,
      };
      // The robot graduates in the same transaction; an enrolled robot is the only one that can.
      await this.robots.applyEvent(robotId, 'graduate', {
        reason: `graduation report ${number}`,
        actorId: actor.id,
        manager,
      });
      const issued = presentReport(
        await this.repository.insert(manager, {
          number,
          robotId,
          evaluationId: evaluation.id,
          document,
          digest: digestOf(document),
          signature: signDocument(document, this.keys.signingKey),
          successRates: evidence.successRates,
          issuedAt,
          issuedBy: actor.id,
        }),
      );
      await this.audit.record(
        {
          action: 'report.issue',
          entity: 'graduation_report',
          entityId: issued.id,
          after: { number, robotId, evaluationId: evaluation.id, digest: issued.digest },
        },
        manager,
      );
      return issued;
    });
    await this.warmPdf(report.id, 'valid');
    return report;
  }

  async revoke(id: string, body: RevokeReportBody, actor: Actor): Promise<GraduationReport> {
    const report = await this.dataSource.transaction(async (manager) => {
      const current = await this.repository.lockForChange(manager, id);
      if (!current) throw notFound('graduation report', id);
      if (current.status === 'revoked') throw conflict(`the report ${current.number} is already revoked`);
      await this.robots.lockForUpdate(current.robotId, manager);
      const revoked = presentReport(await this.repository.markRevoked(manager, id, actor.id, body.reason));
      const robot = await this.robots.get(current.robotId, actor);
      // A revoked graduation sends the robot back to enrolled; a robot withdrawn since stays withdrawn.
      if (robot.status === 'graduated') {
        await this.robots.applyEvent(current.robotId, 'revoke_graduation', {
          reason: `report ${current.number} revoked: ${body.reason}`,
          actorId: actor.id,
          manager,
        });
      }
      await this.audit.record(
        {
          action: 'report.revoke',
          entity: 'graduation_report',
          entityId: id,
          before: { status: 'valid' },
          after: { status: 'revoked' },
          details: { number: current.number, reason: body.reason },
        },
        manager,
      );
      return revoked;
    });
    await this.warmPdf(report.id, 'revoked');
    return report;
  }

  async get(id: string, actor: Actor): Promise<GraduationReport> {
    return presentReport(await this.visibleReport(id, actor));
  }

  async visibleReport(id: string, actor: Actor): Promise<StoredReport> {
    const report = await this.repository.find(id);
    if (!report) throw notFound('graduation report', id);
    const scope = vendorScopeOf(actor);
    if (scope !== null && report.document.robot.vendor.id !== scope) throw notFound('graduation report', id);
    return report;
  }

  async list(query: ListReportsQuery, actor: Actor): Promise<Page<GraduationReport>> {
    const page = await this.repository.list(query, vendorScopeOf(actor));
    return { items: page.items.map(presentReport), nextCursor: page.nextCursor };
  }

  /** Public: what anyone holding the number may learn. */
  async verify(number: string): Promise<{ verification: ReportVerification; report: StoredReport }> {
    const report = await this.repository.findByNumber(number);
    if (!report) throw notFound(`graduation report numbered ${number}`);
    return {
      report,
      verification: {
        valid: report.status === 'valid',
        status: report.status,
        number: report.number,
        robot: {
          serialNumber: report.document.robot.serialNumber,
          name: report.document.robot.name,
          model: report.document.robot.model,
          vendor: report.document.robot.vendor.name,
        },
        issuedAt: report.issuedAt,
        digest: report.digest,
        revokedAt: report.revokedAt,
      },
    };
  }

  /** A report never certifies an exam whose ledger no longer recomputes to the head its evaluation read. */
  private async refuseUntrustedExams(exams: ReportExam[]): Promise<void> {
    const checks = await this.ledgers.check(exams);
    const untrusted = exams.find((exam) => checks[exam.examId] !== 'intact');
    if (!untrusted) return;
    const why = `the ledger of exam ${untrusted.examId} (${untrusted.taskKey}) no longer recomputes to the head the evaluation read`;
    throw unprocessable(why, { errors: [{ field: 'evaluationId', message: why }] });
  }

  /** Renders the PDF ahead of the first download; the download renders it itself if the job has not run. */
  private async warmPdf(reportId: string, status: 'valid' | 'revoked'): Promise<void> {
    await this.jobs
      .enqueue(RENDER_REPORT_PDF, { reportId }, { jobId: `report-pdf-${reportId}-${status}` })
      .catch(() => undefined);
  }
}

/** What the API answers: the stored report without the PDF's chart data. */
export function presentReport(report: StoredReport): GraduationReport {
  return {
    id: report.id,
    number: report.number,
    robotId: report.robotId,
    evaluationId: report.evaluationId,
    status: report.status,
    issuedAt: report.issuedAt,
    issuedBy: report.issuedBy,
    digest: report.digest,
    signature: report.signature,
    revokedAt: report.revokedAt,
    revokedBy: report.revokedBy,
    revokeReason: report.revokeReason,
    document: report.document as unknown as Record<string, unknown>,
  };
}

/** The calendar year of an instant on the field's clock (numbers follow the field's year). */
function yearIn(instant: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(instant));
}
