import { Socket } from 'node:net';

export interface Dependency {
  name: 'PostgreSQL' | 'Redis';
  url: string;
}

/** Whether a TCP service answers at the URL's host and port (without credentials or protocol). */
export function reachable(url: string, timeoutMs = 2_000): Promise<boolean> {
  const parsed = new URL(url);
  const port = Number(parsed.port || (parsed.protocol.startsWith('redis') ? 6379 : 5432));
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, parsed.hostname, () => done(true));
  });
}

/** One clear paragraph: what was tried, and the two ways to get the field its dependencies. */
export function unreachableMessage(missing: readonly Dependency[]): string {
  const tried = missing.map((dependency) => `${dependency.name} at ${redact(dependency.url)}`).join(' and ');
  return (
    `The demo cannot reach ${tried}. The training field keeps its data in PostgreSQL 15+ and its queues ` +
    `in Redis 7. Start both with Docker ("docker compose up -d postgres redis" in this folder), or install ` +
    `them locally, or point the demo at yours with DATABASE_URL=postgres://user:password@host:5432/field and ` +
    `REDIS_URL=redis://host:6379, then run "npm run demo" again.`
  );
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return `${parsed.hostname}:${parsed.port || (parsed.protocol.startsWith('redis') ? '6379' : '5432')}`;
}
