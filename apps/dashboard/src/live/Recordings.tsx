import type { Session } from '@app/contract';
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Table, Tag, Typography } from 'antd';
import { saveBlob } from '../api/download';
import { everyPage, PAGE_SIZE, queryKeys, useBayDirectory } from '../api/reference';
import { useApi } from '../auth/session';
import { describeError, LoadError } from '../components/errors';
import { DateTime } from '../components/labels';
import { useFieldInfo } from '../field-info';
import { formatWindow } from '../format';
import { useT } from '../i18n/i18n';
import type { WatchChoice } from './live-feed';

const ENDED = ['completed', 'aborted'] as const;
/** The field keeps telemetry for 30 days by default; older sessions have little left to record. */
const LOOK_BACK_MS = 30 * 24 * 3600_000;
const SHOWN = 20;

const endedAt = (session: Session) => session.endedAt ?? session.endsAt;

/** MCAP recordings of the watched robot's, bay's or session's ended sessions, newest first. */
export function Recordings({ choice }: { choice: WatchChoice }) {
  const t = useT();
  const api = useApi();
  const { message } = App.useApp();
  const { timeZone } = useFieldInfo();
  const bays = useBayDirectory();
  const recordings = useQuery({
    queryKey: [...queryKeys.sessions, 'recordings', choice.target, choice.id],
    queryFn: async (): Promise<Session[]> => {
      if (choice.target === 'sessionId') return [await api.sessions.get(choice.id)];
      const from = new Date(Date.now() - LOOK_BACK_MS).toISOString();
      const lists = await Promise.all(
        ENDED.map((status) =>
          everyPage((cursor) => api.sessions.list({ [choice.target]: choice.id, status, from }, cursor, PAGE_SIZE)),
        ),
      );
      return lists
        .flat()
        .sort((a, b) => endedAt(b).localeCompare(endedAt(a)))
        .slice(0, SHOWN);
    },
  });
  const download = useMutation({
    mutationFn: async (session: Session) => ({ session, file: await api.sessions.recording(session.id) }),
    onSuccess: ({ session, file }) => {
      const name = `session-${session.id}.mcap`;
      saveBlob(file, name);
      void message.success(t('live.downloaded', { file: name }));
    },
    onError: (error) => void message.error(describeError(error, t)),
  });

  if (recordings.isError) return <LoadError error={recordings.error} onRetry={() => void recordings.refetch()} />;
  const single = choice.target === 'sessionId' ? recordings.data?.[0] : undefined;
  if (single && !ENDED.includes(single.status as (typeof ENDED)[number])) {
    return <Typography.Text type="secondary">{t('live.notEnded')}</Typography.Text>;
  }
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('live.recordingsHint')}
      </Typography.Paragraph>
      <Table<Session>
        data-testid="recordings"
        size="small"
        rowKey="id"
        pagination={false}
        loading={recordings.isPending}
        dataSource={recordings.data ?? []}
        locale={{ emptyText: t('live.recordingsEmpty') }}
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
            title: t('robots.status'),
            dataIndex: 'status',
            render: (status: Session['status']) => (
              <Tag color={status === 'completed' ? 'green' : 'red'}>{t(`sessionStatus.${status}`)}</Tag>
            ),
          },
          { title: t('live.ended'), dataIndex: 'endedAt', render: (iso: string | null) => <DateTime iso={iso} /> },
          {
            title: '',
            key: 'download',
            render: (_, session) => (
              <Button
                size="small"
                icon={<DownloadOutlined />}
                loading={download.isPending && download.variables.id === session.id}
                onClick={() => download.mutate(session)}
                data-testid="download-recording"
              >
                {t('live.download')}
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}
