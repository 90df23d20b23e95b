import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './auth/access.guard';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { LoginThrottle } from './auth/login-throttle';
import { CalendarFeedsController } from './calendar-feeds/calendar-feeds.controller';
import { IdentityModule } from './identity.module';
import { UsersController } from './users/users.controller';

/** The HTTP face of identity: sign-in, users, and the global access guard every route passes. */
@Module({
  imports: [IdentityModule],
  controllers: [AuthController, UsersController, CalendarFeedsController],
  providers: [AuthService, LoginThrottle, { provide: APP_GUARD, useClass: AccessGuard }],
})
export class IdentityHttpModule {}
