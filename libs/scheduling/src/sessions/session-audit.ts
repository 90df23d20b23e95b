import type { Session } from '@app/contract';
import type { AuditRecord } from '@app/platform';

export function creationAudit(session: Session): AuditRecord {
  return { action: 'session.create', entity: 'session', entityId: session.id, after: auditView(session) };
}

/** What the audit trail keeps of a session. */
export function auditView(session: Session): Record<string, unknown> {
  return {
    bayId: session.bayId,
    robotIds: session.robotIds,
    kind: session.kind,
    taskKeys: session.taskKeys,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    status: session.status,
  };
}
