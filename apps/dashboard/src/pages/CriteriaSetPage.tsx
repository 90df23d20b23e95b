import type { CriteriaSet, Criterion, Domain, MetricCatalogEntry, Stage } from '@app/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Skeleton,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { may } from '../access';
import { everyPage, PAGE_SIZE, queryKeys } from '../api/reference';
import { useApi, useUser } from '../auth/session';
import { describeError, LoadError, ProblemAlert, showFieldErrors } from '../components/errors';
import { CriteriaSetStatusTag, DateTime, DomainName } from '../components/labels';
import { PageHeader } from '../components/PageHeader';
import { DOMAINS, STAGES } from '../enums';
import { formatNumber } from '../format';
import { useT } from '../i18n/i18n';
import { BLANK_CRITERION, CRITERION_FIELDS, CriteriaEditor, type CriterionValues } from '../standard/CriteriaEditor';

/** The domain select's stand-in for `null`: a set for every domain. */
const EVERY = 'every';
type DomainChoice = Domain | typeof EVERY;

interface SetValues {
  name: string;
  stage: Stage;
  domain: DomainChoice;
  passScore: number;
  criteria: CriterionValues[];
}

const FIELDS = ['name', 'stage', 'domain', 'passScore', 'criteria', ...CRITERION_FIELDS];

const detailKey = (id: string) => [...queryKeys.criteriaSets, 'detail', id];

function valuesOf(set: CriteriaSet | undefined): Partial<SetValues> {
  if (!set)
    return { stage: 'graduation', domain: EVERY, passScore: 75, criteria: [{ ...BLANK_CRITERION } as CriterionValues] };
  return {
    name: set.name,
    stage: set.stage,
    domain: set.domain ?? EVERY,
    passScore: set.passScore,
    criteria: set.criteria.map((criterion) => ({ ...criterion })),
  };
}

function useMetricCatalog() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.metricCatalog, queryFn: api.metricCatalog, staleTime: Infinity });
}

/** `/standard/new` (optionally `?from=<id>`, a new version of that set) and `/standard/:id`. */
export default function CriteriaSetPage() {
  const { id } = useParams();
  return id ? <ExistingSet id={id} /> : <NewSet />;
}

function NewSet() {
  const api = useApi();
  const [params] = useSearchParams();
  const from = params.get('from');
  const template = useQuery({
    queryKey: detailKey(from ?? ''),
    queryFn: () => api.criteriaSets.get(from ?? ''),
    enabled: from !== null,
  });
  const catalog = useMetricCatalog();
  if (template.isError) return <LoadError error={template.error} onRetry={() => void template.refetch()} />;
  if (catalog.isError) return <LoadError error={catalog.error} onRetry={() => void catalog.refetch()} />;
  if ((from && template.isPending) || catalog.isPending) return <Skeleton active />;
  return <DraftEditor template={template.data} catalog={catalog.data.items} />;
}

function ExistingSet({ id }: { id: string }) {
  const api = useApi();
  const user = useUser();
  const set = useQuery({ queryKey: detailKey(id), queryFn: () => api.criteriaSets.get(id) });
  const edits = may(user.role, 'PATCH /api/v1/criteria-sets/:id') && set.data?.status === 'draft';
  const catalog = useMetricCatalog();
  if (set.isError) return <LoadError error={set.error} onRetry={() => void set.refetch()} />;
  if (set.isPending) return <Skeleton active />;
  if (!edits) return <SetView set={set.data} />;
  if (catalog.isError) return <LoadError error={catalog.error} onRetry={() => void catalog.refetch()} />;
  if (catalog.isPending) return <Skeleton active />;
  // A new key gives the editor a fresh form once the set it shows has changed on the field (after a save).
  return <DraftEditor key={set.data.updatedAt} set={set.data} catalog={catalog.data.items} />;
}

