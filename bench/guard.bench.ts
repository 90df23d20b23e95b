import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Reflector } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { startField } from './support/field-process';

const ROUNDS = 31;
const CALLS_PER_ROUND = 10_000;
const COLD_CALLS_PER_ROUND = 300;
/** Tokens the benchmark's user has logged out: the revoked jtis the guard's query reads along. */
const LOGGED_OUT = 5;

interface NestApp {
  init(): Promise<unknown>;
  close(): Promise<void>;
  get<T>(type: unknown): T;
}

interface Claims {
  sub: string;
}

interface Tokens {
  verify(token: string): Promise<Claims | null>;
  service(): { verifyAsync<T>(token: string): Promise<T> };
}

interface Users {
  actors: { get<T>(id: string, load: (id: string) => Promise<T | null>): Promise<T | null> };
  users: { loadIdentity(id: string): Promise<{ actor: { role: string } } | null> };
}

interface Guard {
  canActivate(context: unknown): Promise<boolean>;
}

/**
 * The access guard's cost per request (issue 15), in this process, on a field started here: the
 * guard as it is (token version and logged-out tokens checked) against the guard as it was before
 * (signature and expiry, then the cached person), both on the same token, in alternating rounds.
 * "Hot": the person is in the actor cache, as for a burst of requests. "Cold": the lookup query
 * itself, the old one against the one that also reads the token version and logged-out jtis.
 */
export async function guardBench(): Promise<void> {
  const field = await startField({ FIELD_ROLE: 'api' });
  let app: NestApp | null = null;
  try {
    for (let i = 0; i < LOGGED_OUT; i++) {
      const token = await signIn(field.url);
      const answer = await fetch(`${field.url}/api/v1/auth/logout`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
      if (answer.status !== 204) throw new Error(`logout answered ${answer.status}`);
    }
    app = await startInProcess(field.databaseUrl);
    const built = join(__dirname, '..');
    const load = <T>(path: string): T => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return require(join(built, path)) as T;
    };
    const identity = load<{ AccessTokens: unknown; UsersService: unknown; CalendarFeedsService: unknown }>(
      'libs/identity/src/index.js',
    );
    const { AccessGuard } = load<{ AccessGuard: new (...deps: unknown[]) => Guard }>(
      'libs/identity/src/auth/access.guard.js',
    );
    const { UsersController } = load<{ UsersController: { prototype: { me: unknown } } }>(
      'libs/identity/src/users/users.controller.js',
    );
    const { ACCESS_RULE } = load<{ ACCESS_RULE: string }>('libs/platform/src/index.js');
    const tokens = app.get<Tokens>(identity.AccessTokens);
    const users = app.get<Users>(identity.UsersService);
    const reflector = app.get<Reflector>(Reflector);
    // The global guard is registered as APP_GUARD, which the container does not hand out by class.
    const guard = new AccessGuard(reflector, tokens, users, app.get(identity.CalendarFeedsService));

    const token = await signIn(field.url);
    const request = { headers: { authorization: `Bearer ${token}` }, method: 'GET', originalUrl: '/api/v1/users/me' };
    const context = {
      getType: () => 'http',
      switchToHttp: () => ({ getRequest: () => request }),
      getHandler: () => UsersController.prototype.me,
      getClass: () => UsersController,
    };
    const { RequestContext } = load<{ RequestContext: { setActor(actor: unknown): void } }>(
      'libs/platform/src/index.js',
    );
    // The token check as it was: signature and expiry, then the subject.
    const verifyBefore = async (bearer: string): Promise<string | null> => {
      try {
        const claims = await tokens.service().verifyAsync<{ sub?: unknown; scope?: unknown }>(bearer);
        return typeof claims.sub === 'string' && claims.scope === undefined ? claims.sub : null;
      } catch {
        return null;
      }
    };
    // The guard before issue 15, step for step (AccessGuard.canActivate at 995f2bb), on the same cache.
    const before = async (): Promise<boolean> => {
      if (context.getType() !== 'http') return true;
      const req = context.switchToHttp().getRequest() as typeof request & {
        query?: { feed?: unknown };
        actor?: unknown;
      };
      const rule = reflector.getAllAndOverride<{ kind: string; roles: string[]; calendarFeed?: boolean } | undefined>(
        ACCESS_RULE,
        [context.getHandler() as () => unknown, context.getClass() as unknown as () => unknown],
      );
      if (!rule || rule.kind !== 'roles') return false;
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization)?.[1] ?? null;
      const feed = req.query?.feed;
      if (!bearer && rule.calendarFeed && typeof feed === 'string') return false;
      if (!bearer) return false;
      const userId = await verifyBefore(bearer);
      const actor = userId
        ? ((await users.actors.get(userId, (id) => users.users.loadIdentity(id)))?.actor ?? null)
        : null;
      if (!actor) return false;
      req.actor = actor;
      RequestContext.setActor(actor);
      return rule.roles.includes(actor.role);
    };
    const after = () => guard.canActivate(context);
    if (!(await before()) || !(await after())) throw new Error('the guard refused the benchmark token');

    const claims = await tokens.verify(token);
    const userId = claims?.sub ?? '';
    const dataSource = app.get<{ query(sql: string, params: unknown[]): Promise<unknown> }>(getDataSourceToken());
    const coldBefore = () =>
      dataSource.query('SELECT id, role, vendor_id, email, name FROM users WHERE id = $1 AND active', [userId]);
    const coldAfter = () => users.users.loadIdentity(userId);

    const hot = await alternate(before, after, CALLS_PER_ROUND);
    const cold = await alternate(coldBefore, coldAfter, COLD_CALLS_PER_ROUND);
    const line = (name: string, figures: { before: number; after: number; ratio: number }) =>
      console.log(
        `${name}: before ${(figures.before * 1000).toFixed(2)} µs/request, after ${(figures.after * 1000).toFixed(2)} µs/request, ` +
          `ratio after/before ${figures.ratio.toFixed(3)} (median of ${ROUNDS} paired rounds)`,
      );
    line('guard, person cached (hot)', hot);
    line('person lookup query (cold)', cold);
    console.log(`target: hot ratio ≤ 1.05 (${hot.ratio <= 1.05 ? 'met' : 'NOT met'}); not a CI gate`);
  } finally {
    await app?.close();
    await field.stop();
  }
}

