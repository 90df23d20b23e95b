import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditEntry, ListAuditQuery } from '@app/contract';
import { DataSource, EntityManager } from 'typeorm';
import { SqlWhere } from '../database/sql-where';
import type { AuditLogRow } from '../rows.generated';

export type NewAuditLogRow = Pick<
  AuditLogRow,
  'actor_id' | 'actor_role' | 'action' | 'entity' | 'entity_id' | 'request_id' | 'ip'
> & { summary: Record<string, unknown> };

/** The append-only audit trail (a trigger refuses updates and deletes). */
@Injectable()
export class AuditLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insertMany(manager: EntityManager, rows: readonly NewAuditLogRow[]): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (actor_id, actor_role, action, entity, entity_id, summary, request_id, ip)
       SELECT a.actor_id, a.actor_role, a.action, a.entity, a.entity_id, a.summary, a.request_id, a.ip
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::text[], $8::text[])
           WITH ORDINALITY AS a(actor_id, actor_role, action, entity, entity_id, summary, request_id, ip, n)
        ORDER BY a.n`,
      [
        rows.map((row) => row.actor_id),
        rows.map((row) => row.actor_role),
        rows.map((row) => row.action),
        rows.map((row) => row.entity),
        rows.map((row) => row.entity_id),
        rows.map((row) => JSON.stringify(row.summary)),
        rows.map((row) => row.request_id),
        rows.map((row) => row.ip),
      ],
    );
  }

  /** Newest first, `limit` entries older than the entry `beforeId`. */
  async list(
    query: Omit<ListAuditQuery, 'cursor' | 'limit'>,
    beforeId: string | null,
    limit: number,
  ): Promise<AuditEntry[]> {
    const where = new SqlWhere();
    if (query.actorId) where.and(`actor_id = ${where.param(query.actorId)}`);
    if (query.entity) where.and(`entity = ${where.param(query.entity)}`);
    if (query.action) where.and(`action = ${where.param(query.action)}`);
    if (query.from) where.and(`at >= ${where.param(query.from)}`);
    if (query.to) where.and(`at < ${where.param(query.to)}`);
    if (beforeId !== null) where.and(`id < ${where.param(beforeId)}`);
    const rows: AuditLogRow[] = await this.dataSource.query(
      `SELECT * FROM audit_log ${where} ORDER BY id DESC LIMIT ${where.param(limit)}`,
      where.params,
    );
    return rows.map(presentAuditEntry);
  }
}

function presentAuditEntry(row: AuditLogRow): AuditEntry {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorId: row.actor_id,
    actorRole: row.actor_role,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    summary: row.summary as AuditEntry['summary'],
    requestId: row.request_id,
    ip: row.ip,
  };
}
