import type { BayMode, BayStatus, Domain } from '@app/contract';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('bays')
export class BayEntity {
  @PrimaryColumn({ type: 'uuid', default: () => 'field_uuid_v7()' })
  id!: string;

  @Column({ type: 'uuid' })
  siteId!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  domain!: Domain;

  @Column({ type: 'text' })
  mode!: BayMode;

  @Column({ type: 'integer' })
  capacity!: number;

  @Column({ type: 'text', default: 'open' })
  status!: BayStatus;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
