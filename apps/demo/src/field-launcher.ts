import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FIELD_NODE_FLAGS } from '@app/platform';

export interface LaunchedField {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** The built server next to this demo in dist/. */
function serverEntry(): string {
  const entry = join(__dirname, '..', '..', 'field', 'src', 'main.js');
  if (!existsSync(entry)) throw new Error(`the field is not built (${entry} is missing); run "npm run build"`);
  return entry;
}

export async function isHealthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
}

/**
 * Starts the field as its own process (migrating and creating the database on the way) and waits
 * until /health answers. Its log goes to `logFile`'s stream so the demo's own output stays readable.
 */
export async function launchField(
  env: NodeJS.ProcessEnv,
  port: number,
  log: NodeJS.WritableStream,
): Promise<LaunchedField> {
  const child = spawn(process.execPath, [...FIELD_NODE_FLAGS, serverEntry()], {
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    log.write(chunk);
  });
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 90_000;
  while (!(await isHealthy(url))) {
    if (child.exitCode !== null) throw new Error(`the field stopped while starting:\n${stderr.trim()}`);
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error('the field did not become healthy within 90 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
