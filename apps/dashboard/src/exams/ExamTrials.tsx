import type { Exam, ExamTrial, TrialDecision, TrialOutcome } from '@app/contract';
import { Card, Table, Tag, Typography } from 'antd';
import { DateTime } from '../components/labels';
import { useT } from '../i18n/i18n';

/** Every recorded trial, newest first, with its planned conditions and its link in the ledger. */
export function ExamTrials({ exam }: { exam: Exam }) {
  const t = useT();
  const conditions = new Map(exam.plan.map((planned) => [planned.index, planned.conditions]));
  const rows = [...exam.trials].sort((a, b) => b.index - a.index);
  return (
    <Card title={t('exam.trialList')}>
      <Table<ExamTrial>
        data-testid="exam-trials"
        size="small"
        rowKey="index"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: t('exam.trialsEmpty') }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '#', dataIndex: 'index' },
          {
            title: t('exam.outcome'),
            dataIndex: 'outcome',
            render: (outcome: TrialOutcome) => (
              <Tag color={outcome === 'success' ? 'green' : 'red'}>{t(`trialOutcome.${outcome}`)}</Tag>
            ),
          },
          {
            title: t('exam.conditions'),
            key: 'conditions',
            render: (_, trial) =>
              Object.entries(conditions.get(trial.index) ?? {})
                .map(([name, value]) => `${name}: ${String(value)}`)
                .join(' · ') || t('common.none'),
          },
          { title: t('exam.llr'), dataIndex: 'llr', render: (value: number) => value.toFixed(3) },
          {
            title: t('exam.decision'),
            dataIndex: 'decision',
            render: (decision: TrialDecision) => t(`trialDecision.${decision}`),
          },
          { title: t('exam.recordedAt'), dataIndex: 'recordedAt', render: (iso: string) => <DateTime iso={iso} /> },
          {
            title: t('exam.hash'),
            dataIndex: 'hash',
            render: (hash: string) => (
              <Typography.Text code copyable={{ text: hash }}>
                {hash.slice(0, 12)}…
              </Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}
