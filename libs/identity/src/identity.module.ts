import { Module } from '@nestjs/common';
import { AccessTokens } from './auth/access-tokens';
import { AdminBootstrap } from './auth/admin-bootstrap';
import { CalendarFeedsService } from './calendar-feeds/calendar-feeds.service';
import { UsersService } from './users/users.service';

/** People and their tokens, for every role of the process. */
@Module({
  providers: [UsersService, AccessTokens, AdminBootstrap, CalendarFeedsService],
  exports: [AccessTokens, UsersService, CalendarFeedsService],
})
export class IdentityModule {}
