import type { Session, SessionStatus } from '@app/contract';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Card, Tag } from 'antd';
import { Link } from 'react-router';
import type { Cursor } from '../api/endpoints';
import { queryKeys, useBayDirectory } from '../api/reference';
import { useApi } from '../auth/session';
import { PagedTable } from '../components/PagedTable';
import { useFieldInfo } from '../field-info';
import { formatDateTime, formatWindow } from '../format';
import { useT } from '../i18n/i18n';
import { KIND_COLORS } from '../schedule/session-style';

const STATUS_COLORS: Record<SessionStatus, string> = {
  scheduled: 'blue',
  running: 'processing',
  completed: 'green',
  aborted: 'red',
  cancelled: 'default',
};

/** The robot's sessions in booking order; a running one links to the robot's live view. */
export function RobotSessions({ robotId }: { robotId: string }) {
  const t = useT();
  const api = useApi();
  const { timeZone } = useFieldInfo();
  const bays = useBayDirectory();
  const sessions = useInfiniteQuery({
    queryKey: [...queryKeys.sessions, 'robot', robotId],
    queryFn: ({ pageParam }) => api.sessions.list({ robotId }, pageParam, 20),
    initialPageParam: undefined as Cursor,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  return (
    <Card title={t('robot.sessions')}>
      <PagedTable<Session>
        query={sessions}
        testId="robot-sessions"
        emptyText={t('robot.sessionsEmpty')}
        columns={[
          {
            title: t('session.window'),
            key: 'window',
            render: (_, session) => formatWindow(session.startsAt, session.endsAt, timeZone),
          },
          {
            title: t('schedule.bay'),
            dataIndex: 'bayId',
            render: (bayId: string) => bays.byId.get(bayId)?.code ?? t('common.none'),
          },
          {
            title: t('booking.kind'),
            dataIndex: 'kind',
            render: (kind: Session['kind']) => <Tag color={KIND_COLORS[kind]}>{t(`sessionKind.${kind}`)}</Tag>,
          },
          {
            title: t('robots.status'),
            dataIndex: 'status',
            render: (status: SessionStatus) =>
              status === 'running' ? (
                <Link to={`/live?robotId=${robotId}`}>
                  <Tag color={STATUS_COLORS[status]}>{t(`sessionStatus.${status}`)}</Tag>
                </Link>
              ) : (
                <Tag color={STATUS_COLORS[status]}>{t(`sessionStatus.${status}`)}</Tag>
              ),
          },
          {
            title: t('session.actual'),
            key: 'actual',
            render: (_, session) => {
              if (!session.startedAt) return t('common.none');
              if (session.endedAt) return formatWindow(session.startedAt, session.endedAt, timeZone);
              return `${formatDateTime(session.startedAt, timeZone)} – ${t('session.untilNow')}`;
            },
          },
        ]}
      />
    </Card>
  );
}
