import type { Robot, SessionSummary } from '@app/contract';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, Progress, Skeleton, Typography } from 'antd';
import type { Endpoints } from '../api/endpoints';
import { everyPage, PAGE_SIZE, queryKeys } from '../api/reference';
import { useApi } from '../auth/session';
import { LoadError } from '../components/errors';
import { DateTime, DomainName } from '../components/labels';
import { formatNumber } from '../format';
import { useT } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { graduationProgress, graduationSetFor, needsSummaries, type ProgressMetric } from './graduation-progress';

const LABELS: Record<ProgressMetric, { title: MessageKey; value: MessageKey }> = {
  'training.hours': { title: 'progress.training', value: 'progress.hoursValue' },
  'data.teleop_samples': { title: 'progress.teleop', value: 'progress.samplesValue' },
};
/** Summaries fetched at once: enough to be quick, few enough not to crowd the field. */
const SUMMARY_CONCURRENCY = 4;

/** The summaries of every completed session of the robot. */
async function completedSummaries(api: Endpoints, robotId: string): Promise<SessionSummary[]> {
  const sessions = await everyPage((cursor) => api.sessions.list({ robotId, status: 'completed' }, cursor, PAGE_SIZE));
  const summaries: SessionSummary[] = [];
  for (let start = 0; start < sessions.length; start += SUMMARY_CONCURRENCY) {
    const batch = sessions.slice(start, start + SUMMARY_CONCURRENCY);
    summaries.push(...(await Promise.all(batch.map((session) => api.sessions.summary(session.id)))));
  }
  return summaries;
}

/**
 * Training time and teleoperated samples against the thresholds of the active graduation standard
 * for the robot's (first) domain: from its latest graduation evaluation, or its session summaries.
 */
export function GraduationProgress({ robot }: { robot: Robot }) {
  const t = useT();
  const api = useApi();
  const domain = robot.domains[0];
  const sets = useQuery({
    queryKey: [...queryKeys.criteriaSets, 'active', 'graduation'],
    queryFn: () =>
      everyPage((cursor) => api.criteriaSets.list({ stage: 'graduation', status: 'active' }, cursor, PAGE_SIZE)),
  });
  const latest = useQuery({
    queryKey: [...queryKeys.evaluations, 'robot', robot.id, 'latest-graduation'],
    queryFn: async () =>
      (await api.evaluations.ofRobot(robot.id, { stage: 'graduation', status: 'completed' }, undefined, 1)).items[0] ??
      null,
  });
  const set = sets.data ? graduationSetFor(sets.data, domain) : null;
  const summaries = useQuery({
    queryKey: [...queryKeys.sessions, 'summaries', robot.id],
    enabled: set !== null && latest.isSuccess && needsSummaries(latest.data),
    queryFn: () => completedSummaries(api, robot.id),
  });

  const failed = [sets, latest, summaries].find((query) => query.isError);
  let body;
  if (failed) {
    body = <LoadError error={failed.error} onRetry={() => void failed.refetch()} />;
  } else if (sets.isPending || latest.isPending) {
    body = <Skeleton active />;
  } else if (!set) {
    body = (
      <Alert
        type="info"
        showIcon
        title={t('progress.noStandard', { domain: t(`domain.${domain}`) })}
        data-testid="progress-no-standard"
      />
    );
  } else if (summaries.isFetching && !summaries.data) {
    body = <Skeleton active />;
  } else {
    const bars = graduationProgress({
      set,
      robotId: robot.id,
      latestEvaluation: latest.data ?? null,
      summaries: summaries.data,
    });
    body = (
      <Flex vertical gap={16}>
        <Typography.Text type="secondary">
          {t('progress.standard', { name: set.name, version: set.version })} · <DomainName domain={set.domain} />
        </Typography.Text>
        {bars.map((bar) => (
          <div key={bar.metric} data-testid={`progress-${bar.metric}`} data-percent={bar.percent.toFixed(2)}>
            <Flex justify="space-between" wrap gap={8}>
              <Typography.Text strong>{t(LABELS[bar.metric].title)}</Typography.Text>
              <Typography.Text data-testid="progress-value">
                {bar.requirement
                  ? t(LABELS[bar.metric].value, {
                      value: formatNumber(bar.value),
                      threshold: `${t(`criterionOp.${bar.requirement.op}`)} ${formatNumber(bar.requirement.threshold)}`,
                    })
                  : formatNumber(bar.value)}
              </Typography.Text>
            </Flex>
            {bar.requirement ? (
              <Progress percent={bar.percent} status={bar.met ? 'success' : 'normal'} showInfo={false} />
            ) : (
              <Typography.Text type="secondary">{t('progress.notSet')}</Typography.Text>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {bar.source === 'evaluation' && latest.data ? (
                <>
                  {t('progress.fromEvaluation')} <DateTime iso={latest.data.completedAt} />
                </>
              ) : (
                t('progress.fromSummaries', {
                  count: (summaries.data ?? []).filter((summary) => summary.status === 'ready').length,
                })
              )}
            </Typography.Text>
          </div>
        ))}
      </Flex>
    );
  }
  return <Card title={t('progress.title')}>{body}</Card>;
}
