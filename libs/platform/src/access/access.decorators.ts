import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ROLES, Role } from '@app/contract';
import type { Actor } from './actor';

export const ACCESS_RULE = 'field:access-rule';

/**
 * Every route declares who may call it; a route without a rule is refused (deny by default),
 * and the role × route table test fails for it.
 */
export type AccessRule =
  | { kind: 'public' }
  | {
      kind: 'roles';
      roles: readonly Role[];
      /** Also takes a bay calendar link (`?feed=`) in place of the bearer token; the route has `:id` = the bay. */
      calendarFeed?: true;
    }
  | { kind: 'device' };

/** Anyone, without a token. */
export const Public = () => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);

/** People signed in with one of these roles. */
export const Roles = (...roles: [Role, ...Role[]]) =>
  SetMetadata(ACCESS_RULE, { kind: 'roles', roles } satisfies AccessRule);

/**
 * People with one of these roles, signed in or holding a link to this bay's calendar: calendar
 * apps subscribe to a URL and cannot send a bearer token.
 */
export const RolesOrCalendarFeed = (...roles: [Role, ...Role[]]) =>
  SetMetadata(ACCESS_RULE, { kind: 'roles', roles, calendarFeed: true } satisfies AccessRule);

/** Any signed-in person, whatever the role (vendors still see only their own robots). */
export const AnyRole = () => Roles(...ROLES);

/** Robots, with their device token as the bearer token. */
export const DeviceAuth = () => SetMetadata(ACCESS_RULE, { kind: 'device' } satisfies AccessRule);

/** The signed-in person (on `@Roles` routes). */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<{ actor?: Actor }>();
  if (!request.actor) throw new Error('CurrentActor used on a route without a signed-in actor');
  return request.actor;
});

/** The robot a device token belongs to (on `@DeviceAuth` routes). */
export const CurrentRobotId = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const request = context.switchToHttp().getRequest<{ robotId?: string }>();
  if (!request.robotId) throw new Error('CurrentRobotId used on a route without device authentication');
  return request.robotId;
});
