import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('cohorts')
export class CohortEntity {
  @PrimaryColumn({ type: 'uuid', default: () => 'field_uuid_v7()' })
  id!: string;

  @Column({ type: 'text', unique: true })
  name!: string;

  /** YYYY-MM-DD (kept as text by the pg type parser: a date is not a midnight somewhere). */
  @Column({ type: 'date' })
  startsOn!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
