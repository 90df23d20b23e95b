import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  GraduationReport,
  IssueReportBody,
  ListReportsQuery,
  Page,
  ReportVerification,
  RevokeReportBody,
} from '@app/contract';
import { RobotsService } from '@app/enrollment';
import { CohortsService, VendorsService } from '@app/field';
import {
  Actor,
  AuditService,
  byConstraint,
  conflict,
  decodeIdCursor,
  FIELD_CONFIG,
  FieldConfig,
  JobsService,
  notFound,
  toPage,
  unprocessable,
  vendorScopeOf,
} from '@app/platform';
import { DataSource, EntityManager } from 'typeorm';
import { digestOf, ReportDocument } from '../document/report-document';
import { signDocument } from '../signing/report-signature';
import { SigningKeyService } from '../signing/signing-key.service';
import { GraduationEvidenceReader } from './graduation-evidence';
import { nextReportNumber } from './report-numbers';
import { RENDER_REPORT_PDF } from './report-jobs';

export const FIELD_NAME = '四川省具身智能机器人训练场（绵阳）';

export interface ReportRow {
  id: string;
  number: string;
  robot_id: string;
  evaluation_id: string;
  status: 'valid' | 'revoked';
  document: ReportDocument;
  digest: string;
  signature: string;
  issued_at: Date;
  issued_by: string;
  revoked_at: Date | null;
  revoked_by: string | null;
  revoke_reason: string | null;
  success_rates: { label: string; rate: number }[];
}

const COLUMNS = `id, number, robot_id, evaluation_id, status, document, digest, signature, issued_at, issued_by,
  revoked_at, revoked_by, revoke_reason, success_rates`;

