import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CreateVendorBody, Page, PageQuery, Vendor } from '@app/contract';
import { Actor, AuditService, decodeIdCursor, notFound, toPage, vendorScopeOf } from '@app/platform';
import { DataSource } from 'typeorm';
import { VendorsRepository } from './vendors.repository';

/** Robot makers. A vendor's own staff see only their vendor. */
@Injectable()
export class VendorsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly vendors: VendorsRepository,
    private readonly audit: AuditService,
  ) {}

  create(body: CreateVendorBody): Promise<Vendor> {
    return this.dataSource.transaction(async (manager) => {
      const created = await this.vendors.insert(manager, body);
      await this.audit.record(
        { action: 'vendor.create', entity: 'vendor', entityId: created.id, after: created },
        manager,
      );
      return created;
    });
  }

  async get(id: string, actor: Actor): Promise<Vendor> {
    const scope = vendorScopeOf(actor);
    const vendor = scope === null || scope === id ? await this.vendors.findById(id) : null;
    if (!vendor) throw notFound('vendor', id);
    return vendor;
  }

  async list(query: PageQuery, actor: Actor): Promise<Page<Vendor>> {
    const afterId = query.cursor ? decodeIdCursor(query.cursor) : null;
    const vendors = await this.vendors.list(vendorScopeOf(actor), afterId, query.limit + 1);
    return toPage(
      vendors,
      query.limit,
      (vendor) => [vendor.id],
      (vendor) => vendor,
    );
  }
}
