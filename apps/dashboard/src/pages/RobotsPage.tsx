import type { Robot } from '@app/contract';
import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Select, type TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import { may } from '../access';
import type { Cursor } from '../api/endpoints';
import { queryKeys, useCohorts, useVendors } from '../api/reference';
import { useApi, useUser } from '../auth/session';
import { DateTime, DomainTags, RobotStatusTag } from '../components/labels';
import { PagedTable } from '../components/PagedTable';
import { PageHeader } from '../components/PageHeader';
import { DOMAINS, oneOf, ROBOT_STATUSES } from '../enums';
import { useT } from '../i18n/i18n';
import { useUrlFilters } from '../url-filters';

type FilterName = 'status' | 'domain' | 'cohortId' | 'vendorId';

export default function RobotsPage() {
  const t = useT();
  const api = useApi();
  const user = useUser();
  const navigate = useNavigate();
  const vendors = useVendors();
  const cohorts = useCohorts();
  const [params, setFilter] = useUrlFilters();
  const filters = {
    status: oneOf(ROBOT_STATUSES, params.get('status')),
    domain: oneOf(DOMAINS, params.get('domain')),
    cohortId: params.get('cohortId') ?? undefined,
    vendorId: params.get('vendorId') ?? undefined,
  };
  const robots = useInfiniteQuery({
    queryKey: [...queryKeys.robots, 'list', filters],
    queryFn: ({ pageParam }) => api.robots.list(filters, pageParam),
    initialPageParam: undefined as Cursor,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

  const columns: TableColumnsType<Robot> = [
    {
      title: t('robots.serialNumber'),
      dataIndex: 'serialNumber',
      render: (serial: string, robot) => <Link to={`/robots/${robot.id}`}>{serial}</Link>,
    },
    { title: t('robots.name'), dataIndex: 'name' },
    { title: t('robots.model'), dataIndex: 'model' },
    { title: t('robots.form'), dataIndex: 'form', render: (form: Robot['form']) => t(`form.${form}`) },
    {
      title: t('robots.domains'),
      dataIndex: 'domains',
      render: (domains: Robot['domains']) => <DomainTags domains={domains} />,
    },
    {
      title: t('robots.status'),
      dataIndex: 'status',
      render: (status: Robot['status']) => <RobotStatusTag status={status} />,
    },
    {
      title: t('robots.vendor'),
      dataIndex: 'vendorId',
      render: (vendorId: string) => vendors.byId.get(vendorId)?.name ?? t('common.none'),
    },
    {
      title: t('robots.cohort'),
      dataIndex: 'cohortId',
      render: (cohortId: string | null) => (cohortId && cohorts.byId.get(cohortId)?.name) || t('common.none'),
    },
    { title: t('common.createdAt'), dataIndex: 'createdAt', render: (iso: string) => <DateTime iso={iso} /> },
  ];

  const select = (name: FilterName, placeholder: string, options: { value: string; label: string }[]) => (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      style={{ minWidth: 180 }}
      data-testid={`filter-${name}`}
      placeholder={placeholder}
      value={filters[name]}
      onChange={(value?: string) => setFilter(name, value)}
      options={options}
    />
  );

  return (
    <>
      <PageHeader
        title={t('robots.title')}
        extra={
          may(user.role, 'POST /api/v1/robots') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/robots/new')}>
              {t('robots.register')}
            </Button>
          )
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          {select(
            'status',
            t('robots.status'),
            ROBOT_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) })),
          )}
          {select(
            'domain',
            t('robots.domains'),
            DOMAINS.map((domain) => ({ value: domain, label: t(`domain.${domain}`) })),
          )}
          {select(
            'cohortId',
            t('robots.cohort'),
            cohorts.items.map((cohort) => ({ value: cohort.id, label: cohort.name })),
          )}
          {user.role !== 'vendor' &&
            select(
              'vendorId',
              t('robots.vendor'),
              vendors.items.map((vendor) => ({ value: vendor.id, label: vendor.name })),
            )}
        </Flex>
        <PagedTable query={robots} columns={columns} emptyText={t('robots.empty')} testId="robots-table" />
      </Card>
    </>
  );
}
