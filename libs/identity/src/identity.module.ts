import { Module } from '@nestjs/common';
import { AccessTokens } from './auth/access-tokens';
import { AdminBootstrap } from './auth/admin-bootstrap';
import { CalendarFeedsRepository } from './calendar-feeds/calendar-feeds.repository';
import { CalendarFeedsService } from './calendar-feeds/calendar-feeds.service';
import { UsersRepository } from './users/users.repository';
import { UsersService } from './users/users.service';

/** People and their tokens, for every role of the process. */
@Module({
  providers: [
    UsersRepository,
    UsersService,
    AccessTokens,
    AdminBootstrap,
    CalendarFeedsRepository,
    CalendarFeedsService,
  ],
  exports: [AccessTokens, UsersService, CalendarFeedsService],
})
export class IdentityModule {}
