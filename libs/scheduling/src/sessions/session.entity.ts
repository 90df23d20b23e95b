import type { SessionKind, SessionStatus } from '@app/contract';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('training_sessions')
export class TrainingSessionEntity {
  @PrimaryColumn({ type: 'uuid', default: () => 'field_uuid_v7()' })
  id!: string;

  @Column({ type: 'uuid' })
  bayId!: string;

  @Column({ type: 'text' })
  kind!: SessionKind;

  @Column({ type: 'text', default: 'scheduled' })
  status!: SessionStatus;

  @Column({ type: 'text', array: true, default: '{}' })
  taskKeys!: string[];

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  seriesId!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}

@Entity('session_robots')
export class SessionRobotEntity {
  @PrimaryColumn({ type: 'uuid' })
  sessionId!: string;

  @PrimaryColumn({ type: 'uuid' })
  robotId!: string;

  @Column({ type: 'smallint' })
  position!: number;

  /** Copied from the session by a trigger, for the per-robot exclusion constraint. */
  @Column({ type: 'tstzrange', select: false })
  booked!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'boolean', default: false })
  running!: boolean;
}

@Entity('session_series')
export class SessionSeriesEntity {
  @PrimaryColumn({ type: 'uuid', default: () => 'field_uuid_v7()' })
  id!: string;

  @Column({ type: 'text' })
  rrule!: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
