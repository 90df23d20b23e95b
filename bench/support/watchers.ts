import { ChildProcess, fork } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import { cpuSeconds } from './process-stats';
import { connect } from './sockets';
import { summarize } from './stats';

/**
 * Watchers of live telemetry in a process of their own, so that parsing what they receive (up to
 * ten times the ingest) does not hold up the simulated robots' timers and acknowledgements in the
 * load generator, nor the robots their messages: each side's latency is then its own.
 */

type Command =
  { type: 'watch'; url: string; token: string; robotsPerWatcher: string[][] } | { type: 'reset' } | { type: 'report' };

export interface WatchReport {
  delay: ReturnType<typeof summarize>;
  /** The watcher process's own event loop delay p99: the part of the delay spent waiting to be read. */
  lagP99Ms: number;
  cpuPercent: number;
}

type Reply = { type: 'ready' } | ({ type: 'report' } & WatchReport);

export class WatcherProcess {
  private constructor(private readonly child: ChildProcess) {}

  static start(): WatcherProcess {
    return new WatcherProcess(fork(__filename, ['--watchers'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  }

  /** Connects one watcher per list, each subscribed to every robot of its list; replaces earlier watchers. */
  watch(url: string, token: string, robotsPerWatcher: string[][]): Promise<void> {
    return this.ask({ type: 'watch', url, token, robotsPerWatcher }).then(() => undefined);
  }

  /** Forgets the delays seen so far. */
  reset(): Promise<void> {
    return this.ask({ type: 'reset' }).then(() => undefined);
  }

  /** Robot → watcher delays (newest sample's timestamp to its arrival) since the last reset. */
  async report(): Promise<WatchReport> {
    const { type: _type, ...report } = (await this.ask({ type: 'report' })) as Extract<Reply, { type: 'report' }>;
    return report;
  }

  stop(): void {
    this.child.kill();
  }

  private ask(command: Command): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const onExit = () => reject(new Error('the watcher process exited'));
      this.child.once('exit', onExit);
      this.child.once('message', (reply: Reply) => {
        this.child.off('exit', onExit);
        resolve(reply);
      });
      this.child.send(command);
    });
  }
}

function runWatchers(): void {
  let sockets: Socket[] = [];
  const delays: number[] = [];
  const lag = monitorEventLoopDelay({ resolution: 10 });
  let since = { at: performance.now(), cpu: cpuSeconds(process.pid) };
  const reset = () => {
    delays.length = 0;
    lag.reset();
    since = { at: performance.now(), cpu: cpuSeconds(process.pid) };
  };
  const reply = (message: Reply) => process.send?.(message);
  process.on('message', (command: Command) => {
    void (async () => {
      switch (command.type) {
        case 'watch':
          for (const socket of sockets) socket.close();
          sockets = await Promise.all(
            command.robotsPerWatcher.map((robotIds) => connectWatcher(command.url, command.token, robotIds, delays)),
          );
          lag.enable();
          reset();
          return reply({ type: 'ready' });
        case 'reset':
          reset();
          return reply({ type: 'ready' });
        case 'report': {
          const seconds = (performance.now() - since.at) / 1000;
          return reply({
            type: 'report',
            delay: summarize(delays),
            lagP99Ms: lag.percentile(99) / 1e6,
            cpuPercent: ((cpuSeconds(process.pid) - since.cpu) / seconds) * 100,
          });
        }
      }
    })();
  });
  process.on('disconnect', () => process.exit(0));
}

async function connectWatcher(url: string, token: string, robotIds: string[], delays: number[]): Promise<Socket> {
  const socket = await connect(url, '/watch', token);
  for (const robotId of robotIds) {
    await (socket.timeout(10_000).emitWithAck('subscribe', { robotId }) as Promise<unknown>);
  }
  socket.on('telemetry', (message: { samples: { ts: number }[] }) => {
    const newest = message.samples[message.samples.length - 1]?.ts;
    if (newest !== undefined) delays.push(Date.now() - newest);
  });
  return socket;
}

if (process.argv.includes('--watchers')) runWatchers();
