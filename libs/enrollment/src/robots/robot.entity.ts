import type { Domain, RobotForm, RobotStatus, Specs } from '@app/contract';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('robots')
export class RobotEntity {
  @PrimaryColumn({ type: 'uuid', default: () => 'field_uuid_v7()' })
  id!: string;

  @Column({ type: 'text', unique: true })
  serialNumber!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'uuid' })
  vendorId!: string;

  @Column({ type: 'text' })
  model!: string;

  @Column({ type: 'text' })
  form!: RobotForm;

  @Column({ type: 'text', array: true })
  domains!: Domain[];

  @Column({ type: 'jsonb', default: {} })
  specs!: Specs;

  @Column({ type: 'uuid', nullable: true })
  cohortId!: string | null;

  @Column({ type: 'text', default: 'applied' })
  status!: RobotStatus;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}

@Entity('robot_status_changes')
export class RobotStatusChangeEntity {
  @PrimaryColumn({ type: 'uuid', default: () => 'field_uuid_v7()' })
  id!: string;

  @Column({ type: 'uuid' })
  robotId!: string;

  @Column({ type: 'text', nullable: true })
  fromStatus!: RobotStatus | null;

  @Column({ type: 'text' })
  toStatus!: RobotStatus;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;
}