/** A draft being written: a new one (maybe from a template) or one already stored. */
function DraftEditor({
  set,
  template,
  catalog,
}: {
  set?: CriteriaSet;
  template?: CriteriaSet;
  catalog: readonly MetricCatalogEntry[];
}) {
  const t = useT();
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<SetValues>();
  const [dirty, setDirty] = useState(false);
  const [unplaced, setUnplaced] = useState<{ field: string; message: string }[]>([]);
  const stage = Form.useWatch('stage', form) ?? set?.stage ?? template?.stage ?? 'graduation';
  const usable = catalog.filter((entry) => entry.stages.includes(stage));
  const refreshLists = () => void queryClient.invalidateQueries({ queryKey: queryKeys.criteriaSets });

  const save = useMutation({
    mutationFn: ({ domain, stage: chosenStage, ...values }: SetValues) => {
      const criteria = values.criteria.map((criterion) => ({ ...criterion, required: criterion.required ?? false }));
      return set
        ? api.criteriaSets.update(set.id, { name: values.name, passScore: values.passScore, criteria })
        : api.criteriaSets.create({
            ...values,
            criteria,
            stage: chosenStage,
            domain: domain === EVERY ? null : domain,
          });
    },
    onSuccess: (saved) => {
      setUnplaced([]);
      setDirty(false);
      queryClient.setQueryData(detailKey(saved.id), saved);
      refreshLists();
      if (set) void message.success(t('standard.saved'));
      else {
        void message.success(t('standard.created', { version: saved.version }));
        void navigate(`/standard/${saved.id}`, { replace: true });
      }
    },
    onError: (error) => setUnplaced(showFieldErrors(form, FIELDS, error)),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.criteriaSets.remove(id),
    onSuccess: () => {
      void message.success(t('standard.deleted'));
      refreshLists();
      void navigate('/standard', { replace: true });
    },
    onError: (error) => void message.error(describeError(error, t)),
  });
  const publish = useMutation({
    mutationFn: (id: string) => api.criteriaSets.publish(id),
    onSuccess: (published) => {
      void message.success(t('standard.published', { name: published.name, version: published.version }));
      queryClient.setQueryData(detailKey(published.id), published);
      refreshLists();
    },
    onError: (error) => void message.error(describeError(error, t)),
  });

  /** Publishing supersedes the active set of the same line: say which before asking. */
  async function confirmPublish(draft: CriteriaSet) {
    let active: CriteriaSet | undefined;
    try {
      const actives = await everyPage((cursor) =>
        api.criteriaSets.list({ stage: draft.stage, status: 'active' }, cursor, PAGE_SIZE),
      );
      active = actives.find((candidate) => candidate.domain === draft.domain);
    } catch (error) {
      void message.error(describeError(error, t));
      return;
    }
    const line = {
      stage: t(`stage.${draft.stage}`),
      domain: draft.domain ? t(`domain.${draft.domain}`) : t('standard.everyDomain'),
    };
    modal.confirm({
      title: t('standard.publishTitle', { name: draft.name }),
      content: (
        <>
          <p data-testid="publish-supersedes">
            {active
              ? t('standard.publishSupersedes', { ...line, version: active.version })
              : t('standard.publishFirst', line)}
          </p>
          <p>{t('standard.publishFinal')}</p>
        </>
      ),
      okText: t('standard.publish'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'confirm-publish' },
      onOk: () => publish.mutateAsync(draft.id).catch(() => undefined),
    });
  }

  const title = set ? (
    <Flex align="center" gap={12}>
      <span data-testid="set-name">{set.name}</span>
      <Tag>v{set.version}</Tag>
      <CriteriaSetStatusTag status={set.status} />
    </Flex>
  ) : (
    t('standard.newTitle')
  );

  return (
    <>
      <PageHeader
        title={title}
        extra={
          <>
            <Link to="/standard">
              <Button>{t('standard.back')}</Button>
            </Link>
            {set && (
              <Popconfirm title={t('standard.deleteConfirm')} onConfirm={() => remove.mutate(set.id)}>
                <Button danger loading={remove.isPending} data-testid="delete-set">
                  {t('standard.delete')}
                </Button>
              </Popconfirm>
            )}
            <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="save-set">
              {t('standard.save')}
            </Button>
            {set && (
              <Tooltip title={dirty ? t('standard.saveFirst') : undefined}>
                <Button
                  disabled={dirty}
                  loading={publish.isPending}
                  onClick={() => void confirmPublish(set)}
                  data-testid="publish-set"
                >
                  {t('standard.publish')}
                </Button>
              </Tooltip>
            )}
          </>
        }
      />
      <Card>
        {save.isError && (
          <div style={{ marginBottom: 16 }}>
            <ProblemAlert error={save.error} unplaced={unplaced} />
          </div>
        )}
        <Form<SetValues>
          form={form}
          layout="vertical"
          initialValues={valuesOf(set ?? template)}
          onValuesChange={() => setDirty(true)}
          onFinish={(values) => save.mutate(values)}
          data-testid="criteria-set-form"
        >
          <Flex wrap gap={16}>
            <Form.Item
              name="name"
              label={t('standard.name')}
              rules={[{ required: true, whitespace: true, max: 200 }]}
              style={{ minWidth: 320, flex: 1 }}
            >
              <Input />
            </Form.Item>
            <Form.Item
              name="stage"
              label={t('standard.stage')}
              rules={[{ required: true }]}
              tooltip={set ? t('standard.fixedLine') : undefined}
            >
              <Select
                disabled={!!set}
                style={{ width: 140 }}
                options={STAGES.map((value) => ({ value, label: t(`stage.${value}`) }))}
              />
            </Form.Item>
            <Form.Item
              name="domain"
              label={t('standard.domain')}
              rules={[{ required: true }]}
              tooltip={set ? t('standard.fixedLine') : undefined}
            >
              <Select
                disabled={!!set}
                style={{ width: 200 }}
                options={[
                  { value: EVERY, label: t('standard.everyDomain') },
                  ...DOMAINS.map((value) => ({ value, label: t(`domain.${value}`) })),
                ]}
              />
            </Form.Item>
            <Form.Item name="passScore" label={t('standard.passScore')} rules={[{ required: true }]}>
              <InputNumber min={0} max={100} style={{ width: 120 }} />
            </Form.Item>
          </Flex>
          {stage === 'admission' && (
            <Typography.Paragraph type="secondary">{t('standard.admissionSpecsOnly')}</Typography.Paragraph>
          )}
          <Typography.Title level={5}>{t('standard.criteria')}</Typography.Title>
          <CriteriaEditor catalog={usable} />
        </Form>
      </Card>
    </>
  );
}

