import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DeviceTokenIssued } from '@app/contract';
import { Actor, AuditService, conflict, DeviceTokenVerifier, EventBus } from '@app/platform';
import { DataSource, IsNull } from 'typeorm';
import { ROBOT_LINK_REVOKED, RobotsService } from '../robots/robots.service';
import { DeviceTokenEntity } from './device-token.entity';

/** Recognisable in logs and secret scanners: "field robot token". */
const TOKEN_PREFIX = 'frt_';

export function hashDeviceToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A robot's credential for streaming telemetry: 32 random bytes, shown once, stored as a digest. */
@Injectable()
export class DeviceTokensService implements DeviceTokenVerifier {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly robots: RobotsService,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  /** Issues a new token and revokes the robot's previous one in the same transaction. */
  async issue(robotId: string, actor: Actor): Promise<DeviceTokenIssued> {
    const issued = await this.dataSource.transaction(async (manager) => {
      const robot = await this.robots.findVisible(robotId, actor, manager);
      await manager.query('SELECT 1 FROM robots WHERE id = $1 FOR UPDATE', [robotId]);
      if (robot.status === 'withdrawn') throw conflict('the robot is withdrawn; it cannot stream any more');
      const repo = manager.getRepository(DeviceTokenEntity);
      const revoked = await repo.update({ robotId, revokedAt: IsNull() }, { revokedAt: new Date() });
      const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
      const issued = await repo.save(repo.create({ robotId, tokenHash: hashDeviceToken(token), issuedBy: actor.id }));
      await this.audit.record(
        {
          action: 'robot.device_token_issue',
          entity: 'robot',
          entityId: robotId,
          details: { tokenId: issued.id, revokedPrevious: (revoked.affected ?? 0) > 0 },
        },
        manager,
      );
      return { token, robotId, issuedAt: issued.issuedAt.toISOString() };
    });
    await this.events.publish(ROBOT_LINK_REVOKED, { robotId });
    return issued;
  }

  async robotIdForToken(token: string): Promise<string | null> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
    const rows: { robot_id: string }[] = await this.dataSource.query(
      `SELECT t.robot_id FROM device_tokens t JOIN robots r ON r.id = t.robot_id
       WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND r.status <> 'withdrawn'`,
      [hashDeviceToken(token)],
    );
    return rows[0]?.robot_id ?? null;
  }

  /** Of these tokens, the ones that still work: one query for every robot connection of a process. */
  async stillValid(tokens: readonly string[]): Promise<Set<string>> {
    if (tokens.length === 0) return new Set();
    const byHash = new Map(tokens.map((token) => [hashDeviceToken(token), token]));
    const rows: { token_hash: string }[] = await this.dataSource.query(
      `SELECT t.token_hash FROM device_tokens t JOIN robots r ON r.id = t.robot_id
       WHERE t.token_hash = ANY($1) AND t.revoked_at IS NULL AND r.status <> 'withdrawn'`,
      [[...byHash.keys()]],
    );
    return new Set(rows.flatMap((row) => byHash.get(row.token_hash) ?? []));
  }
}
