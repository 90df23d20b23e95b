import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CreateVendorBody, Page, PageQuery, Vendor } from '@app/contract';
import {
  Actor,
  AuditService,
  byConstraint,
  conflict,
  decodeIdCursor,
  notFound,
  toPage,
  vendorScopeOf,
} from '@app/platform';
import { DataSource } from 'typeorm';
import { VendorEntity } from './vendor.entity';

/** Robot makers. A vendor's own staff see only their vendor. */
@Injectable()
export class VendorsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  create(body: CreateVendorBody): Promise<Vendor> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(VendorEntity);
      let vendor: VendorEntity;
      try {
        vendor = await repo.save(repo.create({ name: body.name, country: body.country ?? null }));
      } catch (error) {
        throw byConstraint(error, { vendors_name_key: () => conflict(`a vendor named ${body.name} already exists`) });
      }
      const created = presentVendor(vendor);
      await this.audit.record(
        { action: 'vendor.create', entity: 'vendor', entityId: vendor.id, after: created },
        manager,
      );
      return created;
    });
  }

  async get(id: string, actor: Actor): Promise<Vendor> {
    const scope = vendorScopeOf(actor);
    const vendor = scope === null || scope === id ? await this.repo.findOneBy({ id }) : null;
    if (!vendor) throw notFound('vendor', id);
    return presentVendor(vendor);
  }

  async list(query: PageQuery, actor: Actor): Promise<Page<Vendor>> {
    const qb = this.repo.createQueryBuilder('v');
    const scope = vendorScopeOf(actor);
    if (scope !== null) qb.andWhere('v.id = :scope', { scope });
    if (query.cursor) qb.andWhere('v.id > :after', { after: decodeIdCursor(query.cursor) });
    const rows = await qb
      .orderBy('v.id', 'ASC')
      .limit(query.limit + 1)
      .getMany();
    return toPage(rows, query.limit, (row) => [row.id], presentVendor);
  }

  private get repo() {
    return this.dataSource.getRepository(VendorEntity);
  }
}

export function presentVendor(vendor: VendorEntity): Vendor {
  return { id: vendor.id, name: vendor.name, country: vendor.country, createdAt: vendor.createdAt.toISOString() };
}
