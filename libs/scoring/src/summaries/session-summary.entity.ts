import type { BayMode, Domain, SessionKind } from '@app/contract';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('session_summaries')
export class SessionSummaryEntity {
  @PrimaryColumn({ type: 'uuid' })
  sessionId!: string;

  @PrimaryColumn({ type: 'uuid' })
  robotId!: string;

  @Column({ type: 'text' })
  sessionStatus!: 'completed' | 'aborted';

  @Column({ type: 'text' })
  kind!: SessionKind;

  @Column({ type: 'text' })
  domain!: Domain;

  @Column({ type: 'text' })
  mode!: BayMode;

  @Column({ type: 'timestamptz' })
  startedAt!: Date;

  @Column({ type: 'timestamptz' })
  endedAt!: Date;

  @Column({ type: 'double precision' })
  runSeconds!: number;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'integer', default: 0 })
  successes!: number;

  @Column({ type: 'integer', default: 0 })
  failures!: number;

  @Column({ type: 'integer', default: 0 })
  unfinished!: number;

  @Column({ type: 'double precision', default: 0 })
  cycleTimeTotalS!: number;

  @Column({ type: 'integer', default: 0 })
  cycleTimeCount!: number;

  @Column({ type: 'jsonb', default: {} })
  byTask!: Record<string, unknown>;

  @Column({ type: 'integer', default: 0 })
  estops!: number;

  @Column({ type: 'integer', default: 0 })
  collisions!: number;

  @Column({ type: 'integer', default: 0 })
  nearMisses!: number;

  @Column({ type: 'integer', default: 0 })
  interventions!: number;

  @Column({ type: 'integer', default: 0 })
  heartbeats!: number;

  @Column({ type: 'double precision', default: 0 })
  heartbeatCoveredSeconds!: number;

  @Column({ type: 'bigint', default: 0 })
  teleopSamples!: string;

  @Column({ type: 'bigint', default: 0 })
  telemetrySamples!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  computedAt!: Date;
}
