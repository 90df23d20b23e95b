import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditEntry, ListAuditQuery, Page } from '@app/contract';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { decodeCursor, invalidCursor, toPage } from '../http/pagination';
import { RequestContext } from '../http/request-context';
import { AuditLogRepository } from './audit-log.repository';
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
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly log: AuditLogRepository,
  ) {}

  record(record: AuditRecord, manager: EntityManager = this.dataSource.manager): Promise<void> {
    return this.recordMany([record], manager);
  }

  /** Several entries in one statement (a recurring series books up to 100 sessions at once). */
  async recordMany(records: readonly AuditRecord[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (records.length === 0) return;
    const context = RequestContext.current();
    await this.log.insertMany(
      manager,
      records.map((record) => {
        const actor = record.actor === undefined ? (context?.actor ?? null) : record.actor;
        return {
          actor_id: actor?.id ?? null,
          actor_role: actor?.role ?? null,
          action: record.action,
          entity: record.entity,
          entity_id: record.entityId ?? null,
          summary: { ...summarize(record.before, record.after), ...(record.details ?? {}) },
          request_id: record.requestId === undefined ? (context?.requestId ?? null) : record.requestId,
          ip: record.ip === undefined ? (context?.ip ?? null) : record.ip,
        };
      }),
    );
  }

  /** Newest first. */
  async list(query: ListAuditQuery): Promise<Page<AuditEntry>> {
    let beforeId: string | null = null;
    if (query.cursor) {
      const [afterId] = decodeCursor(query.cursor, ['string']);
      if (!/^\d+$/.test(String(afterId))) throw invalidCursor();
      beforeId = String(afterId);
    }
    const entries = await this.log.list(query, beforeId, query.limit + 1);
    return toPage(
      entries,
      query.limit,
      (entry) => [entry.id],
      (entry) => entry,
    );
  }
}
