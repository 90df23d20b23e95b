import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Bay, CreateBayBody, ListBaysQuery, Page, UpdateBayBody } from '@app/contract';
import { AuditService, decodeIdCursor, notFound, toPage } from '@app/platform';
import { DataSource, EntityManager } from 'typeorm';
import { BaysRepository } from './bays.repository';

@Injectable()
export class BaysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bays: BaysRepository,
    private readonly audit: AuditService,
  ) {}

  create(body: CreateBayBody): Promise<Bay> {
    return this.dataSource.transaction(async (manager) => {
      const created = await this.bays.insert(manager, body);
      await this.audit.record({ action: 'bay.create', entity: 'bay', entityId: created.id, after: created }, manager);
      return created;
    });
  }

  update(id: string, body: UpdateBayBody): Promise<Bay> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.bays.lockById(manager, id);
      if (!before) throw notFound('bay', id);
      const after = await this.bays.update(manager, id, {
        name: body.name ?? before.name,
        capacity: body.capacity ?? before.capacity,
        status: body.status ?? before.status,
      });
      await this.audit.record({ action: 'bay.update', entity: 'bay', entityId: id, before, after }, manager);
      return after;
    });
  }

  /**
   * The bay as a booking sees it, share-locked so that it cannot go into maintenance or shrink while
   * the booking commits. Null when there is no such bay.
   */
  async findForBooking(id: string, manager: EntityManager): Promise<Bay | null> {
    const [bay] = await this.findManyForBooking([id], manager);
    return bay ?? null;
  }

  /** The bays a batch of bookings names, share-locked in id order (so lockers never wait in a circle). */
  async findManyForBooking(ids: readonly string[], manager: EntityManager): Promise<Bay[]> {
    if (ids.length === 0) return [];
    return this.bays.lockForBooking(manager, ids);
  }

  async get(id: string): Promise<Bay> {
    const bay = await this.bays.findById(id);
    if (!bay) throw notFound('bay', id);
    return bay;
  }

  async list(query: ListBaysQuery): Promise<Page<Bay>> {
    const afterId = query.cursor ? decodeIdCursor(query.cursor) : null;
    const bays = await this.bays.list(query, afterId, query.limit + 1);
    return toPage(
      bays,
      query.limit,
      (bay) => [bay.id],
      (bay) => bay,
    );
  }
}
