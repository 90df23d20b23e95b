import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { GraduationReport, ListReportsQuery, Page } from '@app/contract';
import { byConstraint, conflict, decodeIdCursor, toPage } from '@app/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { ReportDocument } from '../document/report-document';
import type {
  GraduationReportPdfsRow,
  GraduationReportsConstraint,
  GraduationReportsRow,
  ReportNumberSequencesRow,
} from '../rows.generated';
import { formatReportNumber, REPORT_PREFIX } from './report-numbers';

export interface SuccessRate {
  label: string;
  rate: number;
}

/** A report as stored: what the API shows of it, its signed document, and the PDF's chart. */
export interface StoredReport extends Omit<GraduationReport, 'document'> {
  document: ReportDocument;
  successRates: SuccessRate[];
}

export interface NewReport {
  number: string;
  robotId: string;
  evaluationId: string;
  document: ReportDocument;
  digest: string;
  signature: string;
  successRates: SuccessRate[];
  issuedAt: Date;
  issuedBy: string;
}

/** Graduation reports, their yearly number counters and their rendered PDFs. */
@Injectable()
export class GraduationReportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The number of the robot's valid report, if it holds one. */
  async validNumberOf(manager: EntityManager, robotId: string): Promise<string | null> {
    const [row]: Pick<GraduationReportsRow, 'number'>[] = await manager.query(
      `SELECT number FROM graduation_reports WHERE robot_id = $1 AND status = 'valid'`,
      [robotId],
    );
    return row?.number ?? null;
  }

  /**
   * The next number of the year, from a counter row locked by the issuing transaction: numbers are
   * unique, gapless within a year (a rolled-back issue gives its number back), and readable.
   */
  async nextNumber(manager: EntityManager, year: number): Promise<string> {
    const [row]: Pick<ReportNumberSequencesRow, 'last_value'>[] = await manager.query(
      `INSERT INTO report_number_sequences (prefix, year, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (prefix, year) DO UPDATE SET last_value = report_number_sequences.last_value + 1
       RETURNING last_value`,
      [REPORT_PREFIX, year],
    );
    return formatReportNumber(year, row.last_value);
  }

  async insert(manager: EntityManager, report: NewReport): Promise<StoredReport> {
    try {
      const [row]: GraduationReportsRow[] = await manager.query(
        `INSERT INTO graduation_reports
           (number, robot_id, evaluation_id, document, digest, signature, success_rates, issued_at, issued_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
        [
          report.number,
          report.robotId,
          report.evaluationId,
          JSON.stringify(report.document),
          report.digest,
          report.signature,
          JSON.stringify(report.successRates),
          report.issuedAt,
          report.issuedBy,
        ],
      );
      return toStoredReport(row);
    } catch (error) {
      throw byConstraint<GraduationReportsConstraint>(error, {
        graduation_reports_one_valid_per_robot: () => conflict('the robot already holds a valid report'),
      });
    }
  }

  /** The report, its row locked for a change. */
  async lockForChange(manager: EntityManager, id: string): Promise<StoredReport | null> {
    const [row]: GraduationReportsRow[] = await manager.query(
      'SELECT * FROM graduation_reports WHERE id = $1 FOR UPDATE',
      [id],
    );
    return row ? toStoredReport(row) : null;
  }

  async markRevoked(manager: EntityManager, id: string, revokedBy: string, reason: string): Promise<StoredReport> {
    // TypeORM answers an UPDATE on PostgreSQL with [rows, rowCount].
    const [[row]]: [GraduationReportsRow[], number] = await manager.query(
      `UPDATE graduation_reports SET status = 'revoked', revoked_at = now(), revoked_by = $2, revoke_reason = $3
        WHERE id = $1 RETURNING *`,
      [id, revokedBy, reason],
    );
    return toStoredReport(row);
  }

  async find(id: string): Promise<StoredReport | null> {
    const [row]: GraduationReportsRow[] = await this.dataSource.query(
      'SELECT * FROM graduation_reports WHERE id = $1',
      [id],
    );
    return row ? toStoredReport(row) : null;
  }

  async findByNumber(number: string): Promise<StoredReport | null> {
    const [row]: GraduationReportsRow[] = await this.dataSource.query(
      'SELECT * FROM graduation_reports WHERE number = $1',
      [number],
    );
    return row ? toStoredReport(row) : null;
  }

  /** By id; only reports of the vendor's robots when `vendorId` is set. */
  async list(query: ListReportsQuery, vendorId: string | null): Promise<Page<StoredReport>> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const add = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (vendorId !== null) conditions.push(`document #>> '{robot,vendor,id}' = ${add(vendorId)}`);
    if (query.robotId) conditions.push(`robot_id = ${add(query.robotId)}`);
    if (query.status) conditions.push(`status = ${add(query.status)}`);
    if (query.cursor) conditions.push(`id > ${add(decodeIdCursor(query.cursor))}`);
    const rows: GraduationReportsRow[] = await this.dataSource.query(
      `SELECT * FROM graduation_reports ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY id LIMIT ${add(query.limit + 1)}`,
      params,
    );
    return toPage(rows, query.limit, (row) => [row.id], toStoredReport);
  }

  /** The PDF drawn for the report in this status, if one was kept. */
  async cachedPdf(reportId: string, status: StoredReport['status']): Promise<Buffer | null> {
    const [row]: Pick<GraduationReportPdfsRow, 'pdf'>[] = await this.dataSource.query(
      'SELECT pdf FROM graduation_report_pdfs WHERE report_id = $1 AND status = $2',
      [reportId, status],
    );
    return row?.pdf ?? null;
  }

  /** Keeps the PDF drawn for the report in this status, unless one was kept meanwhile. */
  async keepPdf(reportId: string, status: StoredReport['status'], pdf: Buffer): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO graduation_report_pdfs (report_id, status, pdf) VALUES ($1, $2, $3)
       ON CONFLICT (report_id, status) DO NOTHING`,
      [reportId, status, pdf],
    );
  }
}

function toStoredReport(row: GraduationReportsRow): StoredReport {
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
    document: row.document as ReportDocument,
    successRates: row.success_rates as SuccessRate[],
  };
}
