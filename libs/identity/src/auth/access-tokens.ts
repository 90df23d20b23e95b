import { randomBytes } from 'node:crypto';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '@app/contract';
import { FIELD_CONFIG, FieldConfig, InstallSettingsService } from '@app/platform';

interface AccessClaims {
  sub: string;
  role: Role;
}

/**
 * Signs and checks access tokens (HS256). The secret is JWT_SECRET, or else one generated at the
 * first start of the install and shared by all its processes through the database.
 */
@Injectable()
export class AccessTokens implements OnModuleInit {
  private secret: string | null = null;

  constructor(
    private readonly jwt: JwtService,
    private readonly settings: InstallSettingsService,
    @Inject(FIELD_CONFIG) private readonly config: FieldConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    this.secret =
      this.config.jwtSecret ??
      (await this.settings.getOrCreate('jwt_secret', () => randomBytes(48).toString('base64url')));
  }

  get ttlSeconds(): number {
    return this.config.accessTokenTtlSeconds;
  }

  issue(userId: string, role: Role): Promise<string> {
    return this.jwt.signAsync({ sub: userId, role } satisfies AccessClaims, {
      secret: this.requireSecret(),
      algorithm: 'HS256',
      expiresIn: this.config.accessTokenTtlSeconds,
    });
  }

  /** The user id the token speaks for, or null when it is malformed, forged or expired. */
  async verify(token: string): Promise<string | null> {
    try {
      const claims = await this.jwt.verifyAsync<AccessClaims>(token, {
        secret: this.requireSecret(),
        algorithms: ['HS256'],
      });
      return typeof claims.sub === 'string' ? claims.sub : null;
    } catch {
      return null;
    }
  }

  private requireSecret(): string {
    if (this.secret === null) throw new Error('access tokens used before the identity module initialised');
    return this.secret;
  }
}
