import type { CriteriaSetStatus, CriterionOp, Dimension, Domain, Stage } from '@app/contract';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('criteria_sets')
export class CriteriaSetEntity {
  @PrimaryColumn({ type: 'uuid', default: () => 'field_uuid_v7()' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  stage!: Stage;

  @Column({ type: 'text', nullable: true })
  domain!: Domain | null;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text', default: 'draft' })
  status!: CriteriaSetStatus;

  @Column({ type: 'double precision' })
  passScore!: number;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  publishedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  supersededAt!: Date | null;
}

@Entity('criteria')
export class CriterionEntity {
  @PrimaryColumn({ type: 'uuid' })
  criteriaSetId!: string;

  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'smallint' })
  position!: number;

  @Column({ type: 'text' })
  dimension!: Dimension;

  @Column({ type: 'text' })
  metric!: string;

  @Column({ type: 'text' })
  op!: CriterionOp;

  @Column({ type: 'double precision' })
  threshold!: number;

  @Column({ type: 'double precision' })
  weight!: number;

  @Column({ type: 'boolean', default: false })
  required!: boolean;
}
