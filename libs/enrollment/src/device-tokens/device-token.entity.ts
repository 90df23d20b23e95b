import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('device_tokens')
export class DeviceTokenEntity {
  @PrimaryColumn({ type: 'uuid', default: () => 'field_uuid_v7()' })
  id!: string;

  @Column({ type: 'uuid' })
  robotId!: string;

  /** SHA-256 hex of the token; the token itself is shown once and never stored. */
  @Column({ type: 'text', unique: true })
  tokenHash!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  issuedAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  issuedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
