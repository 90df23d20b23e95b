import type { Session, WatchTarget } from '@app/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Card, Col, Empty, Flex, Row, Segmented, Select, Statistic, Typography } from 'antd';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useSearchParams } from 'react-router';
import { everyPage, PAGE_SIZE, queryKeys, useBayDirectory, useRobotDirectory } from '../api/reference';
import { useApi, useSession, useUser } from '../auth/session';
import { LoadError } from '../components/errors';
import { PageHeader } from '../components/PageHeader';
import { useFieldInfo } from '../field-info';
import { formatWindow } from '../format';
import { useT } from '../i18n/i18n';
import { EventLog } from '../live/EventLog';
import { FloorPlan, HALL, type FloorTrack } from '../live/FloorPlan';
import { MAX_EVENTS, TRACK_POINTS } from '../live/live-data';
import { LiveFeed, type FeedSnapshot, type WatchChoice } from '../live/live-feed';
import { Recordings } from '../live/Recordings';
import { TimeSeriesChart, type ChartSeries } from '../live/TimeSeriesChart';
import { useNow } from '../use-now';

/** What this view asks the field for: plenty for a chart, and a browser never drowns. */
const MAX_HZ = 10;
const TARGETS: readonly WatchTarget[] = ['robotId', 'sessionId', 'bayId'];
const PALETTE = [
  '#1668dc',
  '#d4380d',
  '#389e0d',
  '#722ed1',
  '#d48806',
  '#08979c',
  '#c41d7f',
  '#531dab',
  '#7cb305',
  '#096dd9',
  '#fa541c',
  '#13c2c2',
  '#eb2f96',
  '#a0d911',
  '#2f54eb',
  '#faad14',
];
const HALF_DAY_MS = 12 * 3600_000;

function useLiveFeed(): { feed: LiveFeed; snapshot: FeedSnapshot } {
  const { accessToken, signOut } = useSession();
  const queryClient = useQueryClient();
  const [feed] = useState(
    () =>
      new LiveFeed({
        token: accessToken,
        maxHz: MAX_HZ,
        onUnauthorized: () => signOut('expired'),
        // A session that ended has a recording now; one that started shows in the pickers.
        onSession: () => void queryClient.invalidateQueries({ queryKey: queryKeys.sessions }),
      }),
  );
  useEffect(() => {
    feed.start();
    return () => feed.stop();
  }, [feed]);
  const snapshot = useSyncExternalStore(feed.subscribe, feed.getSnapshot);
  return { feed, snapshot };
}

/** Sessions worth watching: running ones, and today's around now. */
function useWatchableSessions(enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: [...queryKeys.sessions, 'watchable'],
    enabled,
    refetchInterval: 30_000,
    queryFn: async (): Promise<Session[]> => {
      const now = Date.now();
      const around = { from: new Date(now - HALF_DAY_MS).toISOString(), to: new Date(now + HALF_DAY_MS).toISOString() };
      const [running, nearby] = await Promise.all([
        everyPage((cursor) => api.sessions.list({ status: 'running' }, cursor, PAGE_SIZE)),
        everyPage((cursor) => api.sessions.list(around, cursor, PAGE_SIZE)),
      ]);
      const byId = new Map([...nearby, ...running].map((session) => [session.id, session]));
      return [...byId.values()]
        .filter((session) => session.status === 'running' || session.status === 'scheduled')
        .sort(
          (a, b) =>
            Number(b.status === 'running') - Number(a.status === 'running') || a.startsAt.localeCompare(b.startsAt),
        );
    },
  });
}

