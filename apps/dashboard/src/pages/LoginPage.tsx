import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../auth/session';
import { ProblemAlert } from '../components/errors';
import { useT } from '../i18n/i18n';
import { LanguageSwitch } from '../layout/LanguageSwitch';

interface Credentials {
  email: string;
  password: string;
}

export default function LoginPage() {
  const t = useT();
  const { session, endReason, api, signIn } = useSession();
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/robots';
  const login = useMutation({
    mutationFn: api.login,
    onSuccess: signIn,
  });

  // Signed in (just now, or still from before): on to where the person was going.
  if (session) return <Navigate to={from} replace />;

  return (
    <Flex justify="center" align="center" style={{ minHeight: '100vh', background: '#f0f2f5', padding: 16 }}>
      <Card style={{ width: 400, maxWidth: '100%' }}>
        <Flex justify="space-between" align="start" gap={8}>
          <div>
            <Typography.Title level={3} style={{ marginTop: 0 }}>
              {t('app.title')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
          </div>
          <LanguageSwitch />
        </Flex>
        {endReason === 'expired' && !login.isError && (
          <Alert type="warning" showIcon title={t('login.expired')} style={{ marginBottom: 16 }} />
        )}
        {login.isError && (
          <div style={{ marginBottom: 16 }}>
            <ProblemAlert error={login.error} />
          </div>
        )}
        <Form<Credentials> layout="vertical" onFinish={(values) => login.mutate(values)} requiredMark={false}>
          <Form.Item name="email" label={t('login.email')} rules={[{ required: true }]}>
            <Input type="email" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
