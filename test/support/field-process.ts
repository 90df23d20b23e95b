import { ChildProcess, spawn } from 'node:child_process';
import { FIELD_NODE_FLAGS } from '../../libs/platform/src/runtime/node-flags';
import { builtEntry } from './built';
import { childEnv } from './test-env';

export interface FieldChild {
  url: string;
  process: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts the built server as a separate OS process (for multi-process and crash tests). */
export async function startFieldProcess(
  env: Record<string, string>,
  options: { port?: number } = {},
): Promise<FieldChild> {
  const port = String(options.port ?? 20000 + Math.floor(Math.random() * 20000));
  const child = spawn(process.execPath, [...FIELD_NODE_FLAGS, builtEntry('main')], {
    env: childEnv({ LOG_LEVEL: 'warn', ...env, PORT: port }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the field process exited (${child.exitCode}): ${stderr}`);
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
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}