/** A set as it stands: published sets never change, and only admins change drafts. */
function SetView({ set }: { set: CriteriaSet }) {
  const t = useT();
  const user = useUser();
  const navigate = useNavigate();
  const admin = may(user.role, 'POST /api/v1/criteria-sets');
  return (
    <>
      <PageHeader
        title={
          <Flex align="center" gap={12}>
            <span data-testid="set-name">{set.name}</span>
            <Tag>v{set.version}</Tag>
            <CriteriaSetStatusTag status={set.status} />
          </Flex>
        }
        extra={
          <>
            <Link to="/standard">
              <Button>{t('standard.back')}</Button>
            </Link>
            {admin && (
              <Button onClick={() => void navigate(`/standard/new?from=${set.id}`)} data-testid="copy-set">
                {t('standard.copy')}
              </Button>
            )}
          </>
        }
      />
      <Flex vertical gap={16}>
        <Alert
          type="info"
          showIcon
          data-testid="set-read-only"
          title={admin ? t('standard.publishedNote') : t('standard.readOnly')}
        />
        <Card>
          <Descriptions
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'stage', label: t('standard.stage'), children: t(`stage.${set.stage}`) },
              { key: 'domain', label: t('standard.domain'), children: <DomainName domain={set.domain} /> },
              { key: 'passScore', label: t('standard.passScore'), children: formatNumber(set.passScore) },
              { key: 'created', label: t('common.createdAt'), children: <DateTime iso={set.createdAt} /> },
              { key: 'published', label: t('standard.publishedAt'), children: <DateTime iso={set.publishedAt} /> },
              { key: 'superseded', label: t('standard.supersededAt'), children: <DateTime iso={set.supersededAt} /> },
            ]}
          />
        </Card>
        <Card title={t('standard.criteria')}>
          <Table<Criterion>
            data-testid="criteria"
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={set.criteria}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('standard.key'), dataIndex: 'key' },
              {
                title: t('standard.dimension'),
                dataIndex: 'dimension',
                render: (dimension: Criterion['dimension']) => t(`dimension.${dimension}`),
              },
              {
                title: t('standard.metric'),
                dataIndex: 'metric',
                render: (metric: string) => <Typography.Text code>{metric}</Typography.Text>,
              },
              {
                title: t('criterion.requirement'),
                key: 'requirement',
                render: (_, criterion) => `${t(`criterionOp.${criterion.op}`)} ${formatNumber(criterion.threshold)}`,
              },
              { title: t('standard.weight'), dataIndex: 'weight', align: 'right', render: formatNumber },
              {
                title: t('standard.required'),
                dataIndex: 'required',
                render: (required: boolean) => t(required ? 'common.yes' : 'common.no'),
              },
            ]}
          />
        </Card>
      </Flex>
    </>
  );
}
