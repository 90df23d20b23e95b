import type { Bay, BayMode, CreateBayBody, CreateSiteBody, Domain, Site, SiteKind } from '@app/contract';
import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Form, Input, InputNumber, Select, Switch, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { may } from '../access';
import type { Cursor } from '../api/endpoints';
import { queryKeys, useSites } from '../api/reference';
import { useApi, useUser } from '../auth/session';
import { describeError, LoadError } from '../components/errors';
import { FormModal } from '../components/FormModal';
import { BayStatusTag, DateTime } from '../components/labels';
import { PagedTable } from '../components/PagedTable';
import { PageHeader } from '../components/PageHeader';
import { BAY_MODES, DOMAINS, oneOf, SITE_KINDS } from '../enums';
import { useT } from '../i18n/i18n';

export default function BaysPage() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('nav.bays')} />
      <Flex vertical gap={16}>
        <SitesCard />
        <BaysCard />
      </Flex>
    </>
  );
}

function SitesCard() {
  const t = useT();
  const api = useApi();
  const user = useUser();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const sites = useSites();
  const [creating, setCreating] = useState(false);
  const columns: TableColumnsType<Site> = [
    { title: t('common.code'), dataIndex: 'code' },
    { title: t('common.name'), dataIndex: 'name' },
    { title: t('field.city'), dataIndex: 'city', render: (city: string | null) => city ?? t('common.none') },
    { title: t('field.kind'), dataIndex: 'kind', render: (kind: SiteKind) => t(`siteKind.${kind}`) },
    { title: t('common.createdAt'), dataIndex: 'createdAt', render: (iso: string) => <DateTime iso={iso} /> },
  ];
  return (
    <Card
      title={t('field.sites')}
      extra={
        may(user.role, 'POST /api/v1/sites') && (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('field.newSite')}
          </Button>
        )
      }
    >
      {sites.isError ? (
        <LoadError error={sites.error} onRetry={() => void sites.refetch()} />
      ) : (
        <Table<Site>
          data-testid="sites-table"
          rowKey="id"
          size="middle"
          loading={sites.isPending}
          columns={columns}
          dataSource={sites.items}
          locale={{ emptyText: t('field.sitesEmpty') }}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
        />
      )}
      <FormModal<CreateSiteBody, Site>
        title={t('field.newSite')}
        open={creating}
        onClose={() => setCreating(false)}
        fields={['code', 'name', 'city', 'kind']}
        submit={(body) => api.sites.create({ ...body, city: body.city?.trim() || undefined })}
        onDone={(site) => {
          void message.success(t('field.siteCreated', { name: site.name }));
          void queryClient.invalidateQueries({ queryKey: queryKeys.sites });
        }}
      >
        <Form.Item name="code" label={t('common.code')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="city" label={t('field.city')}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="kind" label={t('field.kind')} rules={[{ required: true }]}>
          <Select options={SITE_KINDS.map((kind) => ({ value: kind, label: t(`siteKind.${kind}`) }))} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}

function BaysCard() {
  const t = useT();
  const api = useApi();
  const user = useUser();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const sites = useSites();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const filters = {
    siteId: params.get('siteId') ?? undefined,
    domain: oneOf(DOMAINS, params.get('domain')),
    mode: oneOf(BAY_MODES, params.get('mode')),
  };
  const bays = useInfiniteQuery({
    queryKey: [...queryKeys.bays, 'list', filters],
    queryFn: ({ pageParam }) => api.bays.list(filters, pageParam),
    initialPageParam: undefined as Cursor,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const setStatus = useMutation({
    mutationFn: ({ bay, maintenance }: { bay: Bay; maintenance: boolean }) =>
      api.bays.update(bay.id, { status: maintenance ? 'maintenance' : 'open' }),
    onSuccess: (bay) => {
      void message.success(
        t(bay.status === 'maintenance' ? 'field.maintenanceOn' : 'field.maintenanceOff', { name: bay.name }),
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.bays });
    },
    onError: (error) => void message.error(describeError(error, t)),
  });
  const togglesMaintenance = may(user.role, 'PATCH /api/v1/bays/:id');

  const setFilter = (name: keyof typeof filters, value: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  const columns: TableColumnsType<Bay> = [
    { title: t('common.code'), dataIndex: 'code' },
    { title: t('common.name'), dataIndex: 'name' },
    {
      title: t('field.site'),
      dataIndex: 'siteId',
      render: (siteId: string) => sites.byId.get(siteId)?.name ?? t('common.none'),
    },
    { title: t('field.domain'), dataIndex: 'domain', render: (domain: Domain) => t(`domain.${domain}`) },
    { title: t('field.mode'), dataIndex: 'mode', render: (mode: BayMode) => t(`bayMode.${mode}`) },
    { title: t('field.capacity'), dataIndex: 'capacity' },
    {
      title: t('field.status'),
      dataIndex: 'status',
      render: (status: Bay['status']) => <BayStatusTag status={status} />,
    },
    ...(togglesMaintenance
      ? [
          {
            title: t('field.maintenance'),
            key: 'maintenance',
            render: (_: unknown, bay: Bay) => (
              <Switch
                size="small"
                aria-label={`${t('field.maintenance')} ${bay.code}`}
                checked={bay.status === 'maintenance'}
                loading={setStatus.isPending && setStatus.variables.bay.id === bay.id}
                onChange={(maintenance) => setStatus.mutate({ bay, maintenance })}
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={t('field.bays')}
      extra={
        may(user.role, 'POST /api/v1/bays') && (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('field.newBay')}
          </Button>
        )
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          style={{ minWidth: 180 }}
          placeholder={t('field.site')}
          value={filters.siteId}
          onChange={(value?: string) => setFilter('siteId', value)}
          options={sites.items.map((site) => ({ value: site.id, label: site.name }))}
        />
        <Select
          allowClear
          style={{ minWidth: 180 }}
          placeholder={t('field.domain')}
          value={filters.domain}
          onChange={(value?: string) => setFilter('domain', value)}
          options={DOMAINS.map((domain) => ({ value: domain, label: t(`domain.${domain}`) }))}
        />
        <Select
          allowClear
          style={{ minWidth: 140 }}
          placeholder={t('field.mode')}
          value={filters.mode}
          onChange={(value?: string) => setFilter('mode', value)}
          options={BAY_MODES.map((mode) => ({ value: mode, label: t(`bayMode.${mode}`) }))}
        />
      </Flex>
      <PagedTable query={bays} columns={columns} emptyText={t('field.baysEmpty')} testId="bays-table" />
      <FormModal<CreateBayBody, Bay>
        title={t('field.newBay')}
        open={creating}
        onClose={() => setCreating(false)}
        fields={['siteId', 'code', 'name', 'domain', 'mode', 'capacity']}
        initialValues={{ capacity: 1, mode: 'physical', siteId: filters.siteId }}
        submit={api.bays.create}
        onDone={(bay) => {
          void message.success(t('field.bayCreated', { name: bay.name }));
          void queryClient.invalidateQueries({ queryKey: queryKeys.bays });
        }}
      >
        <Form.Item name="siteId" label={t('field.site')} rules={[{ required: true }]}>
          <Select options={sites.items.map((site) => ({ value: site.id, label: site.name }))} />
        </Form.Item>
        <Form.Item name="code" label={t('common.code')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="domain" label={t('field.domain')} rules={[{ required: true }]}>
          <Select options={DOMAINS.map((domain) => ({ value: domain, label: t(`domain.${domain}`) }))} />
        </Form.Item>
        <Form.Item name="mode" label={t('field.mode')} rules={[{ required: true }]}>
          <Select options={BAY_MODES.map((mode) => ({ value: mode, label: t(`bayMode.${mode}`) }))} />
        </Form.Item>
        <Form.Item name="capacity" label={t('field.capacity')} rules={[{ required: true }]}>
          <InputNumber min={1} max={1000} precision={0} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
