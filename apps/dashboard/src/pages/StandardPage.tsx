import type { CriteriaSet } from '@app/contract';
import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Select, type TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import { may } from '../access';
import type { Cursor } from '../api/endpoints';
import { queryKeys } from '../api/reference';
import { useApi, useUser } from '../auth/session';
import { CriteriaSetStatusTag, DateTime, DomainName } from '../components/labels';
import { PagedTable } from '../components/PagedTable';
import { PageHeader } from '../components/PageHeader';
import { CRITERIA_SET_STATUSES, DOMAINS, oneOf, STAGES } from '../enums';
import { formatNumber } from '../format';
import { useT } from '../i18n/i18n';
import { useUrlFilters } from '../url-filters';

type FilterName = 'stage' | 'domain' | 'status';

/** The criteria sets of the admission–graduation standard: active, superseded and draft versions. */
export default function StandardPage() {
  const t = useT();
  const api = useApi();
  const user = useUser();
  const navigate = useNavigate();
  const [params, setFilter] = useUrlFilters();
  const filters = {
    stage: oneOf(STAGES, params.get('stage')),
    domain: oneOf(DOMAINS, params.get('domain')),
    status: oneOf(CRITERIA_SET_STATUSES, params.get('status')),
  };
  const sets = useInfiniteQuery({
    queryKey: [...queryKeys.criteriaSets, 'list', filters],
    queryFn: ({ pageParam }) => api.criteriaSets.list(filters, pageParam),
    initialPageParam: undefined as Cursor,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const edits = may(user.role, 'POST /api/v1/criteria-sets');

  const select = (name: FilterName, placeholder: string, options: { value: string; label: string }[]) => (
    <Select
      allowClear
      style={{ minWidth: 180 }}
      data-testid={`filter-${name}`}
      placeholder={placeholder}
      value={filters[name]}
      onChange={(value?: string) => setFilter(name, value)}
      options={options}
    />
  );

  const columns: TableColumnsType<CriteriaSet> = [
    {
      title: t('standard.name'),
      dataIndex: 'name',
      render: (name: string, set) => <Link to={`/standard/${set.id}`}>{name}</Link>,
    },
    { title: t('standard.stage'), dataIndex: 'stage', render: (stage: CriteriaSet['stage']) => t(`stage.${stage}`) },
    {
      title: t('standard.domain'),
      dataIndex: 'domain',
      render: (domain: CriteriaSet['domain']) => <DomainName domain={domain} />,
    },
    { title: t('standard.version'), dataIndex: 'version', render: (version: number) => `v${version}` },
    {
      title: t('standard.status'),
      dataIndex: 'status',
      render: (status: CriteriaSet['status']) => <CriteriaSetStatusTag status={status} />,
    },
    { title: t('standard.passScore'), dataIndex: 'passScore', align: 'right', render: formatNumber },
    {
      title: t('standard.criteriaCount'),
      dataIndex: 'criteria',
      align: 'right',
      render: (criteria: CriteriaSet['criteria']) => criteria.length,
    },
    {
      title: t('standard.publishedAt'),
      dataIndex: 'publishedAt',
      render: (iso: string | null) => <DateTime iso={iso} />,
    },
    { title: t('common.updatedAt'), dataIndex: 'updatedAt', render: (iso: string) => <DateTime iso={iso} /> },
  ];

  return (
    <>
      <PageHeader
        title={t('standard.title')}
        extra={
          edits && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/standard/new')}>
              {t('standard.new')}
            </Button>
          )
        }
      />
      <Card>
        {!edits && <Alert type="info" showIcon title={t('standard.readOnly')} style={{ marginBottom: 16 }} />}
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          {select(
            'stage',
            t('standard.stage'),
            STAGES.map((stage) => ({ value: stage, label: t(`stage.${stage}`) })),
          )}
          {select(
            'domain',
            t('standard.domain'),
            DOMAINS.map((domain) => ({ value: domain, label: t(`domain.${domain}`) })),
          )}
          {select(
            'status',
            t('standard.status'),
            CRITERIA_SET_STATUSES.map((status) => ({ value: status, label: t(`criteriaSetStatus.${status}`) })),
          )}
        </Flex>
        <PagedTable query={sets} columns={columns} emptyText={t('standard.empty')} testId="criteria-sets" />
      </Card>
    </>
  );
}
