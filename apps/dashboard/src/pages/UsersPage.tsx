import type { Role, User } from '@app/contract';
import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Form, Input, Popconfirm, Select, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Cursor } from '../api/endpoints';
import { queryKeys, useVendors } from '../api/reference';
import { useApi, useUser } from '../auth/session';
import { describeError } from '../components/errors';
import { FormModal } from '../components/FormModal';
import { DateTime, RoleTag } from '../components/labels';
import { PagedTable } from '../components/PagedTable';
import { PageHeader } from '../components/PageHeader';
import { oneOf, ROLES } from '../enums';
import { useT } from '../i18n/i18n';

interface NewUser {
  email: string;
  name: string;
  role: Role;
  vendorId?: string;
  password: string;
}

export default function UsersPage() {
  const t = useT();
  const api = useApi();
  const me = useUser();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const vendors = useVendors();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const role = oneOf(ROLES, params.get('role'));
  const users = useInfiniteQuery({
    queryKey: [...queryKeys.users, 'list', { role }],
    queryFn: ({ pageParam }) => api.users.list({ role }, pageParam),
    initialPageParam: undefined as Cursor,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const setActive = useMutation({
    mutationFn: ({ user, active }: { user: User; active: boolean }) => api.users.update(user.id, { active }),
    onSuccess: (user) => {
      void message.success(t(user.active ? 'users.activated' : 'users.deactivated', { name: user.name }));
      void queryClient.invalidateQueries({ queryKey: queryKeys.users });
    },
    onError: (error) => void message.error(describeError(error, t)),
  });

  const columns: TableColumnsType<User> = [
    {
      title: t('users.name'),
      dataIndex: 'name',
      render: (name: string, user) => (user.id === me.id ? `${name}${t('users.you')}` : name),
    },
    { title: t('users.email'), dataIndex: 'email' },
    { title: t('users.role'), dataIndex: 'role', render: (value: Role) => <RoleTag role={value} /> },
    {
      title: t('users.vendor'),
      dataIndex: 'vendorId',
      render: (vendorId: string | null) => (vendorId && vendors.byId.get(vendorId)?.name) || t('common.none'),
    },
    {
      title: t('users.state'),
      dataIndex: 'active',
      render: (active: boolean) => (
        <Tag color={active ? 'green' : 'default'}>{t(active ? 'users.active' : 'users.inactive')}</Tag>
      ),
    },
    { title: t('common.createdAt'), dataIndex: 'createdAt', render: (iso: string) => <DateTime iso={iso} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, user: User) =>
        user.id !== me.id &&
        (user.active ? (
          <Popconfirm
            title={t('users.deactivateConfirm', { name: user.name })}
            onConfirm={() => setActive.mutate({ user, active: false })}
          >
            <Button size="small" danger>
              {t('users.deactivate')}
            </Button>
          </Popconfirm>
        ) : (
          <Button size="small" onClick={() => setActive.mutate({ user, active: true })}>
            {t('users.activate')}
          </Button>
        )),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('users.new')}
          </Button>
        }
      />
      <Card>
        <Flex gap={12} style={{ marginBottom: 16 }}>
          <Select
            allowClear
            style={{ minWidth: 180 }}
            placeholder={t('users.role')}
            value={role}
            onChange={(value?: Role) =>
              setParams((current) => {
                const next = new URLSearchParams(current);
                if (value) next.set('role', value);
                else next.delete('role');
                return next;
              })
            }
            options={ROLES.map((value) => ({ value, label: t(`role.${value}`) }))}
          />
        </Flex>
        <PagedTable query={users} columns={columns} emptyText={t('users.empty')} testId="users-table" />
      </Card>
      <FormModal<NewUser, User>
        title={t('users.new')}
        open={creating}
        onClose={() => setCreating(false)}
        fields={['email', 'name', 'role', 'vendorId', 'password']}
        submit={({ vendorId, ...body }) =>
          api.users.create({ ...body, ...(body.role === 'vendor' ? { vendorId } : {}) })
        }
        onDone={(user) => {
          void message.success(t('users.created', { name: user.name }));
          void queryClient.invalidateQueries({ queryKey: queryKeys.users });
        }}
      >
        <Form.Item name="email" label={t('users.email')} rules={[{ required: true, type: 'email' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label={t('users.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]}>
          <Select options={ROLES.map((value) => ({ value, label: t(`role.${value}`) }))} />
        </Form.Item>
        <Form.Item noStyle dependencies={['role']}>
          {({ getFieldValue }) =>
            getFieldValue('role') === 'vendor' && (
              <Form.Item name="vendorId" label={t('users.vendor')} rules={[{ required: true }]}>
                <Select options={vendors.items.map((vendor) => ({ value: vendor.id, label: vendor.name }))} />
              </Form.Item>
            )
          }
        </Form.Item>
        <Form.Item name="password" label={t('users.password')} rules={[{ required: true, min: 10 }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </FormModal>
    </>
  );
}
