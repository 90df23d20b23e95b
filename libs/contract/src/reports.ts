import { z } from 'zod';
import { Id, PageQuery, Text, Timestamp } from './common';
import { REPORT_STATUSES } from './enums';

export const IssueReportBody = z.strictObject({ evaluationId: Id });
export type IssueReportBody = z.infer<typeof IssueReportBody>;

export const RevokeReportBody = z.strictObject({ reason: Text(500) });
export type RevokeReportBody = z.infer<typeof RevokeReportBody>;

export const GraduationReport = z.object({
  id: Id,
  number: z.string().describe('human-friendly, e.g. MY-2026-000123'),
  robotId: Id,
  evaluationId: Id,
  status: z.enum(REPORT_STATUSES),
  issuedAt: Timestamp,
  issuedBy: Id,
  digest: z.string().describe('hex SHA-256 of `document` canonicalised with RFC 8785 (JCS)'),
  signature: z.string().describe('base64 Ed25519 signature of the same canonical bytes'),
  revokedAt: Timestamp.nullable(),
  revokedBy: Id.nullable(),
  revokeReason: z.string().nullable(),
  document: z.record(z.string(), z.unknown()).describe('the signed content'),
});
export type GraduationReport = z.infer<typeof GraduationReport>;

export const ListReportsQuery = PageQuery.extend({
  robotId: Id.optional(),
  status: z.enum(REPORT_STATUSES).optional(),
});
export type ListReportsQuery = z.infer<typeof ListReportsQuery>;

export const ReportVerification = z.object({
  valid: z.boolean(),
  status: z.enum(REPORT_STATUSES),
  number: z.string(),
  robot: z.object({ serialNumber: z.string(), name: z.string(), model: z.string(), vendor: z.string() }),
  issuedAt: Timestamp,
  digest: z.string(),
  revokedAt: Timestamp.nullable(),
});
export type ReportVerification = z.infer<typeof ReportVerification>;

export const VerificationPublicKey = z.object({
  algorithm: z.literal('Ed25519'),
  publicKey: z.string().describe('SubjectPublicKeyInfo PEM'),
});
export type VerificationPublicKey = z.infer<typeof VerificationPublicKey>;

export const ReportNumberParam = z.string().regex(/^[A-Z]{2,8}-\d{4}-\d{6,}$/, 'is not a report number');
