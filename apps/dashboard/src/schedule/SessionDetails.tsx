import type { Bay, Session, SessionAction } from '@app/contract';
import { Button, Descriptions, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useFieldInfo } from '../field-info';
import { formatDateTime, formatWindow } from '../format';
import { useT } from '../i18n/i18n';
import { KIND_COLORS } from './session-style';

/** What a person may do with a session in its status. */
export const ACTIONS_BY_STATUS: Record<Session['status'], readonly SessionAction[]> = {
  scheduled: ['start', 'cancel'],
  running: ['complete', 'abort'],
  completed: [],
  aborted: [],
  cancelled: [],
};

interface SessionDetailsProps {
  session: Session;
  bay: Bay | undefined;
  robotName: (robotId: string) => string;
  /** Absent for a person who may not run sessions. */
  onAction?: (action: SessionAction) => void;
  pendingAction?: SessionAction | null;
  onMove?: () => void;
  /** Absent for a person who may not watch a session as such (vendors watch robots). */
  watchable?: boolean;
}

/** A session's booking, its actual run and, for operators, the transitions it allows. */
export function SessionDetails(props: SessionDetailsProps) {
  const { session } = props;
  const t = useT();
  const { timeZone } = useFieldInfo();
  const actions = props.onAction ? ACTIONS_BY_STATUS[session.status] : [];
  const ran = session.startedAt
    ? `${formatDateTime(session.startedAt, timeZone)} – ${
        session.endedAt ? formatDateTime(session.endedAt, timeZone) : t('session.untilNow')
      }`
    : t('common.none');
  return (
    <div style={{ width: 320 }} data-testid="session-details">
      <Flex gap={4} style={{ marginBottom: 8 }}>
        <Tag color={KIND_COLORS[session.kind]}>{t(`sessionKind.${session.kind}`)}</Tag>
        <Tag data-testid="session-status">{t(`sessionStatus.${session.status}`)}</Tag>
      </Flex>
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'window',
            label: t('session.window'),
            children: formatWindow(session.startsAt, session.endsAt, timeZone),
          },
          { key: 'ran', label: t('session.actual'), children: ran },
          {
            key: 'bay',
            label: t('schedule.bay'),
            children: props.bay ? `${props.bay.code} ${props.bay.name}` : t('common.none'),
          },
          {
            key: 'robots',
            label: t('session.robots'),
            children: (
              <Flex wrap gap={4}>
                {session.robotIds.map((robotId) => (
                  <Link key={robotId} to={`/robots/${robotId}`}>
                    {props.robotName(robotId)}
                  </Link>
                ))}
              </Flex>
            ),
          },
          {
            key: 'tasks',
            label: t('session.tasks'),
            children: session.taskKeys.length ? session.taskKeys.join(', ') : t('common.none'),
          },
          ...(session.note
            ? [{ key: 'note', label: t('session.note'), children: <Typography.Text>{session.note}</Typography.Text> }]
            : []),
        ]}
      />
      {(actions.length > 0 || props.watchable) && (
        <Flex gap={8} wrap style={{ marginTop: 8 }}>
          {actions.map((action) => (
            <Button
              key={action}
              size="small"
              type={action === 'start' || action === 'complete' ? 'primary' : 'default'}
              danger={action === 'abort' || action === 'cancel'}
              loading={props.pendingAction === action}
              disabled={!!props.pendingAction && props.pendingAction !== action}
              onClick={() => props.onAction?.(action)}
              data-action={action}
            >
              {t(`sessionAction.${action}`)}
            </Button>
          ))}
          {session.status === 'scheduled' && props.onMove && (
            <Button size="small" onClick={props.onMove} data-action="move">
              {t('session.move')}
            </Button>
          )}
          {props.watchable && session.status === 'running' && (
            <Link to={`/live?sessionId=${session.id}`}>
              <Button size="small" type="link">
                {t('session.watch')}
              </Button>
            </Link>
          )}
        </Flex>
      )}
    </div>
  );
}
