import { CanActivate, ExecutionContext, Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  ACCESS_RULE,
  AccessRule,
  Actor,
  DEVICE_TOKEN_VERIFIER,
  DeviceTokenVerifier,
  DomainError,
  forbidden,
  RequestContext,
  unauthenticated,
} from '@app/platform';
import { CalendarFeedsService } from '../calendar-feeds/calendar-feeds.service';
import { UsersService } from '../users/users.service';
import { AccessTokens } from './access-tokens';
import { bearerToken } from './bearer';

interface GuardedRequest {
  headers: Record<string, string | string[] | undefined>;
  query?: Record<string, unknown>;
  params?: Record<string, string>;
  method: string;
  originalUrl: string;
  actor?: Actor;
  robotId?: string;
}

/**
 * The global guard: every route must declare an access rule, and anything undeclared is refused.
 * Roles are read from the database on each request (through the UsersService cache), so a
 * deactivated user, a changed role, a logout or a password change takes effect at once rather than
 * when the token expires.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
    private readonly users: UsersService,
    private readonly feeds: CalendarFeedsService,
    @Optional() @Inject(DEVICE_TOKEN_VERIFIER) private readonly devices?: DeviceTokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) {
      this.logger.error(`${request.method} ${request.originalUrl} declares no access rule; refused`);
      throw forbidden('this route declares no access rule');
    }
    if (rule.kind === 'public') return true;

    const token = bearerToken(request.headers.authorization);
    if (rule.kind === 'device') {
      if (!token || !this.devices) throw unauthenticated('a valid device token is required');
      const robotId = await this.devices.robotIdForToken(token);
      if (!robotId) throw unauthenticated('a valid device token is required');
      request.robotId = robotId;
      return true;
    }

    const feed = request.query?.feed;
    if (!token && rule.calendarFeed && typeof feed === 'string') {
      const link = await this.tokens.verifyCalendarFeed(feed, request.params?.id ?? '');
      const live = link ? await this.feeds.isLive(link.feedId, link.userId) : false;
      const actor = link && live ? await this.users.findActiveActor(link.userId) : null;
      if (!actor || !rule.roles.includes(actor.role)) {
        throw unauthenticated('this calendar link is not valid (any more); make a new one in the dashboard');
      }
      request.actor = actor;
      RequestContext.setActor(actor);
      return true;
    }

    if (!token) throw unauthenticated();
    const claims = await this.tokens.verify(token);
    const actor = claims ? await this.users.authenticate(claims) : null;
    if (!actor) throw unauthenticated('the access token is invalid or expired');
    request.actor = actor;
    RequestContext.setActor(actor);
    if (!rule.roles.includes(actor.role)) {
      throw new DomainError('forbidden', `the ${actor.role} role may not do this`);
    }
    return true;
  }
}
