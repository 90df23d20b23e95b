import type { Domain, Evaluation, Robot, RobotStatus, Stage } from '@app/contract';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Collapse, Empty, Flex, Form, Select, Skeleton, Spin, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { may } from '../access';
import type { Cursor } from '../api/endpoints';
import { queryKeys } from '../api/reference';
import { useApi, useUser } from '../auth/session';
import { LoadError } from '../components/errors';
import { FormModal } from '../components/FormModal';
import { DateTime, DomainName, EvaluationTag } from '../components/labels';
import { formatNumber } from '../format';
import { useT } from '../i18n/i18n';
import { EvaluationResults } from './EvaluationResults';
import { useEvaluationCompleted } from './evaluation-watch';

/** The stage the field evaluates a robot of each status for (none for the others). */
const STAGE_FOR: Partial<Record<RobotStatus, Stage>> = {
  applied: 'admission',
  rejected: 'admission',
  enrolled: 'graduation',
};
/** How often the list asks again while an evaluation is unfinished, in case the live event is lost. */
const POLL_MS = 2000;
const PAGE = 20;

const unfinished = (evaluation: Evaluation) => evaluation.status === 'queued' || evaluation.status === 'running';

/** A robot's evaluations, newest first, each with every criterion; operators and admins ask for new ones. */
export function RobotEvaluations({ robot }: { robot: Robot }) {
  const t = useT();
  const api = useApi();
  const user = useUser();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [requesting, setRequesting] = useState(false);
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const evaluations = useInfiniteQuery({
    queryKey: [...queryKeys.evaluations, 'robot', robot.id],
    queryFn: ({ pageParam }) => api.evaluations.ofRobot(robot.id, {}, pageParam, PAGE),
    initialPageParam: undefined as Cursor,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    refetchInterval: (query) => (query.state.data?.pages.some((page) => page.items.some(unfinished)) ? POLL_MS : false),
  });
  const items = evaluations.data?.pages.flatMap((page) => page.items) ?? [];

  // Whichever way the news comes (the live event or the next poll), an evaluation known unfinished
  // (seen so, or just asked for) and now finished is announced once, and what it changed is fetched again.
  const unfinishedSeen = useRef(new Set<string>());
  useEffect(() => {
    const seen = unfinishedSeen.current;
    const current = evaluations.data?.pages.flatMap((page) => page.items) ?? [];
    const finished = current.filter((evaluation) => seen.has(evaluation.id) && !unfinished(evaluation));
    for (const evaluation of finished) seen.delete(evaluation.id);
    for (const evaluation of current.filter(unfinished)) seen.add(evaluation.id);
    if (finished.length === 0) return;
    for (const evaluation of finished) {
      if (evaluation.status === 'failed') void message.warning(t('evaluation.completedError'));
      else void message.success(t(evaluation.passed ? 'evaluation.completedPassed' : 'evaluation.completedFailed'));
    }
    // A completed admission enrols or rejects the robot; a graduation one moves its progress.
    void queryClient.invalidateQueries({ queryKey: queryKeys.robots });
    void queryClient.invalidateQueries({ queryKey: queryKeys.evaluations });
  }, [evaluations.data, message, queryClient, t]);
  const refetch = evaluations.refetch;
  useEvaluationCompleted(
    robot.id,
    items.some(unfinished),
    useCallback(() => void refetch(), [refetch]),
  );

  const stage = STAGE_FOR[robot.status];
  const canRequest = may(user.role, 'POST /api/v1/robots/:id/evaluations') && stage !== undefined;
  const open = expanded ?? (items[0] ? [items[0].id] : []);

  return (
    <Card
      title={t('evaluation.title')}
      extra={
        canRequest && (
          <Button type="primary" onClick={() => setRequesting(true)} data-testid="request-evaluation">
            {t('evaluation.request')}
          </Button>
        )
      }
    >
      {evaluations.isPending ? (
        <Skeleton active />
      ) : evaluations.isError && !evaluations.data ? (
        <LoadError error={evaluations.error} onRetry={() => void evaluations.refetch()} />
      ) : items.length === 0 ? (
        <Empty description={t('evaluation.empty')} />
      ) : (
        <>
          <Collapse
            data-testid="evaluations"
            activeKey={open}
            onChange={(keys) => setExpanded(keys)}
            items={items.map((evaluation) => ({
              key: evaluation.id,
              label: <EvaluationHeading evaluation={evaluation} />,
              children: <EvaluationBody evaluation={evaluation} />,
            }))}
          />
          {evaluations.hasNextPage && (
            <Button
              style={{ marginTop: 12 }}
              onClick={() => void evaluations.fetchNextPage()}
              loading={evaluations.isFetchingNextPage}
            >
              {t('common.loadMore')}
            </Button>
          )}
        </>
      )}

      {stage && (
        <FormModal<{ stage: Stage; domain: Domain }, Evaluation>
          title={t('evaluation.requestTitle', { name: robot.name })}
          open={requesting}
          onClose={() => setRequesting(false)}
          fields={['stage', 'domain']}
          initialValues={{ stage, domain: robot.domains[0] }}
          okText={t('evaluation.request')}
          submit={(body) => api.evaluations.request(robot.id, body)}
          onDone={(evaluation) => {
            void message.info(t('evaluation.requested'));
            setExpanded([evaluation.id]);
            unfinishedSeen.current.add(evaluation.id);
            void queryClient.invalidateQueries({ queryKey: queryKeys.evaluations });
          }}
          testId="evaluation-dialog"
        >
          <Form.Item name="stage" label={t('evaluation.stage')} rules={[{ required: true }]}>
            <Select options={[{ value: stage, label: t(`stage.${stage}`) }]} />
          </Form.Item>
          <Form.Item
            name="domain"
            label={t('evaluation.domain')}
            extra={t('evaluation.domainHelp')}
            rules={[{ required: true }]}
          >
            <Select options={robot.domains.map((domain) => ({ value: domain, label: t(`domain.${domain}`) }))} />
          </Form.Item>
        </FormModal>
      )}
    </Card>
  );
}

