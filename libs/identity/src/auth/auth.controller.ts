import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { LoginBody, LoginResult } from '@app/contract';
import { Actor, AnyRole, CurrentActor, Public } from '@app/platform';
import type { Request } from 'express';
import { AuthService } from './auth.service';
import { bearerToken } from './bearer';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password; answers an access token' })
  @ApiOkResponse({ standardSchema: LoginResult })
  @ApiUnauthorizedResponse({ description: 'wrong email or password (the same answer for both)' })
  @ApiTooManyRequestsResponse({ description: 'too many failures for this account or address; see Retry-After' })
  login(@Body({ schema: LoginBody }) body: LoginBody, @Req() req: Request) {
    return this.auth.login(body, req.ip ?? 'unknown');
  }

  @AnyRole()
  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Sign out: the presented access token stops working at once',
    description:
      'Over HTTP and on live connections, in every process: `/watch` sockets opened with this token are ' +
      'closed within 5 s. The person’s other tokens (other devices) keep working. Audited.',
  })
  @ApiNoContentResponse({ description: 'the token is revoked' })
  @ApiUnauthorizedResponse({ description: 'no valid access token' })
  async logout(@Req() req: Request, @CurrentActor() actor: Actor): Promise<void> {
    await this.auth.logout(bearerToken(req.headers.authorization), actor);
  }
}
