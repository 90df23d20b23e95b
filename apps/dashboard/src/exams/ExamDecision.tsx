import type { Exam } from '@app/contract';
import { Card, Descriptions, Tag, Typography } from 'antd';
import { DateTime, ExamStatusTag } from '../components/labels';
import { formatNumber } from '../format';
import { useT } from '../i18n/i18n';

const percent = (value: number) => `${formatNumber(Math.round(value * 1000) / 10)} %`;
const llr = (value: number) => value.toFixed(3);

/** Where the exam stands by the pre-registered rule, and whether its trial ledger still recomputes. */
export function ExamDecision({ exam }: { exam: Exam }) {
  const t = useT();
  const { protocol } = exam;
  return (
    <Card title={t('exam.decision')}>
      <Descriptions
        column={1}
        size="middle"
        data-testid="exam-decision"
        items={[
          { key: 'status', label: t('exams.status'), children: <ExamStatusTag status={exam.status} /> },
          {
            key: 'trials',
            label: t('exams.trials'),
            children: (
              <span data-testid="trial-count">
                {t('exams.trialsOf', { count: exam.trials.length, max: protocol.maxTrials })}
              </span>
            ),
          },
          {
            key: 'llr',
            label: t('exam.llr'),
            children: t('exam.llrValue', {
              llr: llr(exam.llr),
              fail: llr(exam.bounds.fail),
              pass: llr(exam.bounds.pass),
            }),
          },
          { key: 'protocol', label: t('exams.protocol'), children: t('exams.protocolValue', protocol) },
          { key: 'seed', label: t('exams.seed'), children: exam.seed },
          {
            key: 'interval',
            label: t('exam.interval'),
            children: exam.interval
              ? `${percent(exam.interval.lower)} – ${percent(exam.interval.upper)}`
              : t('common.none'),
          },
          { key: 'decidedAt', label: t('exams.decidedAt'), children: <DateTime iso={exam.decidedAt} /> },
          {
            key: 'ledger',
            label: t('exam.ledger'),
            children: (
              <Tag color={exam.ledgerIntact ? 'green' : 'red'} data-ledger-intact={String(exam.ledgerIntact)}>
                {t(exam.ledgerIntact ? 'exam.ledgerIntact' : 'exam.ledgerBroken')}
              </Tag>
            ),
          },
          {
            key: 'head',
            label: t('exam.ledgerHead'),
            children: (
              <Typography.Text code copyable={{ text: exam.ledgerHead }} data-testid="ledger-head">
                {exam.ledgerHead.slice(0, 16)}…
              </Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}
