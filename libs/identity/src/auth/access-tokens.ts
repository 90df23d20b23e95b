import { createSecretKey, KeyObject, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '@app/contract';
import { FIELD_CONFIG, FieldConfig, InstallSettingsService } from '@app/platform';
import type { AccessTokenClaims } from './token-standing';

/** The claims as signed; short names, since every request carries them. */
interface SignedAccessClaims {
  sub: string;
  role: Role;
  vnd?: string;
  ver: number;
  jti: string;
  /** Set only on tokens that are not access tokens (calendar links); those never sign anyone in. */
  scope?: string;
}

interface CalendarFeedClaims {
  sub: string;
  scope: 'calendar';
  bay: string;
  jti: string;
}

export interface TokenSubject {
  id: string;
  role: Role;
  vendorId: string | null;
  tokenVersion: number;
}

export interface IssuedAccessToken {
  token: string;
  jti: string;
  expiresAt: Date;
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

  async issue(user: TokenSubject, ttlSeconds = this.ttlSeconds): Promise<IssuedAccessToken> {
    const jti = randomUUID();
    const claims: SignedAccessClaims = { sub: user.id, role: user.role, ver: user.tokenVersion, jti };
    if (user.vendorId !== null) claims.vnd = user.vendorId;
    const token = await this.service().signAsync(claims, { expiresIn: ttlSeconds });
    return { token, jti, expiresAt: new Date(Date.now() + ttlSeconds * 1000) };
  }

  /**
   * What the token says, or null when it is malformed, forged, expired or not an access token.
   * Whether it still speaks for its person (not logged out, not superseded) is the caller's check.
   */
  async verify(token: string): Promise<AccessTokenClaims | null> {
    let claims: Partial<SignedAccessClaims> & { exp?: unknown };
    try {
      claims = await this.service().verifyAsync<SignedAccessClaims & { exp: number }>(token);
    } catch {
      return null;
    }
    if (
      claims.scope !== undefined ||
      typeof claims.sub !== 'string' ||
      typeof claims.role !== 'string' ||
      typeof claims.ver !== 'number' ||
      typeof claims.jti !== 'string' ||
      typeof claims.exp !== 'number'
    ) {
      return null;
    }
    return {
      sub: claims.sub,
      role: claims.role,
      vendorId: typeof claims.vnd === 'string' ? claims.vnd : null,
      version: claims.ver,
      jti: claims.jti,
      exp: claims.exp,
    };
  }

  /**
   * A link credential that reads one bay's calendar on its person's behalf, for calendar apps. It
   * signs nobody in, and stops working when its person is deactivated or loses the role to read it.
   */
  issueCalendarFeed(userId: string, bayId: string, id: string): Promise<string> {
    return this.service().signAsync(
      { sub: userId, scope: 'calendar', bay: bayId, jti: id } satisfies CalendarFeedClaims,
      { expiresIn: CALENDAR_FEED_TTL_SECONDS },
    );
  }

  /** The user and link id a calendar link of this bay speaks for, or null; whether it was revoked is the caller's check. */
  async verifyCalendarFeed(token: string, bayId: string): Promise<{ userId: string; feedId: string } | null> {
    try {
      const claims = await this.service().verifyAsync<Partial<CalendarFeedClaims>>(token);
      return claims.scope === 'calendar' &&
        claims.bay === bayId &&
        typeof claims.sub === 'string' &&
        typeof claims.jti === 'string'
        ? { userId: claims.sub, feedId: claims.jti }
        : null;
    } catch {
      return null;
    }
  }

  private service(): JwtService {
    if (this.jwt === null) throw new Error('access tokens used before the identity module initialised');
    return this.jwt;
  }
}
