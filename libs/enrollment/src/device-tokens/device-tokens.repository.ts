import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { DeviceTokensRow } from '../rows.generated';

/** Robots' streaming credentials, kept as digests; a robot has at most one live token. */
@Injectable()
export class DeviceTokensRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Revokes the robot's live token; true when it had one. */
  async revokeLive(manager: EntityManager, robotId: string): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, count].
    const [, revoked]: [unknown[], number] = await manager.query(
      'UPDATE device_tokens SET revoked_at = now() WHERE robot_id = $1 AND revoked_at IS NULL',
      [robotId],
    );
    return revoked > 0;
  }

  async insert(
    manager: EntityManager,
    robotId: string,
    tokenHash: string,
    issuedBy: string,
  ): Promise<{ id: string; issuedAt: Date }> {
    const [row]: Pick<DeviceTokensRow, 'id' | 'issued_at'>[] = await manager.query(
      'INSERT INTO device_tokens (robot_id, token_hash, issued_by) VALUES ($1, $2, $3) RETURNING id, issued_at',
      [robotId, tokenHash, issuedBy],
    );
    return { id: row.id, issuedAt: row.issued_at };
  }

  /** The robot a live token of a robot that is not withdrawn belongs to. */
  async robotIdOf(tokenHash: string): Promise<string | null> {
    const rows: Pick<DeviceTokensRow, 'robot_id'>[] = await this.dataSource.query(
      `SELECT t.robot_id FROM device_tokens t JOIN robots r ON r.id = t.robot_id
       WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND r.status <> 'withdrawn'`,
      [tokenHash],
    );
    return rows[0]?.robot_id ?? null;
  }

  /** Of these digests, those of live tokens of robots that are not withdrawn. */
  async liveOf(tokenHashes: readonly string[]): Promise<string[]> {
    const rows: Pick<DeviceTokensRow, 'token_hash'>[] = await this.dataSource.query(
      `SELECT t.token_hash FROM device_tokens t JOIN robots r ON r.id = t.robot_id
       WHERE t.token_hash = ANY($1) AND t.revoked_at IS NULL AND r.status <> 'withdrawn'`,
      [tokenHashes],
    );
    return rows.map((row) => row.token_hash);
  }
}
