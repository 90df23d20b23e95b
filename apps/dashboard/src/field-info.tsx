import type { FieldInfo } from '@app/contract';
import { useQuery } from '@tanstack/react-query';
import { Button, Result, Spin } from 'antd';
import { createContext, useContext, type ReactNode } from 'react';
import { queryKeys } from './api/query-keys';
import { useApi } from './auth/session';
import { describeError } from './components/errors';
import { useT } from './i18n/i18n';

const FieldInfoContext = createContext<FieldInfo | null>(null);

/** Loads what the field tells everyone (its time zone above all) before showing any page. */
export function FieldInfoGate({ children }: { children: ReactNode }) {
  const api = useApi();
  const t = useT();
  const info = useQuery({ queryKey: queryKeys.fieldInfo, queryFn: api.fieldInfo, staleTime: Infinity });
  if (info.data) return <FieldInfoContext.Provider value={info.data}>{children}</FieldInfoContext.Provider>;
  if (info.error) {
    return (
      <Result
        status="warning"
        title={t('error.loadFailed')}
        subTitle={describeError(info.error, t)}
        extra={
          <Button type="primary" onClick={() => void info.refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  return <Spin size="large" fullscreen description={t('common.loading')} />;
}

export function useFieldInfo(): FieldInfo {
  const info = useContext(FieldInfoContext);
  if (!info) throw new Error('useFieldInfo outside FieldInfoGate');
  return info;
}
