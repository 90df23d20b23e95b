import { ChildProcess, spawn } from 'node:child_process';
import { FIELD_NODE_FLAGS } from '../../libs/platform/src/runtime/node-flags';
import { builtEntry } from './built';
import { childEnv } from './test-env';

export interface FieldChild {
  url: string;
  process: ChildProcess;
  /** What the process wrote to stdout and stderr, when started with `captureOutput`. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** The field process could not listen: its port was taken meanwhile. */
class PortTaken extends Error {}

/**
 * Ports for test servers, below Linux's ephemeral range (32768 up), where outgoing connections to
 * PostgreSQL and Redis take their local ports: a port picked there may be in use by one of them.
 */
export const randomPort = () => 20_000 + Math.floor(Math.random() * 12_000);

/**
 * Starts the built server as a separate OS process (for multi-process and crash tests), on the given
 * port or, when none is given, a random one, trying another should a parallel test hold it.
 */
export async function startFieldProcess(
  env: Record<string, string>,
  options: { port?: number; captureOutput?: boolean } = {},
): Promise<FieldChild> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOn(options.port ?? randomPort(), env, options.captureOutput ?? false);
    } catch (error) {
      if (!(error instanceof PortTaken) || options.port !== undefined || attempt >= 5) throw error;
    }
  }
}

async function startOn(portNumber: number, env: Record<string, string>, captureOutput: boolean): Promise<FieldChild> {
  const port = String(portNumber);
  const child = spawn(process.execPath, [...FIELD_NODE_FLAGS, builtEntry('main')], {
    env: childEnv({ LOG_LEVEL: 'warn', ...env, PORT: port }),
    stdio: ['ignore', captureOutput ? 'pipe' : 'ignore', 'pipe'],
  });
  let stderr = '';
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (captureOutput) output += chunk.toString();
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      const message = `the field process exited (${child.exitCode}): ${stderr}`;
      throw stderr.includes('EADDRINUSE') ? new PortTaken(message) : new Error(message);
    }
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the field process did not become healthy: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    process: child,
    output: () => output,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}
