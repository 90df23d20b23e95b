import { Module } from '@nestjs/common';
import { AccessTokens } from './auth/access-tokens';
import { AdminBootstrap } from './auth/admin-bootstrap';
import { UsersService } from './users/users.service';

/** People and their tokens, for every role of the process. */
@Module({
  providers: [UsersService, AccessTokens, AdminBootstrap],
  exports: [AccessTokens, UsersService],
})
export class IdentityModule {}
