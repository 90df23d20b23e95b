import type { DeviceTokenIssued, Robot, RobotStatusChange } from '@app/contract';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Skeleton,
  Table,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { may } from '../access';
import type { Cursor } from '../api/endpoints';
import { queryKeys, useCohorts, useVendors } from '../api/reference';
import { useApi, useUser } from '../auth/session';
import { describeError, LoadError } from '../components/errors';
import { FormModal } from '../components/FormModal';
import { DateTime, DomainTags, RobotStatusTag } from '../components/labels';
import { PageHeader } from '../components/PageHeader';
import { GraduationProgress } from '../evaluations/GraduationProgress';
import { RobotEvaluations } from '../evaluations/RobotEvaluations';
import { RobotSessions } from '../evaluations/RobotSessions';
import { RobotExams } from '../exams/RobotExams';
import { useT } from '../i18n/i18n';

type Dialog = 'admit' | 'reject' | 'withdraw' | null;

export default function RobotProfilePage() {
  const { id = '' } = useParams();
  const t = useT();
  const api = useApi();
  const robot = useQuery({ queryKey: [...queryKeys.robots, 'detail', id], queryFn: () => api.robots.get(id) });

  if (robot.isPending) return <Skeleton active />;
  if (robot.isError) return <LoadError error={robot.error} onRetry={() => void robot.refetch()} />;
  return (
    <>
      <PageHeader
        title={
          <Flex align="center" gap={12}>
            <span data-testid="robot-name">{robot.data.name}</span>
            <RobotStatusTag status={robot.data.status} />
          </Flex>
        }
        extra={<RobotActions robot={robot.data} />}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Flex vertical gap={16}>
            <Details robot={robot.data} />
            <SpecsCard robot={robot.data} />
          </Flex>
        </Col>
        <Col xs={24} xl={10}>
          <Flex vertical gap={16}>
            <GraduationProgress robot={robot.data} />
            <Card title={t('robot.history')}>
              <StatusHistory robotId={robot.data.id} />
            </Card>
          </Flex>
        </Col>
        <Col span={24}>
          <RobotEvaluations robot={robot.data} />
        </Col>
        <Col span={24}>
          <RobotExams robot={robot.data} />
        </Col>
        <Col span={24}>
          <RobotSessions robotId={robot.data.id} />
        </Col>
      </Row>
    </>
  );
}

function Details({ robot }: { robot: Robot }) {
  const t = useT();
  const vendors = useVendors();
  const cohorts = useCohorts();
  const cohort = robot.cohortId ? cohorts.byId.get(robot.cohortId) : undefined;
  return (
    <Card title={t('robot.basics')}>
      <Descriptions
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'serial', label: t('robots.serialNumber'), children: robot.serialNumber },
          { key: 'model', label: t('robots.model'), children: robot.model },
          { key: 'form', label: t('robots.form'), children: t(`form.${robot.form}`) },
          {
            key: 'vendor',
            label: t('robots.vendor'),
            children: vendors.byId.get(robot.vendorId)?.name ?? t('common.none'),
          },
          { key: 'cohort', label: t('robots.cohort'), children: cohort?.name ?? t('common.none') },
          { key: 'domains', label: t('robots.domains'), children: <DomainTags domains={robot.domains} /> },
          { key: 'created', label: t('common.createdAt'), children: <DateTime iso={robot.createdAt} /> },
          { key: 'updated', label: t('common.updatedAt'), children: <DateTime iso={robot.updatedAt} /> },
        ]}
      />
    </Card>
  );
}

function SpecsCard({ robot }: { robot: Robot }) {
  const t = useT();
  const rows = Object.entries(robot.specs).map(([key, value]) => ({ key, value }));
  const show = (value: number | boolean | string) =>
    typeof value === 'boolean' ? t(value ? 'common.yes' : 'common.no') : String(value);
  return (
    <Card title={t('robot.specs')}>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: t('robot.specsEmpty') }}
        columns={[
          {
            title: t('robot.specKey'),
            dataIndex: 'key',
            render: (key: string) => <Typography.Text code>{key}</Typography.Text>,
          },
          { title: t('robot.specValue'), dataIndex: 'value', render: show },
        ]}
      />
    </Card>
  );
}

