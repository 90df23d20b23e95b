import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditEntry, ListAuditQuery, Page } from '@app/contract';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { decodeCursor, invalidCursor, toPage } from '../http/pagination';
import { RequestContext } from '../http/request-context';
import { AuditLogEntity } from './audit-log.entity';
import { summarize } from './audit-summary';

export interface AuditRecord {
  action: string;
  entity: string;
  entityId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  details?: Record<string, unknown>;
  /** Defaults to the signed-in actor of the current request. */
  actor?: Pick<Actor, 'id' | 'role'> | null;
  /** Default to the current request's; given when one statement records changes of several requests. */
  requestId?: string | null;
  ip?: string | null;
}

/**
 * The audit trail. Pass the transaction's EntityManager so an entry commits or rolls back with
 * the change it describes.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  record(record: AuditRecord, manager: EntityManager = this.dataSource.manager): Promise<void> {
    return this.recordMany([record], manager);
  }

  /** Several entries in one statement (a recurring series books up to 100 sessions at once). */
  async recordMany(records: readonly AuditRecord[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (records.length === 0) return;
    const context = RequestContext.current();
    const rows = records.map((record) => {
      const actor = record.actor === undefined ? (context?.actor ?? null) : record.actor;
      return {
        ...record,
        actorId: actor?.id ?? null,
        actorRole: actor?.role ?? null,
        requestId: record.requestId === undefined ? (context?.requestId ?? null) : record.requestId,
        ip: record.ip === undefined ? (context?.ip ?? null) : record.ip,
        summary: JSON.stringify({ ...summarize(record.before, record.after), ...(record.details ?? {}) }),
      };
    });
    await manager.query(
      `INSERT INTO audit_log (actor_id, actor_role, action, entity, entity_id, summary, request_id, ip)
       SELECT a.actor_id, a.actor_role, a.action, a.entity, a.entity_id, a.summary, a.request_id, a.ip
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::text[], $8::text[])
           WITH ORDINALITY AS a(actor_id, actor_role, action, entity, entity_id, summary, request_id, ip, n)
        ORDER BY a.n`,
      [
        rows.map((row) => row.actorId),
        rows.map((row) => row.actorRole),
        rows.map((row) => row.action),
        rows.map((row) => row.entity),
        rows.map((row) => row.entityId ?? null),
        rows.map((row) => row.summary),
        rows.map((row) => row.requestId),
        rows.map((row) => row.ip),
      ],
    );
  }

  /** Newest first. */
  async list(query: ListAuditQuery): Promise<Page<AuditEntry>> {
    const qb = this.dataSource.getRepository(AuditLogEntity).createQueryBuilder('a');
    if (query.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: query.actorId });
    if (query.entity) qb.andWhere('a.entity = :entity', { entity: query.entity });
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.from) qb.andWhere('a.at >= :from', { from: query.from });
    if (query.to) qb.andWhere('a.at < :to', { to: query.to });
    if (query.cursor) {
      const [afterId] = decodeCursor(query.cursor, ['string']);
      if (!/^\d+$/.test(String(afterId))) throw invalidCursor();
      qb.andWhere('a.id < :afterId', { afterId });
    }
    const rows = await qb
      .orderBy('a.id', 'DESC')
      .limit(query.limit + 1)
      .getMany();
    return toPage(rows, query.limit, (row) => [row.id], presentAuditEntry);
  }
}

function presentAuditEntry(row: AuditLogEntity): AuditEntry {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorRole: row.actorRole,
    action: row.action,
    entity: row.entity,
    entityId: row.entityId,
    summary: row.summary,
    requestId: row.requestId,
    ip: row.ip,
  };
}