export default function LivePage() {
  const t = useT();
  const user = useUser();
  const { timeZone } = useFieldInfo();
  const [params, setParams] = useSearchParams();
  // The field lets a vendor watch its own robots only, one by one.
  const targets = user.role === 'vendor' ? TARGETS.slice(0, 1) : TARGETS;
  const chosenTarget = targets.find((target) => params.get(target));
  const chosenId = chosenTarget ? params.get(chosenTarget) : null;
  const choice: WatchChoice | null = chosenTarget && chosenId ? { target: chosenTarget, id: chosenId } : null;
  const [picking, setPicking] = useState<WatchTarget>(chosenTarget ?? 'robotId');
  const robots = useRobotDirectory();
  const bays = useBayDirectory();
  const sessions = useWatchableSessions(targets.includes('sessionId'));
  const { feed, snapshot } = useLiveFeed();
  const now = useNow(1000);
  const [focus, setFocus] = useState<string | null>(null);

  useEffect(
    () => feed.watch(chosenTarget && chosenId ? { target: chosenTarget, id: chosenId } : null),
    [feed, chosenTarget, chosenId],
  );

  const choose = (target: WatchTarget, id: string | undefined) =>
    setParams(id ? { [target]: id } : {}, { replace: false });

  const robotName = (robotId: string) => robots.byId.get(robotId)?.name ?? robotId.slice(0, 8);
  const bayCode = (bayId: string) => bays.byId.get(bayId)?.code ?? bayId.slice(0, 8);
  const options = {
    robotId: robots.items.map((robot) => ({ value: robot.id, label: `${robot.name} (${robot.serialNumber})` })),
    bayId: bays.items.map((bay) => ({ value: bay.id, label: `${bay.code} ${bay.name}` })),
    sessionId: (sessions.data ?? []).map((session) => ({
      value: session.id,
      label: `${bayCode(session.bayId)} · ${formatWindow(session.startsAt, session.endsAt, timeZone)} · ${t(
        `sessionStatus.${session.status}`,
      )}`,
    })),
  };
  const loading = { robotId: robots.isPending, bayId: bays.isPending, sessionId: sessions.isPending };
  const pickerQuery = { robotId: robots, bayId: bays, sessionId: sessions }[picking];
  const placeholder = { robotId: 'live.pickRobot', sessionId: 'live.pickSession', bayId: 'live.pickBay' } as const;

  const focused = focus && snapshot.robotIds.includes(focus) ? focus : (snapshot.robotIds[0] ?? null);
  const trace = focused ? feed.data.traces.get(focused) : undefined;
  const jointCount = trace?.jointCount ?? 0;
  const jointColumns = trace ? trace.joints.toColumns(jointCount) : [[]];
  const batteryColumns = trace ? trace.battery.toColumns() : [[]];
  const jointSeries: ChartSeries[] = Array.from({ length: jointCount }, (_, index) => ({
    label: t('live.joint', { n: index + 1 }),
    color: PALETTE[index % PALETTE.length],
  }));
  const batterySeries: ChartSeries[] = [{ label: t('live.battery'), color: '#389e0d' }];
  const tracks: FloorTrack[] = snapshot.robotIds.flatMap((robotId, index) => {
    const robotTrace = feed.data.traces.get(robotId);
    if (!robotTrace || robotTrace.track.size === 0) return [];
    const [, x, y] = robotTrace.track.toColumns();
    return [{ robotId, label: robotName(robotId), color: PALETTE[index % PALETTE.length], x, y, yaw: robotTrace.yaw }];
  });
  const rate = feed.data.rateAt(now);
  // The clock ticks once a second but snapshots come every tenth: measure from whichever is later.
  const lag =
    snapshot.newestTs === null ? null : Math.max(0, (Math.max(now, snapshot.takenAt) - snapshot.newestTs) / 1000);

  return (
    <>
      <PageHeader title={t('live.title')} extra={<ConnectionBadge snapshot={snapshot} />} />
      <Flex vertical gap={16}>
        <Card>
          <Flex wrap gap={12} align="center" justify="space-between">
            <Flex wrap gap={8} align="center">
              {targets.length > 1 && (
                <Segmented<WatchTarget>
                  data-testid="watch-target"
                  value={picking}
                  onChange={setPicking}
                  options={targets.map((target) => ({ value: target, label: t(`watchTarget.${target}`) }))}
                />
              )}
              <Select
                data-testid="watch-pick"
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                style={{ minWidth: 320 }}
                placeholder={t(placeholder[picking])}
                loading={loading[picking]}
                value={choice?.target === picking ? choice.id : undefined}
                onChange={(id?: string) => choose(picking, id)}
                options={options[picking]}
              />
            </Flex>
            <Flex wrap gap={24}>
              <Statistic
                title={t('live.rate')}
                value={t('live.rateValue', { rate: rate.toFixed(1) })}
                data-testid="live-rate"
              />
              <Statistic
                title={t('live.lag')}
                value={lag === null ? t('common.none') : t('live.lagValue', { lag: lag.toFixed(1) })}
                data-testid="live-lag"
              />
              <Statistic title={t('live.samples')} value={snapshot.samples} data-testid="live-samples" />
              <Statistic title={t('live.points')} value={jointColumns[0].length} data-testid="chart-points" />
            </Flex>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('live.maxHz', { hz: MAX_HZ })}
          </Typography.Text>
          {pickerQuery.isError && <LoadError error={pickerQuery.error} onRetry={() => void pickerQuery.refetch()} />}
        </Card>

        <FeedNotice snapshot={snapshot} choice={choice} />

        {choice && (
          <>
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={15}>
                <Flex vertical gap={16}>
                  <Card
                    title={t('live.joints')}
                    extra={
                      snapshot.robotIds.length > 1 && (
                        <Flex gap={8} align="center">
                          <Typography.Text type="secondary">{t('live.chartRobot')}</Typography.Text>
                          <Select
                            size="small"
                            style={{ minWidth: 160 }}
                            value={focused ?? undefined}
                            onChange={setFocus}
                            options={snapshot.robotIds.map((robotId) => ({
                              value: robotId,
                              label: robotName(robotId),
                            }))}
                          />
                        </Flex>
                      )
                    }
                  >
                    {jointCount === 0 ? (
                      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('live.noData')} />
                    ) : (
                      <TimeSeriesChart
                        testId="joint-chart"
                        columns={jointColumns}
                        series={jointSeries}
                        timeZone={timeZone}
                        height={240}
                      />
                    )}
                  </Card>
                  <Card title={t('live.battery')}>
                    {batteryColumns[0].length === 0 ? (
                      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('live.noData')} />
                    ) : (
                      <TimeSeriesChart
                        testId="battery-chart"
                        columns={batteryColumns}
                        series={batterySeries}
                        timeZone={timeZone}
                        height={140}
                        range={[0, 100]}
                      />
                    )}
                  </Card>
                </Flex>
              </Col>
              <Col xs={24} xl={9}>
                <Flex vertical gap={16}>
                  <Card title={t('live.floorPlan')}>
                    <FloorPlan tracks={tracks} />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('live.floorPlanNote', { width: HALL.width, depth: HALL.depth, count: TRACK_POINTS })}
                    </Typography.Text>
                  </Card>
                  <Card
                    title={t('live.events')}
                    extra={
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('live.eventsCapped', { count: MAX_EVENTS })}
                      </Typography.Text>
                    }
                  >
                    <EventLog events={snapshot.events} robotName={robotName} />
                  </Card>
                </Flex>
              </Col>
            </Row>
            <Card title={t('live.recordings')}>
              <Recordings choice={choice} />
            </Card>
          </>
        )}
      </Flex>
    </>
  );
}

