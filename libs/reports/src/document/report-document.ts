import type { ReportExam } from '@app/contract';
import { canonicalDigest, canonicalJsonBytes } from '@app/platform';

export interface ReportCriterionResult {
  key: string;
  dimension: string;
  metric: string;
  value: number | null;
  op: 'gte' | 'lte';
  threshold: number;
  weight: number;
  required: boolean;
  passed: boolean;
}

/**
 * What a graduation report certifies: the signed content. Everything a verifier needs to judge the
 * robot is in here; nothing outside it is covered by the signature. Version 2 adds the exams the
 * evaluation's criteria used; documents signed as version 1 stay as they were, and verify.
 */
export type ReportDocument = ReportDocumentV1 | ReportDocumentV2;

export interface ReportDocumentV2 extends ReportDocumentContent {
  version: 2;
  /** Each exam the evaluation's criteria used: enough to fetch it (GET /exams/:id) and recompute its ledger. */
  exams: ReportExam[];
}

export interface ReportDocumentV1 extends ReportDocumentContent {
  version: 1;
}

interface ReportDocumentContent {
  type: 'graduation-report';
  number: string;
  issuedAt: string;
  issuer: { id: string; name: string };
  field: { name: string; verifyUrl: string };
  robot: {
    id: string;
    serialNumber: string;
    name: string;
    model: string;
    form: string;
    vendor: { id: string; name: string };
  };
  cohort: { id: string; name: string } | null;
  standard: {
    criteriaSetId: string;
    name: string;
    version: number;
    domain: string | null;
    passScore: number;
  };
  evaluation: {
    id: string;
    completedAt: string;
    score: number;
    passed: boolean;
    results: ReportCriterionResult[];
  };
  training: {
    hours: { total: number; virtual: number; physical: number };
    sessions: number;
  };
}

/** The exams a document carries; a version 1 document predates them. */
export const examsOf = (document: ReportDocument): ReportExam[] => (document.version === 2 ? document.exams : []);

/** RFC 8785 (JSON Canonicalization Scheme): the exact bytes that are hashed and signed. */
export function canonicalBytes(document: ReportDocument): Buffer {
  return canonicalJsonBytes(document);
}

/** Hex SHA-256 of the canonical bytes. */
export function digestOf(document: ReportDocument): string {
  return canonicalDigest(document);
}
