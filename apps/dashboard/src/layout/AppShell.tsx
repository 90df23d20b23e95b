import {
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  FileProtectOutlined,
  LineChartOutlined,
  RobotOutlined,
  SafetyCertificateOutlined,
  ShopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Button, Flex, Layout, Menu, Spin, Typography, theme } from 'antd';
import { Suspense, type ReactNode } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { mayOpen, type PageKey } from '../access';
import { useSession, useUser } from '../auth/session';
import { RoleTag } from '../components/labels';
import { useFieldInfo } from '../field-info';
import { useT } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { LanguageSwitch } from './LanguageSwitch';

const NAVIGATION: { page: PageKey; path: string; label: MessageKey; icon: ReactNode }[] = [
  { page: 'robots', path: '/robots', label: 'nav.robots', icon: <RobotOutlined /> },
  { page: 'schedule', path: '/schedule', label: 'nav.schedule', icon: <CalendarOutlined /> },
  { page: 'live', path: '/live', label: 'nav.live', icon: <LineChartOutlined /> },
  { page: 'standard', path: '/standard', label: 'nav.standard', icon: <SafetyCertificateOutlined /> },
  { page: 'reports', path: '/reports', label: 'nav.reports', icon: <FileProtectOutlined /> },
  { page: 'exams', path: '/exams', label: 'nav.exams', icon: <AuditOutlined /> },
  { page: 'bays', path: '/field/bays', label: 'nav.bays', icon: <ApartmentOutlined /> },
  { page: 'vendors', path: '/field/vendors', label: 'nav.vendors', icon: <ShopOutlined /> },
  { page: 'users', path: '/users', label: 'nav.users', icon: <TeamOutlined /> },
];

/** Pages behind the sign-in: without a session, to the sign-in page (and back here after it). */
export function RequireSession() {
  const { session, endReason } = useSession();
  const location = useLocation();
  if (!session) {
    // After "sign out" the next person starts afresh; otherwise they come back to where they were.
    const from = endReason === 'signed-out' ? undefined : { from: location.pathname + location.search };
    return <Navigate to="/login" replace state={from} />;
  }
  return <AppShell />;
}

function AppShell() {
  const t = useT();
  const user = useUser();
  const { logOut } = useSession();
  const { timeZone } = useFieldInfo();
  const location = useLocation();
  const { token } = theme.useToken();
  const items = NAVIGATION.filter((entry) => mayOpen(user.role, entry.page));
  const selected = items.find((entry) => location.pathname.startsWith(entry.path))?.path;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} width={208} theme="dark">
        <div style={{ padding: '18px 16px', color: '#fff', fontWeight: 600, fontSize: 15, lineHeight: 1.4 }}>
          {t('app.shortTitle')}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          data-testid="navigation"
          selectedKeys={selected ? [selected] : []}
          items={items.map((entry) => ({
            key: entry.path,
            icon: entry.icon,
            label: <Link to={entry.path}>{t(entry.label)}</Link>,
          }))}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            padding: '0 24px',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Flex justify="space-between" align="center" style={{ height: '100%' }} gap={16}>
            <Typography.Text strong ellipsis>
              {t('app.title')}
            </Typography.Text>
            <Flex align="center" gap={12} wrap={false}>
              <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                {t('header.timeZone', { timeZone })}
              </Typography.Text>
              <Typography.Text data-testid="current-user" style={{ whiteSpace: 'nowrap' }}>
                {user.name}
              </Typography.Text>
              <RoleTag role={user.role} />
              <LanguageSwitch />
              <Button size="small" onClick={() => logOut()} data-testid="sign-out">
                {t('header.logout')}
              </Button>
            </Flex>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>
          <Suspense fallback={<Spin description={t('common.loading')} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
