import { SAFETY_EVENTS, SESSION_STATUSES, TASK_EVENTS, timeOf } from '@app/contract';
import { Empty, Tag, Typography } from 'antd';
import { useFieldInfo } from '../field-info';
import { useT, type Translate } from '../i18n/i18n';
import type { LogEntry } from './live-data';

const is = <T extends string>(values: readonly T[], value: unknown): value is T => values.includes(value as T);
const text = (value: unknown) => (typeof value === 'string' ? value : '');

function describe(entry: LogEntry, t: Translate): string {
  const { data } = entry;
  switch (entry.channel) {
    case 'task': {
      const event = is(TASK_EVENTS, data.event) ? t(`taskEvent.${data.event}`) : text(data.event);
      const reason = text(data.reason);
      return (
        t('live.event.task', { task: text(data.taskKey), event }) + (reason ? t('live.event.reason', { reason }) : '')
      );
    }
    case 'safety':
      return t('live.event.safety', {
        event: is(SAFETY_EVENTS, data.event) ? t(`safetyEvent.${data.event}`) : text(data.event),
      });
    case 'intervention':
      return t('live.event.intervention', { reason: text(data.reason) });
    case 'session':
      return t('live.event.session', {
        status: is(SESSION_STATUSES, data.status) ? t(`sessionStatus.${data.status}`) : text(data.status),
      });
  }
}

function color(entry: LogEntry): string {
  if (entry.channel === 'task')
    return { start: 'blue', success: 'green', failure: 'red' }[text(entry.data.event)] ?? 'blue';
  return { safety: 'volcano', intervention: 'gold', session: 'purple' }[entry.channel];
}

/** Task attempts, safety events, interventions and session changes, newest first. */
export function EventLog({ events, robotName }: { events: readonly LogEntry[]; robotName: (id: string) => string }) {
  const t = useT();
  const { timeZone } = useFieldInfo();
  if (events.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('live.eventsEmpty')} />;
  return (
    <div data-testid="event-log" style={{ maxHeight: 340, overflowY: 'auto' }}>
      {events.map((entry) => (
        <div
          key={entry.key}
          data-testid="event-entry"
          data-channel={entry.channel}
          data-event={text(entry.data.event) || undefined}
          style={{ display: 'flex', gap: 8, alignItems: 'baseline', padding: '3px 0', fontSize: 13 }}
        >
          <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums', flex: '0 0 auto' }}>
            {timeOf(entry.ts, timeZone)}
          </Typography.Text>
          <Tag color={color(entry)} style={{ flex: '0 0 auto' }}>
            {t(`channel.${entry.channel}`)}
          </Tag>
          {entry.robotId && <Typography.Text strong>{robotName(entry.robotId)}</Typography.Text>}
          <span>{describe(entry, t)}</span>
        </div>
      ))}
    </div>
  );
}
