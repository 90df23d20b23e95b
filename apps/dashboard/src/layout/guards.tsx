import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Link, useRouteError } from 'react-router';
import { may, mayOpen, type PageKey, type RouteKey } from '../access';
import { useUser } from '../auth/session';
import { describeError } from '../components/errors';
import { useT } from '../i18n/i18n';

/** A page the role may not open says so (the server refuses its calls anyway). */
export function RequirePage({ page, action, children }: { page?: PageKey; action?: RouteKey; children: ReactNode }) {
  const user = useUser();
  const t = useT();
  const allowed = (!page || mayOpen(user.role, page)) && (!action || may(user.role, action));
  if (allowed) return <>{children}</>;
  return <Result status="403" title="403" subTitle={t('common.noAccess')} extra={<HomeButton />} />;
}

export function NotFoundPage() {
  const t = useT();
  return <Result status="404" title="404" subTitle={t('common.notFound')} extra={<HomeButton />} />;
}

function HomeButton() {
  const t = useT();
  return (
    <Link to="/robots">
      <Button type="primary">{t('common.home')}</Button>
    </Link>
  );
}

/**
 * A page that failed to render, or whose code could not be fetched (a release replaced it while
 * this tab was open): say so inside the shell, and offer a reload.
 */
export function PageError() {
  const t = useT();
  const error = useRouteError();
  return (
    <Result
      status="warning"
      title={t('error.pageFailed')}
      subTitle={describeError(error, t)}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('common.reload')}
        </Button>
      }
    />
  );
}
