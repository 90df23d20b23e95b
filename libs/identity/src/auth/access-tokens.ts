import { createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '@app/contract';
import { FIELD_CONFIG, FieldConfig, InstallSettingsService } from '@app/platform';

interface AccessClaims {
  sub: string;
  role: Role;
  /** Set only on tokens that are not access tokens (calendar links); those never sign anyone in. */
  scope?: string;
}

interface CalendarFeedClaims {
  sub: string;
  scope: 'calendar';
  bay: string;
}

/** How long a calendar link works; a calendar app re-subscribes with a new one after that. */
const CALENDAR_FEED_TTL_SECONDS = 365 * 24 * 3600;

/**
 * Signs and checks access tokens (HS256). The secret is JWT_SECRET, or else one generated at the
 * first start of the install and shared by all its processes through the database.
 */
@Injectable()
export class AccessTokens implements OnModuleInit {
  private jwt: JwtService | null = null;

  constructor(
    private readonly settings: InstallSettingsService,
    @Inject(FIELD_CONFIG) private readonly config: FieldConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const secret =
      this.config.jwtSecret ??
      (await this.settings.getOrCreate('jwt_secret', () => randomBytes(48).toString('base64url')));
    // A KeyObject made once: given a string, jsonwebtoken re-parses it as a key on every verify,
    // which was the single largest cost of an authenticated request.
    const key: KeyObject = createSecretKey(Buffer.from(secret));
    this.jwt = new JwtService({
      secretOrKeyProvider: () => key,
      signOptions: { algorithm: 'HS256', expiresIn: this.config.accessTokenTtlSeconds },
      verifyOptions: { algorithms: ['HS256'] },
    });
  }

  get ttlSeconds(): number {
    return this.config.accessTokenTtlSeconds;
  }

  get calendarFeedTtlSeconds(): number {
    return CALENDAR_FEED_TTL_SECONDS;
  }

  issue(userId: string, role: Role): Promise<string> {
    return this.service().signAsync({ sub: userId, role } satisfies AccessClaims);
  }

  /** The user id the token speaks for, or null when it is malformed, forged, expired or not an access token. */
  async verify(token: string): Promise<string | null> {
    try {
      const claims = await this.service().verifyAsync<AccessClaims>(token);
      return typeof claims.sub === 'string' && claims.scope === undefined ? claims.sub : null;
    } catch {
      return null;
    }
  }

  /**
   * A link credential that reads one bay's calendar on its person's behalf, for calendar apps. It
   * signs nobody in, and stops working when its person is deactivated or loses the role to read it.
   */
  issueCalendarFeed(userId: string, bayId: string): Promise<string> {
    return this.service().signAsync({ sub: userId, scope: 'calendar', bay: bayId } satisfies CalendarFeedClaims, {
      expiresIn: CALENDAR_FEED_TTL_SECONDS,
    });
  }

  /** The user id a calendar link of this bay speaks for, or null. */
  async verifyCalendarFeed(token: string, bayId: string): Promise<string | null> {
    try {
      const claims = await this.service().verifyAsync<Partial<CalendarFeedClaims>>(token);
      return claims.scope === 'calendar' && claims.bay === bayId && typeof claims.sub === 'string' ? claims.sub : null;
    } catch {
      return null;
    }
  }

  private service(): JwtService {
    if (this.jwt === null) throw new Error('access tokens used before the identity module initialised');
    return this.jwt;
  }
}
