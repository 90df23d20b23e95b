import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SimulatorOptionError, type SimulatorOptions } from './simulator';

export const USAGE = `Virtual robots streaming telemetry and task events to the field.

usage: npm run sim -- --url URL (--token frt_... [--token frt_...] | --tokens-file FILE) [options]

  --url URL            the field, e.g. http://localhost:3000 (namespace /robot is added)
  --token T            a robot's device token; repeat once per robot
  --tokens-file F      device tokens, one per line ("#" starts a comment)
  --robots N           number of robots; must equal the number of tokens
  --hz N               joint_state and pose samples per second per robot (default 50)
  --batch N            samples per batch, 1..1000 (default 100)
  --duration S         seconds to run (default: until Ctrl-C)
  --task-success P     probability a task attempt succeeds (default 0.8)
  --tasks K1,K2        task keys to attempt (default pick_and_place)
  --teleop             also emit teleop demonstration samples
  --pace N             robots work N times faster than real time, 1..100 (default 1)
  --seed S             replay the same motion, cycle times and outcomes
  --seq-start N        first batch seq of every robot (default: now in epoch ms)
  --buffer N           most unacknowledged batches per robot (default 10000 / robots, at least 100)
  --json               print the final report as JSON
  --help               this text
`;

export type CliCommand = { kind: 'help' } | { kind: 'run'; options: SimulatorOptions; json: boolean };

/** Turns argv into simulator options; ranges are checked by the simulator itself. */
export function parseCli(
  argv: readonly string[],
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): CliCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: 'string' },
        token: { type: 'string', multiple: true },
        'tokens-file': { type: 'string' },
        robots: { type: 'string' },
        hz: { type: 'string' },
        batch: { type: 'string' },
        duration: { type: 'string' },
        'task-success': { type: 'string' },
        tasks: { type: 'string' },
        teleop: { type: 'boolean' },
        pace: { type: 'string' },
        seed: { type: 'string' },
        'seq-start': { type: 'string' },
        buffer: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new SimulatorOptionError((error as Error).message);
  }
  if (values.help) return { kind: 'help' };
  if (!values.url) throw new SimulatorOptionError('--url is required');

  const tokens = [...(values.token ?? [])];
  if (values['tokens-file']) tokens.push(...readTokens(values['tokens-file'], readFile));
  const robots = optionalNumber(values.robots, '--robots');
  if (robots !== undefined && robots !== tokens.length) {
    throw new SimulatorOptionError(
      `--robots ${robots} but ${tokens.length} device tokens: every robot needs its own token`,
    );
  }
  const duration = optionalNumber(values.duration, '--duration');
  return {
    kind: 'run',
    json: values.json ?? false,
    options: {
      url: values.url,
      tokens,
      hz: optionalNumber(values.hz, '--hz'),
      batchSize: optionalNumber(values.batch, '--batch'),
      durationMs: duration === undefined ? undefined : duration * 1000,
      taskSuccess: optionalNumber(values['task-success'], '--task-success'),
      tasks: values.tasks?.split(',').map((task) => task.trim()),
      teleop: values.teleop ?? false,
      pace: optionalNumber(values.pace, '--pace'),
      seed: values.seed,
      seqStart: optionalNumber(values['seq-start'], '--seq-start'),
      bufferCapacity: optionalNumber(values.buffer, '--buffer'),
    },
  };
}

function readTokens(path: string, readFile: (path: string) => string): string[] {
  let text: string;
  try {
    text = readFile(path);
  } catch (error) {
    throw new SimulatorOptionError(`cannot read --tokens-file ${path}: ${(error as Error).message}`);
  }
  return text
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter((line) => line.length > 0);
}

function optionalNumber(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value))
    throw new SimulatorOptionError(`${flag} must be a number, not "${text}"`);
  return value;
}