function StatusHistory({ robotId }: { robotId: string }) {
  const t = useT();
  const api = useApi();
  const history = useInfiniteQuery({
    queryKey: [...queryKeys.robots, 'history', robotId],
    queryFn: ({ pageParam }) => api.robots.statusHistory(robotId, pageParam),
    initialPageParam: undefined as Cursor,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  if (history.isPending) return <Skeleton active />;
  if (history.isError) return <LoadError error={history.error} onRetry={() => void history.refetch()} />;
  const changes = history.data.pages.flatMap((page) => page.items);
  if (changes.length === 0) return <Empty description={t('robot.historyEmpty')} />;
  const step = (change: RobotStatusChange) =>
    change.fromStatus
      ? `${t(`status.${change.fromStatus}`)} → ${t(`status.${change.toStatus}`)}`
      : t('robot.registeredAs', { to: t(`status.${change.toStatus}`) });
  return (
    <>
      <Timeline
        data-testid="status-history"
        items={changes.map((change) => ({
          key: change.id,
          title: <DateTime iso={change.at} />,
          content: (
            <>
              <Typography.Text strong>{step(change)}</Typography.Text>
              {change.reason && <div>{t('robot.reason', { reason: change.reason })}</div>}
            </>
          ),
        }))}
      />
      {history.hasNextPage && (
        <Button onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
    </>
  );
}

/** Admission decisions (admins), withdrawal and device tokens (operators and admins), by status. */
function RobotActions({ robot }: { robot: Robot }) {
  const t = useT();
  const api = useApi();
  const user = useUser();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [token, setToken] = useState<DeviceTokenIssued | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.robots });
  const issueToken = useMutation({
    mutationFn: () => api.robots.issueDeviceToken(robot.id),
    onSuccess: setToken,
    onError: (error) => void message.error(describeError(error, t)),
  });

  const decides = may(user.role, 'POST /api/v1/robots/:id/admission-decision');
  const schedules = may(user.role, 'POST /api/v1/robots/:id/withdraw');
  const canAdmit = decides && (robot.status === 'applied' || robot.status === 'rejected');
  const canReject = decides && robot.status === 'applied';
  const canWithdraw = schedules && robot.status !== 'withdrawn';
  const canIssueToken = may(user.role, 'POST /api/v1/robots/:id/device-token') && robot.status !== 'withdrawn';

  return (
    <>
      {canAdmit && (
        <Button type="primary" onClick={() => setDialog('admit')}>
          {t('robot.admit')}
        </Button>
      )}
      {canReject && (
        <Button danger onClick={() => setDialog('reject')}>
          {t('robot.reject')}
        </Button>
      )}
      {canIssueToken && (
        <Popconfirm title={t('robot.tokenConfirm')} onConfirm={() => issueToken.mutate()}>
          <Button loading={issueToken.isPending}>{t('robot.issueToken')}</Button>
        </Popconfirm>
      )}
      {canWithdraw && (
        <Button danger onClick={() => setDialog('withdraw')}>
          {t('robot.withdraw')}
        </Button>
      )}

      <FormModal<{ reason: string }, Robot>
        title={t(dialog === 'reject' ? 'robot.rejectTitle' : 'robot.admitTitle', { name: robot.name })}
        open={dialog === 'admit' || dialog === 'reject'}
        onClose={() => setDialog(null)}
        fields={['reason']}
        okText={t(dialog === 'reject' ? 'robot.reject' : 'robot.admit')}
        okDanger={dialog === 'reject'}
        submit={({ reason }) =>
          api.robots.decideAdmission(robot.id, { decision: dialog === 'reject' ? 'reject' : 'admit', reason })
        }
        onDone={() => {
          void message.success(t('robot.decisionDone'));
          refresh();
        }}
        testId="admission-dialog"
      >
        <Form.Item
          name="reason"
          label={t('robot.decisionReason')}
          rules={[{ required: true, whitespace: true, max: 500 }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </FormModal>

      <FormModal<{ reason?: string }, Robot>
        title={t('robot.withdrawTitle', { name: robot.name })}
        open={dialog === 'withdraw'}
        onClose={() => setDialog(null)}
        fields={['reason']}
        okText={t('robot.withdraw')}
        okDanger
        submit={({ reason }) => api.robots.withdraw(robot.id, reason?.trim() ? { reason } : {})}
        onDone={() => {
          void message.success(t('robot.withdrawDone'));
          refresh();
        }}
      >
        <Form.Item name="reason" label={t('robot.withdrawReason')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </FormModal>

      <Modal
        title={t('robot.tokenTitle')}
        open={token !== null}
        onCancel={() => setToken(null)}
        footer={<Button onClick={() => setToken(null)}>{t('common.confirm')}</Button>}
      >
        <Typography.Paragraph type="warning">{t('robot.tokenOnce')}</Typography.Paragraph>
        <Typography.Paragraph copyable={{ text: token?.token }} code data-testid="device-token">
          {token?.token}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
