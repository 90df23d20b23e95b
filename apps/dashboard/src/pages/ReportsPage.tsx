import type { Evaluation, GraduationReport, ReportStatus } from '@app/contract';
import { FilePdfOutlined, LinkOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Popconfirm,
  Select,
  Table,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { may } from '../access';
import { saveBlob } from '../api/download';
import type { Cursor } from '../api/endpoints';
import { everyPage, PAGE_SIZE, queryKeys, useRobotDirectory } from '../api/reference';
import { useApi, useUser } from '../auth/session';
import { describeError, LoadError } from '../components/errors';
import { FormModal } from '../components/FormModal';
import { DateTime, DomainName, ReportStatusTag } from '../components/labels';
import { PagedTable } from '../components/PagedTable';
import { PageHeader } from '../components/PageHeader';
import { oneOf, REPORT_STATUSES } from '../enums';
import { useFieldInfo } from '../field-info';
import { formatDateTime, formatNumber } from '../format';
import { useT } from '../i18n/i18n';
import { awaitingReport } from '../reports/awaiting';
import { useUrlFilters } from '../url-filters';

/** What the signed report document says of its robot and where it is verified. */
interface ReportDocumentView {
  robot?: { name?: string; serialNumber?: string };
  field?: { verifyUrl?: string };
}
const documentOf = (report: GraduationReport) => report.document as ReportDocumentView;
const DIGEST_SHOWN = 12;

export default function ReportsPage() {
  const t = useT();
  const user = useUser();
  const issues = may(user.role, 'POST /api/v1/robots/:id/graduation-reports');
  return (
    <>
      <PageHeader title={t('reports.title')} />
      <Flex vertical gap={16}>
        {user.role === 'vendor' && <Alert type="info" showIcon title={t('reports.vendorScope')} />}
        {!issues && user.role !== 'vendor' && <Alert type="info" showIcon title={t('reports.readOnly')} />}
        <AwaitingReports issues={issues} />
        <IssuedReports />
      </Flex>
    </>
  );
}

/** Passed graduation evaluations whose robot holds no valid report yet: the admin's to-do list. */
function AwaitingReports({ issues }: { issues: boolean }) {
  const t = useT();
  const api = useApi();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const robots = useRobotDirectory();
  const candidates = useQuery({
    queryKey: [...queryKeys.evaluations, 'awaiting-report'],
    queryFn: async () => {
      const [evaluations, reports] = await Promise.all([
        everyPage((cursor) =>
          api.evaluations.list({ stage: 'graduation', status: 'completed', passed: 'true' }, cursor, PAGE_SIZE),
        ),
        everyPage((cursor) => api.reports.list({ status: 'valid' }, cursor, PAGE_SIZE)),
      ]);
      return { evaluations, reports };
    },
  });
  const issue = useMutation({
    mutationFn: (evaluation: Evaluation) => api.reports.issue(evaluation.robotId, { evaluationId: evaluation.id }),
    onSuccess: (report) => {
      void message.success(t('reports.issued', { number: report.number }));
      void queryClient.invalidateQueries({ queryKey: queryKeys.reports });
      void queryClient.invalidateQueries({ queryKey: queryKeys.evaluations });
      void queryClient.invalidateQueries({ queryKey: queryKeys.robots });
    },
    onError: (error) => void message.error(describeError(error, t)),
  });

  const robotName = (robotId: string) => robots.byId.get(robotId)?.name ?? robotId.slice(0, 8);
  const rows =
    candidates.data && robots.data
      ? awaitingReport(
          candidates.data.evaluations,
          candidates.data.reports,
          (robotId) => robots.byId.get(robotId)?.status === 'enrolled',
        )
      : [];
  const columns: TableColumnsType<Evaluation> = [
    {
      title: t('reports.robot'),
      dataIndex: 'robotId',
      render: (robotId: string) => (
        <Link to={`/robots/${robotId}`}>
          {robotName(robotId)} ({robots.byId.get(robotId)?.serialNumber ?? ''})
        </Link>
      ),
    },
    {
      title: t('evaluation.score'),
      key: 'score',
      render: (_, evaluation) =>
        t('evaluation.scoreValue', {
          score: formatNumber(evaluation.score ?? 0),
          pass: formatNumber(evaluation.passScore),
        }),
    },
    {
      title: t('standard.title'),
      key: 'standard',
      render: (_, evaluation) => (
        <>
          {t('evaluation.standardValue', { stage: t('stage.graduation'), version: evaluation.criteriaSetVersion })} ·{' '}
          <DomainName domain={evaluation.domain} />
        </>
      ),
    },
    {
      title: t('evaluation.completedAt'),
      dataIndex: 'completedAt',
      render: (iso: string | null) => <DateTime iso={iso} />,
    },
  ];
  if (issues) {
    columns.push({
      title: t('common.actions'),
      key: 'issue',
      render: (_, evaluation) => (
        <Popconfirm
          title={t('reports.issueConfirm', { name: robotName(evaluation.robotId) })}
          okButtonProps={{ 'data-testid': 'confirm-issue' }}
          onConfirm={() => issue.mutate(evaluation)}
        >
          <Button
            type="primary"
            size="small"
            loading={issue.isPending && issue.variables.id === evaluation.id}
            data-testid="issue-report"
          >
            {t('reports.issue')}
          </Button>
        </Popconfirm>
      ),
    });
  }

  const failed = candidates.isError ? candidates : robots.isError ? robots : null;
  return (
    <Card title={t('reports.awaiting')}>
      <Typography.Paragraph type="secondary">{t('reports.awaitingHint')}</Typography.Paragraph>
      {failed ? (
        <LoadError error={failed.error} onRetry={() => void failed.refetch()} />
      ) : (
        <Table<Evaluation>
          data-testid="awaiting-reports"
          size="middle"
          rowKey="id"
          pagination={false}
          loading={candidates.isPending || robots.isPending}
          dataSource={rows}
          columns={columns}
          locale={{ emptyText: t('reports.awaitingEmpty') }}
          scroll={{ x: 'max-content' }}
        />
      )}
    </Card>
  );
}

/** Every report the person may see: status, number, robot, issue time, digest; PDF, verification, revocation. */
function IssuedReports() {
  const t = useT();
  const api = useApi();
  const user = useUser();
  const { publicUrl, timeZone } = useFieldInfo();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setFilter] = useUrlFilters();
  const [revoking, setRevoking] = useState<GraduationReport | null>(null);
  const status = oneOf(REPORT_STATUSES, params.get('status'));
  const reports = useInfiniteQuery({
    queryKey: [...queryKeys.reports, 'list', { status }],
    queryFn: ({ pageParam }) => api.reports.list({ status }, pageParam),
    initialPageParam: undefined as Cursor,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const download = useMutation({
    mutationFn: async (report: GraduationReport) => ({ report, file: await api.reports.pdf(report.id) }),
    onSuccess: ({ report, file }) => {
      const name = `${report.number}.pdf`;
      saveBlob(file, name);
      void message.success(t('reports.downloaded', { file: name }));
    },
    onError: (error) => void message.error(describeError(error, t)),
  });
  const revokes = may(user.role, 'POST /api/v1/graduation-reports/:id/revoke');

  const columns: TableColumnsType<GraduationReport> = [
    {
      title: t('reports.number'),
      dataIndex: 'number',
      render: (number: string) => <Typography.Text strong>{number}</Typography.Text>,
    },
    {
      title: t('reports.status'),
      dataIndex: 'status',
      render: (value: ReportStatus, report) =>
        report.revokedAt ? (
          <Tooltip
            title={t('reports.revokedNote', {
              time: formatDateTime(report.revokedAt, timeZone),
              reason: report.revokeReason ?? '',
            })}
          >
            <span>
              <ReportStatusTag status={value} />
            </span>
          </Tooltip>
        ) : (
          <ReportStatusTag status={value} />
        ),
    },
    {
      title: t('reports.robot'),
      dataIndex: 'robotId',
      render: (robotId: string, report) => {
        const robot = documentOf(report).robot;
        return (
          <Link to={`/robots/${robotId}`}>
            {robot?.name ?? robotId.slice(0, 8)} {robot?.serialNumber ? `(${robot.serialNumber})` : ''}
          </Link>
        );
      },
    },
    { title: t('reports.issuedAt'), dataIndex: 'issuedAt', render: (iso: string) => <DateTime iso={iso} /> },
    {
      title: t('reports.digest'),
      dataIndex: 'digest',
      render: (digest: string) => (
        <Tooltip title={digest}>
          <Typography.Text code copyable={{ text: digest }} data-testid="report-digest">
            {digest.slice(0, DIGEST_SHOWN)}…
          </Typography.Text>
        </Tooltip>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, report) => {
        const verifyUrl = documentOf(report).field?.verifyUrl ?? `${publicUrl}/verify/${report.number}`;
        return (
          <Flex gap={8} align="center" wrap={false}>
            <Button
              size="small"
              icon={<FilePdfOutlined />}
              loading={download.isPending && download.variables.id === report.id}
              onClick={() => download.mutate(report)}
              data-testid="download-report"
            >
              {t('reports.pdf')}
            </Button>
            <Typography.Link
              href={`/verify/${encodeURIComponent(report.number)}`}
              target="_blank"
              rel="noreferrer"
              data-testid="verify-link"
              copyable={{ text: verifyUrl, tooltips: [t('reports.copyLink'), t('reports.copied')] }}
            >
              <LinkOutlined /> {t('reports.verify')}
            </Typography.Link>
            {revokes && report.status === 'valid' && (
              <Button size="small" danger onClick={() => setRevoking(report)} data-testid="revoke-report">
                {t('reports.revoke')}
              </Button>
            )}
          </Flex>
        );
      },
    },
  ];

  return (
    <Card
      title={t('reports.list')}
      extra={
        <Select
          allowClear
          style={{ minWidth: 140 }}
          placeholder={t('reports.status')}
          data-testid="filter-report-status"
          value={status}
          onChange={(value?: ReportStatus) => setFilter('status', value)}
          options={REPORT_STATUSES.map((value) => ({ value, label: t(`reportStatus.${value}`) }))}
        />
      }
    >
      <PagedTable query={reports} columns={columns} emptyText={t('reports.empty')} testId="reports" />
      <FormModal<{ reason: string }, GraduationReport>
        title={t('reports.revokeTitle', { number: revoking?.number ?? '' })}
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        fields={['reason']}
        okText={t('reports.revoke')}
        okDanger
        submit={({ reason }) => api.reports.revoke((revoking as GraduationReport).id, { reason })}
        onDone={(report) => {
          void message.success(t('reports.revoked', { number: report.number }));
          void queryClient.invalidateQueries({ queryKey: queryKeys.reports });
          void queryClient.invalidateQueries({ queryKey: queryKeys.evaluations });
          void queryClient.invalidateQueries({ queryKey: queryKeys.robots });
        }}
        testId="revoke-dialog"
      >
        <Alert type="warning" showIcon title={t('reports.revokeWarning')} style={{ marginBottom: 16 }} />
        <Form.Item
          name="reason"
          label={t('reports.revokeReason')}
          rules={[{ required: true, whitespace: true, max: 500 }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
