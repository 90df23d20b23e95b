import type { BayStatus, Domain, RobotStatus, Role } from '@app/contract';
import { Tag } from 'antd';
import { useT } from '../i18n/i18n';
import { useFieldInfo } from '../field-info';
import { formatDateTime } from '../format';

const STATUS_COLORS: Record<RobotStatus, string> = {
  applied: 'gold',
  enrolled: 'blue',
  rejected: 'red',
  graduated: 'green',
  withdrawn: 'default',
};

export function RobotStatusTag({ status }: { status: RobotStatus }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLORS[status]} data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}

export function DomainTags({ domains }: { domains: readonly Domain[] }) {
  const t = useT();
  return (
    <>
      {domains.map((domain) => (
        <Tag key={domain}>{t(`domain.${domain}`)}</Tag>
      ))}
    </>
  );
}

export function RoleTag({ role }: { role: Role }) {
  const t = useT();
  const color = { admin: 'magenta', operator: 'blue', engineer: 'cyan', vendor: 'purple' }[role];
  return (
    <Tag color={color} data-role={role}>
      {t(`role.${role}`)}
    </Tag>
  );
}

export function BayStatusTag({ status }: { status: BayStatus }) {
  const t = useT();
  return <Tag color={status === 'open' ? 'green' : 'orange'}>{t(`bayStatus.${status}`)}</Tag>;
}

/** A timestamp on the field's wall clock. */
export function DateTime({ iso }: { iso: string | null | undefined }) {
  const { timeZone } = useFieldInfo();
  const t = useT();
  if (!iso) return <>{t('common.none')}</>;
  return <time dateTime={iso}>{formatDateTime(iso, timeZone)}</time>;
}
