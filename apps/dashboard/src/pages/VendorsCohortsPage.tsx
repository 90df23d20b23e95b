import type { Cohort, CreateVendorBody, Vendor } from '@app/contract';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Form, Input, Row, Table, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { may } from '../access';
import { queryKeys, useCohorts, useVendors } from '../api/reference';
import { useApi, useUser } from '../auth/session';
import { LoadError } from '../components/errors';
import { FormModal } from '../components/FormModal';
import { DateTime } from '../components/labels';
import { PageHeader } from '../components/PageHeader';
import { useT } from '../i18n/i18n';

export default function VendorsCohortsPage() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('nav.vendors')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <VendorsCard />
        </Col>
        <Col xs={24} xl={12}>
          <CohortsCard />
        </Col>
      </Row>
    </>
  );
}

function ReferenceTable<Item extends { id: string }>(props: {
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown; items: Item[] };
  columns: TableColumnsType<Item>;
  emptyText: string;
  testId: string;
}): ReactNode {
  const { query } = props;
  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <Table<Item>
      data-testid={props.testId}
      rowKey="id"
      size="middle"
      loading={query.isPending}
      columns={props.columns}
      dataSource={query.items}
      locale={{ emptyText: props.emptyText }}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
    />
  );
}

function VendorsCard() {
  const t = useT();
  const api = useApi();
  const user = useUser();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const vendors = useVendors();
  const [creating, setCreating] = useState(false);
  return (
    <Card
      title={t('field.vendors')}
      extra={
        may(user.role, 'POST /api/v1/vendors') && (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('field.newVendor')}
          </Button>
        )
      }
    >
      <ReferenceTable<Vendor>
        testId="vendors-table"
        query={vendors}
        emptyText={t('field.vendorsEmpty')}
        columns={[
          { title: t('common.name'), dataIndex: 'name' },
          {
            title: t('field.country'),
            dataIndex: 'country',
            render: (country: string | null) => country ?? t('common.none'),
          },
          { title: t('common.createdAt'), dataIndex: 'createdAt', render: (iso: string) => <DateTime iso={iso} /> },
        ]}
      />
      <FormModal<CreateVendorBody, Vendor>
        title={t('field.newVendor')}
        open={creating}
        onClose={() => setCreating(false)}
        fields={['name', 'country']}
        submit={(body) => api.vendors.create({ ...body, country: body.country?.trim() || undefined })}
        onDone={(vendor) => {
          void message.success(t('field.vendorCreated', { name: vendor.name }));
          void queryClient.invalidateQueries({ queryKey: queryKeys.vendors });
        }}
      >
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="country" label={t('field.country')}>
          <Input maxLength={80} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}

function CohortsCard() {
  const t = useT();
  const api = useApi();
  const user = useUser();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const cohorts = useCohorts();
  const [creating, setCreating] = useState(false);
  return (
    <Card
      title={t('field.cohorts')}
      extra={
        may(user.role, 'POST /api/v1/cohorts') && (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('field.newCohort')}
          </Button>
        )
      }
    >
      <ReferenceTable<Cohort>
        testId="cohorts-table"
        query={cohorts}
        emptyText={t('field.cohortsEmpty')}
        columns={[
          { title: t('common.name'), dataIndex: 'name' },
          // A calendar date, not a moment: shown as stored, in no time zone.
          { title: t('field.startsOn'), dataIndex: 'startsOn' },
          { title: t('common.createdAt'), dataIndex: 'createdAt', render: (iso: string) => <DateTime iso={iso} /> },
        ]}
      />
      <FormModal<{ name: string; startsOn: Dayjs }, Cohort>
        title={t('field.newCohort')}
        open={creating}
        onClose={() => setCreating(false)}
        fields={['name', 'startsOn']}
        submit={({ name, startsOn }) => api.cohorts.create({ name, startsOn: startsOn.format('YYYY-MM-DD') })}
        onDone={(cohort) => {
          void message.success(t('field.cohortCreated', { name: cohort.name }));
          void queryClient.invalidateQueries({ queryKey: queryKeys.cohorts });
        }}
      >
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="startsOn" label={t('field.startsOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
