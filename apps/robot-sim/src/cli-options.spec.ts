import { parseCli } from './cli-options';
import { SimulatorOptionError, type SimulatorOptions, resolveOptions } from './simulator';

const noFile = () => {
  throw new Error('ENOENT: no such file');
};
const run = (argv: string[], readFile: (path: string) => string = noFile) => {
  const command = parseCli(argv, readFile);
  if (command.kind !== 'run') throw new Error('expected a run');
  return command;
};
const resolved = (argv: string[], readFile?: (path: string) => string) => resolveOptions(run(argv, readFile).options);
const BASE = ['--url', 'http://localhost:3000', '--token', 'frt_one'];

describe('command line', () => {
  it('reads every flag', () => {
    const command = run([
      ...BASE,
      '--token',
      'frt_two',
      '--robots',
      '2',
      '--hz',
      '20',
      '--batch',
      '250',
      '--duration',
      '90',
      '--task-success',
      '0.65',
      '--tasks',
      'pick_and_place, shelf_restock',
      '--teleop',
      '--pace',
      '5',
      '--seed',
      'cohort-1',
      '--seq-start',
      '123',
      '--buffer',
      '500',
      '--json',
    ]);
    expect(command.json).toBe(true);
    expect(command.options).toEqual<SimulatorOptions>({
      url: 'http://localhost:3000',
      tokens: ['frt_one', 'frt_two'],
      hz: 20,
      batchSize: 250,
      durationMs: 90_000,
      taskSuccess: 0.65,
      tasks: ['pick_and_place', 'shelf_restock'],
      teleop: true,
      pace: 5,
      seed: 'cohort-1',
      seqStart: 123,
      bufferCapacity: 500,
    });
  });

  it('defaults to 50 Hz, batches of 100, 80 % success, no end, and a seq start of now', () => {
    const before = Date.now();
    const settings = resolved(BASE);
    expect(settings).toMatchObject({
      hz: 50,
      batchSize: 100,
      taskSuccess: 0.8,
      teleop: false,
      pace: 1,
      tasks: ['pick_and_place'],
    });
    expect(settings.durationMs).toBeUndefined();
    expect(settings.seqStart).toBeGreaterThanOrEqual(before);
    expect(settings.seed).toMatch(/^[0-9a-f]{12}$/);
  });

  it('shares 10,000 buffered batches among the robots, at least 100 each', () => {
    const tokens = (count: number) => Array.from({ length: count }, (_, i) => ['--token', `frt_${i}`]).flat();
    expect(resolved(['--url', 'http://x', ...tokens(1)]).bufferCapacity).toBe(10_000);
    expect(resolved(['--url', 'http://x', ...tokens(4)]).bufferCapacity).toBe(2500);
    expect(resolved(['--url', 'http://x', ...tokens(200)]).bufferCapacity).toBe(100);
  });

  it('reads tokens from a file, one a line, skipping blanks and comments', () => {
    const file = '# robots of cohort 1\nfrt_a\n\n  frt_b  # the quadruped\n';
    const command = run(['--url', 'http://x', '--tokens-file', 'tokens.txt', '--token', 'frt_c'], () => file);
    expect(command.options.tokens).toEqual(['frt_c', 'frt_a', 'frt_b']);
  });

  it('answers help', () => {
    expect(parseCli(['--help'])).toEqual({ kind: 'help' });
  });

  it.each([
    [['--token', 'frt_one'], /--url is required/],
    [[...BASE, '--robots', '3'], /--robots 3 but 1 device tokens/],
    [[...BASE, '--hz', 'fast'], /--hz must be a number/],
    [[...BASE, '--speed', '2'], /Unknown option '--speed'/],
    [['--url', 'http://x', '--tokens-file', 'missing.txt'], /cannot read --tokens-file missing.txt/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCli(argv, noFile)).toThrow(SimulatorOptionError);
    expect(() => parseCli(argv, noFile)).toThrow(message);
  });

  it.each([
    [['--url', 'http://x'], /at least one device token/],
    [['--url', 'ftp://x', '--token', 'frt_a'], /--url must be an http/],
    [['--url', 'http://x', '--token', 'abc'], /starts with "frt_"/],
    [['--url', 'http://x', '--token', 'frt_a', '--token', 'frt_a'], /given twice/],
    [[...BASE, '--hz', '0'], /--hz/],
    [[...BASE, '--hz', '1001'], /--hz/],
    [[...BASE, '--batch', '1001'], /--batch/],
    [[...BASE, '--batch', '2.5'], /--batch/],
    [[...BASE, '--duration', '0'], /--duration/],
    [[...BASE, '--task-success', '1.2'], /--task-success/],
    [[...BASE, '--pace', '0.5'], /--pace/],
    [[...BASE, '--pace', '101'], /--pace/],
    [[...BASE, '--tasks', 'pick:left'], /not a task key/],
    [[...BASE, '--seq-start', '-1'], /--seq-start/],
    [[...BASE, '--buffer', '0'], /--buffer/],
  ])('refuses the options %j', (argv, message) => {
    expect(() => resolved(argv)).toThrow(SimulatorOptionError);
    expect(() => resolved(argv)).toThrow(message);
  });
});
