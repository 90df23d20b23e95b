import { Injectable } from '@nestjs/common';
import { LoginBody, LoginResult } from '@app/contract';
import { Actor, AuditService, DomainError } from '@app/platform';
import { UsersService } from '../users/users.service';
import { AccessTokens } from './access-tokens';
import { LoginThrottle } from './login-throttle';
import { burnPasswordCheck, verifyPassword } from './passwords';

const WRONG_CREDENTIALS = 'the email or the password is wrong';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: AccessTokens,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
  ) {}

  async login(body: LoginBody, address: string): Promise<LoginResult> {
    const email = body.email.toLowerCase();
    const attempt = await this.throttle.begin(email, address);
    if (!attempt.allowed) {
      await this.audit.record({ action: 'auth.login_throttled', entity: 'session', details: { email }, actor: null });
      throw new DomainError(
        'too_many_requests',
        `too many failed sign-ins; try again in ${attempt.retryAfterSeconds} s`,
        {},
        { 'Retry-After': String(attempt.retryAfterSeconds) },
      );
    }
    const user = await this.users.findForLogin(email);
    const passwordOk = user
      ? await verifyPassword(user.passwordHash, body.password)
      : await burnPasswordCheck(body.password);
    if (!user || !passwordOk || !user.active) {
      await this.audit.record({
        action: 'auth.login_failed',
        entity: 'session',
        entityId: user?.id ?? null,
        details: { email, reason: !user ? 'unknown email' : !passwordOk ? 'wrong password' : 'deactivated' },
        actor: null,
      });
      throw new DomainError('unauthenticated', WRONG_CREDENTIALS);
    }
    await this.throttle.succeeded(email, address, attempt.attemptId);
    await this.audit.record({
      action: 'auth.login',
      entity: 'session',
      entityId: user.id,
      actor: { id: user.id, role: user.role },
    });
    return {
      accessToken: (await this.tokens.issue(user)).token,
      expiresIn: this.tokens.ttlSeconds,
      user: { id: user.id, email: user.email, name: user.name, role: user.role, vendorId: user.vendorId },
    };
  }

  /** Ends the presented token at once, in every process; the person's other tokens keep working. */
  async logout(token: string | null, actor: Actor): Promise<void> {
    const claims = token ? await this.tokens.verify(token) : null;
    // The guard has just accepted this very token, so it verifies.
    if (!claims || claims.sub !== actor.id) throw new DomainError('unauthenticated', 'the access token is invalid');
    await this.users.revokeToken(claims, actor);
  }
}
