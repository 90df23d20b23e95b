import type { Request, Response } from 'express';
import { ReportNumberParam } from '@app/contract';
import { DomainError, translateDatabaseError } from '@app/platform';
import { examsOf } from '../document/report-document';
import type { ReportsService } from '../issuing/reports.service';
import type { ExamLedgers } from './exam-ledgers';
import { renderVerifyPage } from './verify-page';

const NOT_FOUND_PAGE =
  '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width">' +
  '<title>未找到 Not found</title><body style="font-family:system-ui;padding:24px">' +
  '<h1>未找到该报告 No such report</h1><p>请核对证书编号。Check the report number.</p></body></html>';

/**
 * `GET /verify/<number>` at the root, the URL printed in a report's QR code (paper outlives API
 * versions): the page for people, and the same JSON as `/api/v1/verify/:number` for clients that ask
 * for JSON. Public; mounted beside the API rather than inside it.
 */
export function verifyPageHandler(reports: ReportsService, ledgers: ExamLedgers) {
  return async (req: Request, res: Response): Promise<void> => {
    const wantsHtml = req.accepts(['json', 'html']) === 'html';
    res.setHeader('Cache-Control', 'no-cache');
    const parsed = ReportNumberParam.safeParse(req.params.number);
    try {
      if (!parsed.success) throw new DomainError('not_found', `there is no report numbered ${req.params.number}`);
      const { verification, report } = await reports.verify(parsed.data);
      if (!wantsHtml) {
        res.json(verification);
        return;
      }
      res.type('html').send(
        renderVerifyPage({
          document: report.document,
          status: report.status,
          digest: report.digest,
          revokedAt: report.revokedAt,
          revokeReason: report.revokeReason,
          ledgers: await ledgers.check(examsOf(report.document)),
        }),
      );
    } catch (error) {
      const known = error instanceof DomainError ? error : translateDatabaseError(error);
      if (known?.code === 'not_found' && wantsHtml) {
        res.status(404).type('html').send(NOT_FOUND_PAGE);
        return;
      }
      // An outage answers 503 with Retry-After like the API; anything else unexpected, a bare 500.
      const [status, type, title, detail] =
        known?.code === 'not_found'
          ? [404, 'not-found', 'Not Found', known.detail]
          : known?.code === 'unavailable'
            ? [503, 'unavailable', 'Service Unavailable', known.detail]
            : [500, 'internal', 'Internal Server Error', 'the field failed to answer; try again'];
      for (const [name, value] of Object.entries(known?.headers ?? {})) res.setHeader(name, value);
      res
        .status(status)
        .type('application/problem+json')
        .send(JSON.stringify({ type: `urn:field:problem:${type}`, title, status, detail }));
    }
  };
}
