import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { LoginBody, LoginResult } from '@app/contract';
import { Public } from '@app/platform';
import type { Request } from 'express';
import { AuthService } from './auth.service';

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
}
