export { IdentityModule } from './identity.module';
export { IdentityHttpModule } from './identity-http.module';
export { AccessTokens } from './auth/access-tokens';
export { UsersService, USER_CHANGED } from './users/users.service';
export { CalendarFeedsService } from './calendar-feeds/calendar-feeds.service';
export type { AccessTokenClaims } from './auth/token-standing';
export { bearerToken } from './auth/bearer';
