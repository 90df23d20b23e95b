import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DeviceTokenIssued } from '@app/contract';
import { Actor, AuditService, conflict, DeviceTokenVerifier, EventBus } from '@app/platform';
import { DataSource } from 'typeorm';
import { ROBOT_LINK_REVOKED, RobotsService } from '../robots/robots.service';
import { DeviceTokensRepository } from './device-tokens.repository';

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
    private readonly tokens: DeviceTokensRepository,
    private readonly robots: RobotsService,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  /** Issues a new token and revokes the robot's previous one in the same transaction. */
  async issue(robotId: string, actor: Actor): Promise<DeviceTokenIssued> {
    const issued = await this.dataSource.transaction(async (manager) => {
      const robot = await this.robots.findVisible(robotId, actor, manager);
      await this.robots.lockForUpdate(robotId, manager);
      if (robot.status === 'withdrawn') throw conflict('the robot is withdrawn; it cannot stream any more');
      const revokedPrevious = await this.tokens.revokeLive(manager, robotId);
      const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
      const issued = await this.tokens.insert(manager, robotId, hashDeviceToken(token), actor.id);
      await this.audit.record(
        {
          action: 'robot.device_token_issue',
          entity: 'robot',
          entityId: robotId,
          details: { tokenId: issued.id, revokedPrevious },
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
    return this.tokens.robotIdOf(hashDeviceToken(token));
  }

  /** Of these tokens, the ones that still work: one query for every robot connection of a process. */
  async stillValid(tokens: readonly string[]): Promise<Set<string>> {
    if (tokens.length === 0) return new Set();
    const byHash = new Map(tokens.map((token) => [hashDeviceToken(token), token]));
    const live = await this.tokens.liveOf([...byHash.keys()]);
    return new Set(live.flatMap((hash) => byHash.get(hash) ?? []));
  }
}
