import type { Evaluation, GraduationReport } from '@app/contract';
import { awaitingReport } from './awaiting';

const evaluation = (id: string, robotId: string, overrides: Partial<Evaluation> = {}) =>
  ({ id, robotId, stage: 'graduation', status: 'completed', passed: true, ...overrides }) as Evaluation;
const report = (robotId: string, status: GraduationReport['status']) => ({ robotId, status }) as GraduationReport;

describe('awaitingReport', () => {
  it("keeps each robot's newest passed graduation evaluation while it holds no valid report", () => {
    const evaluations = [
      evaluation('e6', 'r1'),
      evaluation('e5', 'r1'),
      evaluation('e4', 'r2', { passed: false }),
      evaluation('e3', 'r2'),
      evaluation('e2', 'r3'),
      evaluation('e1', 'r4', { stage: 'admission' }),
      evaluation('e0', 'r5'),
    ];
    const reports = [report('r3', 'valid'), report('r1', 'revoked')];
    const awaiting = awaitingReport(evaluations, reports, (robotId) => robotId !== 'r5');
    expect(awaiting.map((item) => item.id)).toEqual(['e6', 'e3']);
  });
});
