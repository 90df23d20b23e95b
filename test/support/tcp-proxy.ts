import { createServer, Server, Socket } from 'node:net';

/**
 * A TCP proxy the tests put between the field and PostgreSQL or Redis, to cut a dependency off
 * (and bring it back) without touching the shared servers.
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  /** Each connection's link from the target back to the client. */
  private readonly replies = new Set<{ upstream: Socket; client: Socket }>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  static async start(target: string): Promise<TcpProxy> {
    const url = new URL(target);
    const proxy = new TcpProxy(url.hostname, Number(url.port));
    await proxy.listen();
    return proxy;
  }

  /** The target URL rewritten to go through the proxy. */
  route(target: string): string {
    const url = new URL(target);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  async listen(): Promise<void> {
    const server = createServer((client) => {
      const upstream = new Socket();
      this.sockets.add(client).add(upstream);
      const reply = { upstream, client };
      const forget = () => {
        this.sockets.delete(client);
        this.sockets.delete(upstream);
        this.replies.delete(reply);
      };
      client.on('close', forget).on('error', () => upstream.destroy());
      upstream.on('close', () => client.destroy()).on('error', () => client.destroy());
      upstream.connect(this.targetPort, this.targetHost, () => {
        client.pipe(upstream);
        upstream.pipe(client);
        this.replies.add(reply);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  /**
   * Stops passing the target's answers back on the open connections, while requests still reach it:
   * a query then runs, and commits, but its client never hears so (until cut() drops the connection).
   */
  muteReplies(): void {
    for (const { upstream, client } of this.replies) upstream.unpipe(client);
  }

  /** Drops every open connection and refuses new ones. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    this.replies.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Accepts connections again on the same port. */
  restore(): Promise<void> {
    return this.listen();
  }

  close(): Promise<void> {
    return this.cut();
  }
}