/**
 * Graduation reports: issued by an admin for a completed, passed graduation evaluation, at most one
 * valid report per robot, signed over the RFC 8785 form of their content; revocable with a reason.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly evidence: GraduationEvidenceReader,
    private readonly robots: RobotsService,
    private readonly vendors: VendorsService,
    private readonly cohorts: CohortsService,
    private readonly keys: SigningKeyService,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
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

    const [vendor, cohort] = await Promise.all([
      this.vendors.get(robot.vendorId, actor),
      robot.cohortId ? this.cohorts.get(robot.cohortId) : Promise.resolve(null),
    ]);

    const report = await this.dataSource.transaction(async (manager) => {
      const held = await this.validReportOf(manager, robotId);
      if (held) throw conflict(`the robot already holds the valid report ${held}; revoke it first`);
      const issuedAt = new Date();
      const number = await nextReportNumber(manager, yearIn(issuedAt, this.config.timeZone));
      const document: ReportDocument = {
        type: 'graduation-report',
        version: 1,
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
      };
      // The robot graduates in the same transaction; an enrolled robot is the only one that can.
      await this.robots.applyEvent(robotId, 'graduate', {
        reason: `graduation report ${number}`,
        actorId: actor.id,
        manager,
      });
      let rows: ReportRow[];
      try {
        rows = await manager.query(
          `INSERT INTO graduation_reports
             (number, robot_id, evaluation_id, document, digest, signature, success_rates, issued_at, issued_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
          [
            number,
            robotId,
            evaluation.id,
            JSON.stringify(document),
            digestOf(document),
            signDocument(document, this.keys.signingKey),
            JSON.stringify(evidence.successRates),
            issuedAt,
            actor.id,
          ],
        );
      } catch (error) {
        throw byConstraint(error, {
          graduation_reports_one_valid_per_robot: () => conflict('the robot already holds a valid report'),
        });
      }
      const issued = presentReport(rows[0]);
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
      const [current]: ReportRow[] = await manager.query(
        `SELECT ${COLUMNS} FROM graduation_reports WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!current) throw notFound('graduation report', id);
      if (current.status === 'revoked') throw conflict(`the report ${current.number} is already revoked`);
      const [rows]: [ReportRow[], number] = await manager.query(
        `UPDATE graduation_reports SET status = 'revoked', revoked_at = now(), revoked_by = $2, revoke_reason = $3
          WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, actor.id, body.reason],
      );
      const robot = await this.robots.get(current.robot_id, actor);
      // A revoked graduation sends the robot back to enrolled; a robot withdrawn since stays withdrawn.
      if (robot.status === 'graduated') {
        await this.robots.applyEvent(current.robot_id, 'revoke_graduation', {
          reason: `report ${current.number} revoked: ${body.reason}`,
          actorId: actor.id,
          manager,
        });
      }
      const revoked = presentReport(rows[0]);
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
    return presentReport(await this.visibleRow(id, actor));
  }

  async visibleRow(id: string, actor: Actor): Promise<ReportRow> {
    const [row]: ReportRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM graduation_reports WHERE id = $1`, [
      id,
    ]);
    if (!row) throw notFound('graduation report', id);
    const scope = vendorScopeOf(actor);
    if (scope !== null && row.document.robot.vendor.id !== scope) throw notFound('graduation report', id);
    return row;
  }

  async list(query: ListReportsQuery, actor: Actor): Promise<Page<GraduationReport>> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const add = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const scope = vendorScopeOf(actor);
    if (scope !== null) conditions.push(`document #>> '{robot,vendor,id}' = ${add(scope)}`);
    if (query.robotId) conditions.push(`robot_id = ${add(query.robotId)}`);
    if (query.status) conditions.push(`status = ${add(query.status)}`);
    if (query.cursor) conditions.push(`id > ${add(decodeIdCursor(query.cursor))}`);
    const rows: ReportRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM graduation_reports ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY id LIMIT ${add(query.limit + 1)}`,
      params,
    );
    return toPage(rows, query.limit, (row) => [row.id], presentReport);
  }

  /** Public: what anyone holding the number may learn. */
  async verify(number: string): Promise<{ verification: ReportVerification; row: ReportRow }> {
    const [row]: ReportRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM graduation_reports WHERE number = $1`,
      [number],
    );
    if (!row) throw notFound(`graduation report numbered ${number}`);
    return {
      row,
      verification: {
        valid: row.status === 'valid',
        status: row.status,
        number: row.number,
        robot: {
          serialNumber: row.document.robot.serialNumber,
          name: row.document.robot.name,
          model: row.document.robot.model,
          vendor: row.document.robot.vendor.name,
        },
        issuedAt: row.issued_at.toISOString(),
        digest: row.digest,
        revokedAt: row.revoked_at?.toISOString() ?? null,
      },
    };
  }

  private async validReportOf(manager: EntityManager, robotId: string): Promise<string | null> {
    // The robot row lock orders concurrent issues for one robot; the partial unique index is the guard.
    await manager.query('SELECT 1 FROM robots WHERE id = $1 FOR UPDATE', [robotId]);
    const [row]: { number: string }[] = await manager.query(
      `SELECT number FROM graduation_reports WHERE robot_id = $1 AND status = 'valid'`,
      [robotId],
    );
    return row?.number ?? null;
  }

  /** Renders the PDF ahead of the first download; the download renders it itself if the job has not run. */
  private async warmPdf(reportId: string, status: 'valid' | 'revoked'): Promise<void> {
    await this.jobs
      .enqueue(RENDER_REPORT_PDF, { reportId }, { jobId: `report-pdf-${reportId}-${status}` })
      .catch(() => undefined);
  }
}

export function presentReport(row: ReportRow): GraduationReport {
  return {
    id: row.id,
    number: row.number,
    robotId: row.robot_id,
    evaluationId: row.evaluation_id,
    status: row.status,
    issuedAt: row.issued_at.toISOString(),
    issuedBy: row.issued_by,
    digest: row.digest,
    signature: row.signature,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    revokedBy: row.revoked_by,
    revokeReason: row.revoke_reason,
    document: row.document as unknown as Record<string, unknown>,
  };
}

/** The calendar year of an instant on the field's clock (numbers follow the field's year). */
function yearIn(instant: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(instant));
}
