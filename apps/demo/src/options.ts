import { parseArgs } from 'node:util';

export interface DemoOptions {
  /** A field already running; without it the demo starts one. */
  url: string | null;
  /** End when done instead of leaving the field running for exploration. */
  exit: boolean;
  /** A shorter term (fewer, shorter sessions), for tests. */
  quick: boolean;
  /** Port of the field the demo starts. */
  port: number;
  seed: string;
  /** The administrator the demo signs in as, and creates in a field it starts. */
  admin: {
    email: string;
    password: string;
    /** True when FIELD_ADMIN_PASSWORD gave it, so the closing table does not print it. */
    fromEnvironment: boolean;
  };
}

/** The demo field's administrator unless FIELD_ADMIN_EMAIL / FIELD_ADMIN_PASSWORD name another. */
const DEMO_ADMIN = { email: 'admin@mianyang-field.cn', password: 'mianyang-admin-2026' };

export const USAGE = `npm run demo [-- options]

Sets up the Mianyang training field and plays its first cohort's training term to graduation.

  --url URL     use a field already running there (sign in with FIELD_ADMIN_EMAIL / FIELD_ADMIN_PASSWORD)
  --exit        end when done (default: leave the field running for exploration)
  --quick       a shorter term, for tests
  --port N      port of the field the demo starts (default: PORT or 3000)
  --seed S      replays the same robots' outcomes
  --help        this text`;

export class UsageError extends Error {}

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): DemoOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        url: { type: 'string' },
        exit: { type: 'boolean', default: false },
        quick: { type: 'boolean', default: false },
        port: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  if (values.help) return 'help';
  const port = Number(values.port ?? env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port must be a port number`);
  if (values.url !== undefined && !/^https?:\/\/[^/]+/.test(values.url)) {
    throw new UsageError(`--url must be an http(s) URL (got "${values.url}")`);
  }
  return {
    url: values.url ? values.url.replace(/\/+$/, '') : null,
    exit: values.exit ?? false,
    quick: values.quick ?? false,
    port,
    seed: values.seed ?? 'mianyang-first-cohort',
    admin: {
      email: env.FIELD_ADMIN_EMAIL || DEMO_ADMIN.email,
      password: env.FIELD_ADMIN_PASSWORD || DEMO_ADMIN.password,
      fromEnvironment: Boolean(env.FIELD_ADMIN_PASSWORD),
    },
  };
}
