import { Agent, request } from 'node:http';

// Benchmarks read whatever the API answers; the shapes are checked by the tests, not here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/**
 * A minimal JSON client for benchmarks, on the public API only. Plain node:http with keep-alive:
 * the load generator shares the machine with the server, so it must cost as little CPU as it can.
 */
export class BenchApi {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1024 });
  private readonly base: URL;

  constructor(
    readonly url: string,
    readonly token: string,
  ) {
    this.base = new URL(url);
  }

  request(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          agent: this.agent,
          host: this.base.hostname,
          port: this.base.port,
          method,
          path: `/api/v1${path}`,
          headers: {
            authorization: `Bearer ${this.token}`,
            ...(payload === undefined
              ? {}
              : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  async create(path: string, body: unknown): Promise<Json> {
    const response = await this.request('POST', path, body);
    if (response.status !== 201 && response.status !== 200) {
      throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    }
    return response.body;
  }

  /** A robot registered and admitted by the administrator (manually, with a reason): a student. */
  async enrolRobot(body: Record<string, unknown>): Promise<Json> {
    const robot = await this.create('/robots', body);
    await this.create(`/robots/${robot.id}/admission-decision`, { decision: 'admit', reason: 'benchmark' });
    return robot;
  }

  /** `count` enrolled humanoids of one new vendor, each with its device token, for robots to stream as. */
  async streamingRobots(count: number, serialPrefix: string): Promise<{ tokens: string[]; robotIds: string[] }> {
    const vendor = await this.create('/vendors', { name: `${serialPrefix} bench vendor` });
    const tokens: string[] = [];
    const robotIds: string[] = [];
    await pool(
      Array.from({ length: count }, (_, i) => i),
      8,
      async (i) => {
        const robot = await this.enrolRobot({
          serialNumber: `${serialPrefix}-${i}`,
          name: `robot ${i}`,
          vendorId: vendor.id,
          model: 'T1',
          form: 'humanoid',
          domains: ['industrial_manufacturing'],
        });
        tokens[i] = (await this.create(`/robots/${robot.id}/device-token`, {})).token;
        robotIds[i] = robot.id;
      },
    );
    return { tokens, robotIds };
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Runs tasks with at most `concurrency` in flight. */
export async function pool<T>(
  items: readonly T[],
  concurrency: number,
  run: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await run(items[next++]);
    }),
  );
}
