import type { Domain, EvaluationStatus, Stage } from '@app/contract';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('evaluations')
export class EvaluationEntity {
  @PrimaryColumn({ type: 'uuid', default: () => 'field_uuid_v7()' })
  id!: string;

  @Column({ type: 'uuid' })
  robotId!: string;

  @Column({ type: 'text' })
  stage!: Stage;

  @Column({ type: 'text', nullable: true })
  domain!: Domain | null;

  @Column({ type: 'uuid' })
  criteriaSetId!: string;

  @Column({ type: 'integer' })
  criteriaSetVersion!: number;

  @Column({ type: 'text', default: 'queued' })
  status!: EvaluationStatus;

  @Column({ type: 'double precision', nullable: true })
  score!: number | null;

  @Column({ type: 'boolean', nullable: true })
  passed!: boolean | null;

  @Column({ type: 'jsonb', nullable: true })
  results!: unknown[] | null;

  @Column({ type: 'jsonb', nullable: true })
  evidence!: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true })
  failureReason!: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'integer', nullable: true })
  awaitingSummaries!: number | null;

  @Column({ type: 'uuid', nullable: true })
  requestedBy!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}
