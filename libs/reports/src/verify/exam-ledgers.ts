import { Injectable } from '@nestjs/common';
import type { ReportExam } from '@app/contract';
import { ExamsService } from '@app/exams';
import { DomainError } from '@app/platform';
import type { LedgerCheck } from './verify-page';

/** Recomputes, now, the ledger of each exam a report relies on, against the head it signed (or will sign). */
@Injectable()
export class ExamLedgers {
  constructor(private readonly exams: ExamsService) {}

  async check(exams: readonly ReportExam[]): Promise<Record<string, LedgerCheck>> {
    const checks: Record<string, LedgerCheck> = {};
    for (const signed of exams) {
      try {
        const exam = await this.exams.get(signed.examId, null);
        checks[signed.examId] = exam.ledgerIntact && exam.ledgerHead === signed.ledgerHead ? 'intact' : 'broken';
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'not_found')) throw error;
        checks[signed.examId] = 'missing';
      }
    }
    return checks;
  }
}
