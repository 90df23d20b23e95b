import type { CalendarFeedLink } from '@app/contract';
import { LinkOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Modal, Popconfirm, Table, Tag } from 'antd';
import { useState } from 'react';
import { everyPage, queryKeys, useBayDirectory } from '../api/reference';
import { useApi } from '../auth/session';
import { describeError, LoadError } from '../components/errors';
import { formatDateTime } from '../format';
import { useT } from '../i18n/i18n';

/** The signed-in person's calendar links, each revocable: a button that opens the list. */
export function CalendarFeedLinks({ timeZone }: { timeZone: string }) {
  const t = useT();
  const api = useApi();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const bays = useBayDirectory();
  const [open, setOpen] = useState(false);
  const links = useQuery({
    queryKey: [...queryKeys.calendarFeeds],
    queryFn: () => everyPage(api.calendarFeeds.list),
    enabled: open,
  });
  const revoke = useMutation({
    mutationFn: (link: CalendarFeedLink) => api.calendarFeeds.revoke(link.id),
    onSuccess: () => {
      void message.success(t('calendarFeeds.revoked'));
      void queryClient.invalidateQueries({ queryKey: queryKeys.calendarFeeds });
    },
    onError: (error) => void message.error(describeError(error, t)),
  });
  const day = (iso: string) => formatDateTime(iso, timeZone).slice(0, 16);

  return (
    <>
      <Button icon={<LinkOutlined />} onClick={() => setOpen(true)} data-testid="calendar-feed-links">
        {t('calendarFeeds.title')}
      </Button>
      <Modal
        open={open}
        title={t('calendarFeeds.title')}
        footer={null}
        width={720}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        {links.error ? (
          <LoadError error={links.error} onRetry={() => void links.refetch()} />
        ) : (
          <Table<CalendarFeedLink>
            size="small"
            rowKey="id"
            loading={links.isPending}
            dataSource={links.data ?? []}
            pagination={false}
            locale={{ emptyText: t('calendarFeeds.empty') }}
            data-testid="calendar-feed-list"
            columns={[
              {
                title: t('calendarFeeds.bay'),
                key: 'bay',
                render: (_, link) => bays.byId.get(link.bayId)?.code ?? link.bayId.slice(0, 8),
              },
              { title: t('calendarFeeds.created'), key: 'created', render: (_, link) => day(link.createdAt) },
              { title: t('calendarFeeds.expires'), key: 'expires', render: (_, link) => day(link.expiresAt) },
              {
                title: t('calendarFeeds.state'),
                key: 'state',
                render: (_, link) =>
                  link.active ? (
                    <Tag color="green">{t('calendarFeeds.active')}</Tag>
                  ) : (
                    <Tag>{link.revokedAt ? t('calendarFeeds.revokedState') : t('calendarFeeds.expired')}</Tag>
                  ),
              },
              {
                key: 'revoke',
                render: (_, link) =>
                  link.active && (
                    <Popconfirm
                      title={t('calendarFeeds.revokeConfirm')}
                      okText={t('calendarFeeds.revoke')}
                      onConfirm={() => revoke.mutate(link)}
                    >
                      <Button
                        size="small"
                        danger
                        loading={revoke.isPending && revoke.variables.id === link.id}
                        data-testid="calendar-feed-revoke"
                      >
                        {t('calendarFeeds.revoke')}
                      </Button>
                    </Popconfirm>
                  ),
              },
            ]}
          />
        )}
      </Modal>
    </>
  );
}