/**
 * Median ms per call of each, and the median of the rounds' ratios: rounds alternate which runs
 * first and pair each "after" with the "before" next to it, so drift on a shared machine hits both.
 */
async function alternate(
  before: () => Promise<unknown>,
  after: () => Promise<unknown>,
  calls: number,
): Promise<{ before: number; after: number; ratio: number }> {
  const timed = async (run: () => Promise<unknown>) => {
    const began = performance.now();
    for (let i = 0; i < calls; i++) await run();
    return (performance.now() - began) / calls;
  };
  const times = { before: [] as number[], after: [] as number[], ratio: [] as number[] };
  for (let round = 0; round < ROUNDS + 1; round++) {
    let b: number;
    let a: number;
    if (round % 2 === 0) {
      b = await timed(before);
      a = await timed(after);
    } else {
      a = await timed(after);
      b = await timed(before);
    }
    // The first round warms both up and is not counted.
    if (round === 0) continue;
    times.before.push(b);
    times.after.push(a);
    times.ratio.push(a / b);
  }
  const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
  return { before: median(times.before), after: median(times.after), ratio: median(times.ratio) };
}

async function signIn(url: string): Promise<string> {
  const answer = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench-admin@field.local', password: 'bench-admin-password' }),
  });
  if (answer.status !== 200) throw new Error(`login answered ${answer.status}`);
  return ((await answer.json()) as { accessToken: string }).accessToken;
}

async function startInProcess(databaseUrl: string): Promise<NestApp> {
  const built = join(__dirname, '..');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const platform = require(join(built, 'libs', 'platform', 'src', 'index.js')) as {
    loadConfig(env: Record<string, string>): unknown;
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createFieldApp } = require(join(built, 'apps', 'field', 'src', 'create-app.js')) as {
    createFieldApp(config: unknown): Promise<NestApp>;
  };
  const app = await createFieldApp(
    platform.loadConfig({
      DATABASE_URL: databaseUrl,
      FIELD_ROLE: 'api',
      FIELD_QUEUE_PREFIX: `bench_guard_${Date.now().toString(36)}`,
      LOG_LEVEL: 'warn',
    }),
  );
  await app.init();
  return app;
}
