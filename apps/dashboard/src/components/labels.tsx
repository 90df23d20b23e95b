import type {
  BayStatus,
  CriteriaSetStatus,
  Domain,
  Evaluation,
  ExamStatus,
  ReportStatus,
  RobotStatus,
  Role,
} from '@app/contract';
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

/** A criteria set's domain; null means the set applies to every domain. */
export function DomainName({ domain }: { domain: Domain | null }) {
  const t = useT();
  return <>{domain ? t(`domain.${domain}`) : t('standard.everyDomain')}</>;
}

const SET_COLORS: Record<CriteriaSetStatus, string> = { draft: 'gold', active: 'green', superseded: 'default' };

export function CriteriaSetStatusTag({ status }: { status: CriteriaSetStatus }) {
  const t = useT();
  return (
    <Tag color={SET_COLORS[status]} data-set-status={status}>
      {t(`criteriaSetStatus.${status}`)}
    </Tag>
  );
}

/** Where an evaluation stands: its outcome once completed, else its progress (or the job's failure). */
export function EvaluationTag({ evaluation }: { evaluation: Pick<Evaluation, 'status' | 'passed'> }) {
  const t = useT();
  const { status, passed } = evaluation;
  if (status === 'completed') {
    return (
      <Tag color={passed ? 'green' : 'red'} data-outcome={passed ? 'passed' : 'failed'}>
        {t(passed ? 'evaluation.passed' : 'evaluation.failed')}
      </Tag>
    );
  }
  const color = { queued: 'default', running: 'processing', failed: 'orange' }[status];
  return (
    <Tag color={color} data-outcome={status}>
      {t(`evaluationStatus.${status}`)}
    </Tag>
  );
}

export function ReportStatusTag({ status }: { status: ReportStatus }) {
  const t = useT();
  return (
    <Tag color={status === 'valid' ? 'green' : 'red'} data-report-status={status}>
      {t(`reportStatus.${status}`)}
    </Tag>
  );
}

const EXAM_COLORS: Record<ExamStatus, string> = {
  open: 'processing',
  passed: 'green',
  failed: 'red',
  inconclusive: 'orange',
};

export function ExamStatusTag({ status }: { status: ExamStatus }) {
  const t = useT();
  return (
    <Tag color={EXAM_COLORS[status]} data-exam-status={status}>
      {t(`examStatus.${status}`)}
    </Tag>
  );
}