function ConnectionBadge({ snapshot }: { snapshot: FeedSnapshot }) {
  const t = useT();
  if (snapshot.connection === 'live') {
    return <Badge status="processing" color="green" text={t('live.connected')} data-testid="live-connected" />;
  }
  if (snapshot.connection === 'connecting') return <Badge status="default" text={t('live.connecting')} />;
  return <Badge status="warning" text={t('live.reconnectingShort')} data-testid="live-disconnected" />;
}

/** Why nothing moves: no choice yet, the connection is down, the field refused, or no data has come. */
function FeedNotice({ snapshot, choice }: { snapshot: FeedSnapshot; choice: WatchChoice | null }) {
  const t = useT();
  if (snapshot.connection === 'reconnecting') {
    return (
      <Alert
        type="warning"
        showIcon
        role="alert"
        data-testid="live-reconnecting"
        title={t('live.reconnecting', { attempt: Math.max(1, snapshot.attempt) })}
      />
    );
  }
  if (!choice) return <Alert type="info" showIcon title={t('live.nothing')} />;
  if (snapshot.connection === 'connecting') return <Alert type="info" showIcon title={t('live.connecting')} />;
  if (snapshot.subscription.state === 'refused') {
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        data-testid="live-refused"
        title={t('live.refused', { detail: snapshot.subscription.message })}
      />
    );
  }
  if (snapshot.samples === 0)
    return <Alert type="info" showIcon data-testid="live-waiting" title={t('live.waiting')} />;
  return null;
}
