import { spawn } from 'node:child_process';
import { childEnv } from './test-env';

export interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a node script to completion with the given environment (nothing inherited but PATH). */
export function runNode(
  script: string,
  env: Record<string, string>,
  timeoutMs = 30_000,
  args: readonly string[] = [],
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { env: childEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not finish within ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
