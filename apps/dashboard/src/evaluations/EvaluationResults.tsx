import type { CriterionResult } from '@app/contract';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Table, Tag, Typography } from 'antd';
import { formatNumber } from '../format';
import { useT } from '../i18n/i18n';

/** Every criterion of an evaluation: what was measured, what the standard asks, the outcome and why. */
export function EvaluationResults({ results }: { results: readonly CriterionResult[] }) {
  const t = useT();
  return (
    <Table<CriterionResult>
      data-testid="evaluation-results"
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={[...results]}
      scroll={{ x: 'max-content' }}
      onRow={(result) => ({ 'data-criterion': result.key, 'data-passed': String(result.passed) }) as object}
      columns={[
        { title: t('standard.key'), dataIndex: 'key' },
        {
          title: t('standard.dimension'),
          dataIndex: 'dimension',
          render: (d: CriterionResult['dimension']) => t(`dimension.${d}`),
        },
        {
          title: t('standard.metric'),
          dataIndex: 'metric',
          render: (metric: string, result) => (
            <>
              <Typography.Text code>{metric}</Typography.Text>
              {result.required && <Tag style={{ marginInlineStart: 4 }}>{t('criterion.required')}</Tag>}
            </>
          ),
        },
        {
          title: t('criterion.value'),
          dataIndex: 'value',
          align: 'right',
          render: (value: number | null) =>
            value === null ? (
              <Typography.Text type="secondary">{t('criterion.noValue')}</Typography.Text>
            ) : (
              formatNumber(value)
            ),
        },
        {
          title: t('criterion.requirement'),
          key: 'requirement',
          render: (_, result) => `${t(`criterionOp.${result.op}`)} ${formatNumber(result.threshold)}`,
        },
        { title: t('standard.weight'), dataIndex: 'weight', align: 'right', render: formatNumber },
        {
          title: t('criterion.result'),
          dataIndex: 'passed',
          render: (passed: boolean) =>
            passed ? (
              <Typography.Text type="success">
                <CheckCircleFilled /> {t('evaluation.passed')}
              </Typography.Text>
            ) : (
              <Typography.Text type="danger">
                <CloseCircleFilled /> {t('evaluation.failed')}
              </Typography.Text>
            ),
        },
        {
          title: t('criterion.explanation'),
          dataIndex: 'explanation',
          render: (text: string) => (
            <span style={{ display: 'inline-block', minWidth: 280, maxWidth: 520 }}>{text}</span>
          ),
        },
      ]}
    />
  );
}