function EvaluationHeading({ evaluation }: { evaluation: Evaluation }) {
  const t = useT();
  return (
    <Flex wrap gap={12} align="center" data-testid="evaluation" data-status={evaluation.status}>
      <EvaluationTag evaluation={evaluation} />
      <Typography.Text strong>
        {t('evaluation.standardValue', {
          stage: t(`stage.${evaluation.stage}`),
          version: evaluation.criteriaSetVersion,
        })}
      </Typography.Text>
      <Typography.Text type="secondary">
        <DomainName domain={evaluation.domain} />
      </Typography.Text>
      {evaluation.score !== null && (
        <Typography.Text>
          {t('evaluation.score')}{' '}
          {t('evaluation.scoreValue', {
            score: formatNumber(evaluation.score),
            pass: formatNumber(evaluation.passScore),
          })}
        </Typography.Text>
      )}
      <Typography.Text type="secondary">
        {evaluation.completedAt ? (
          <>
            {t('evaluation.completedAt')} <DateTime iso={evaluation.completedAt} />
          </>
        ) : (
          <>
            {t('evaluation.requestedAt')} <DateTime iso={evaluation.createdAt} />
          </>
        )}
      </Typography.Text>
    </Flex>
  );
}

function EvaluationBody({ evaluation }: { evaluation: Evaluation }) {
  const t = useT();
  if (unfinished(evaluation)) {
    return (
      <Flex gap={8} align="center">
        <Spin size="small" />
        <Typography.Text type="secondary">
          {evaluation.awaitingSummaries
            ? t('evaluation.awaitingSummaries', { count: evaluation.awaitingSummaries })
            : t('evaluation.pending')}
        </Typography.Text>
      </Flex>
    );
  }
  if (evaluation.status === 'failed') {
    return (
      <Alert
        type="warning"
        showIcon
        title={t('evaluation.failureReason', { reason: evaluation.failureReason ?? '' })}
      />
    );
  }
  return (
    <Flex vertical gap={8}>
      {evaluation.evidence && (
        <Typography.Text type="secondary">
          {t('evaluation.evidence', {
            sessions: evaluation.evidence.sessionIds.length,
            samples: formatNumber(evaluation.evidence.samples.telemetry),
          })}
        </Typography.Text>
      )}
      <EvaluationResults results={evaluation.results} />
    </Flex>
  );
}
