import type { Exam, Task, TrialOutcome } from '@app/contract';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Typography } from 'antd';
import { useRef } from 'react';
import { may } from '../access';
import { queryKeys } from '../api/reference';
import { useApi, useUser } from '../auth/session';
import { describeError } from '../components/errors';
import { useT } from '../i18n/i18n';
import { nextTrial, trialKey } from './exam-view';

const BIG = { height: 96, fontSize: 24, flex: 1 } as const;

/** The trial to run now, its planned initial conditions, and two buttons large enough for a tablet. */
export function TrialRecorder({ exam, task }: { exam: Exam; task: Task | undefined }) {
  const t = useT();
  const api = useApi();
  const user = useUser();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const planned = nextTrial(exam);
  // Set within the tap itself: the mutation's pending state renders too late to stop a double tap's second click.
  const sending = useRef(false);
  const record = useMutation({
    mutationFn: ({ outcome, index }: { outcome: TrialOutcome; index: number }) =>
      api.exams.recordTrial(exam.id, { outcome }, trialKey(exam.id, index)),
    onSuccess: (trial) => {
      if (trial.decision !== 'continue')
        void message.success(t('exam.decided', { status: t(`examStatus.${trial.decision}`) }));
    },
    onError: (error) => void message.error(describeError(error, t)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.exams }),
  });
  const records = may(user.role, 'POST /api/v1/exams/:id/trials');
  const disabled = !planned || !records || record.isPending;
  const tap = (outcome: TrialOutcome) => {
    if (!planned || sending.current) return;
    sending.current = true;
    record.mutate({ outcome, index: planned.index }, { onSettled: () => (sending.current = false) });
  };

  return (
    <Card title={t('exam.current')} data-testid="trial-recorder">
      <Flex vertical gap={16}>
        {planned ? (
          <>
            <Typography.Title level={2} style={{ margin: 0 }} data-testid="current-trial">
              {t('exam.trialOf', { index: planned.index, max: exam.protocol.maxTrials })}
            </Typography.Title>
            {task && <Typography.Paragraph>{task.instruction}</Typography.Paragraph>}
            <Descriptions
              bordered
              size="middle"
              column={1}
              data-testid="trial-conditions"
              items={Object.entries(planned.conditions).map(([name, value]) => ({
                key: name,
                label: name,
                children: <Typography.Text strong>{String(value)}</Typography.Text>,
              }))}
            />
          </>
        ) : (
          <Alert
            type={exam.status === 'passed' ? 'success' : 'warning'}
            showIcon
            data-testid="exam-closed"
            title={t('exam.closed', { status: t(`examStatus.${exam.status}`) })}
          />
        )}
        {records ? (
          <Flex gap={16}>
            <Button
              type="primary"
              icon={<CheckOutlined />}
              style={{ ...BIG, background: disabled ? undefined : '#389e0d' }}
              disabled={disabled}
              loading={record.isPending && record.variables.outcome === 'success'}
              onClick={() => tap('success')}
              data-testid="record-success"
            >
              {t('trialOutcome.success')}
            </Button>
            <Button
              type="primary"
              danger
              icon={<CloseOutlined />}
              style={BIG}
              disabled={disabled}
              loading={record.isPending && record.variables.outcome === 'failure'}
              onClick={() => tap('failure')}
              data-testid="record-failure"
            >
              {t('trialOutcome.failure')}
            </Button>
          </Flex>
        ) : (
          <Alert type="info" showIcon title={t('exam.readOnly')} />
        )}
      </Flex>
    </Card>
  );
}
