import { randomBytes } from 'node:crypto';
import { MAX_BATCH_SAMPLES, TaskKey } from '@app/contract';
import { LatencyHistogram } from './report/latency-histogram';
import { RobotLink } from './robot-link';

export interface SimulatorOptions {
  /** The field's origin, e.g. http://localhost:3000; the `/robot` namespace is added. */
  url: string;
  /** One device token (`frt_...`) per robot. */
  tokens: readonly string[];
  /** joint_state and pose samples per second per robot (1..1000). */
  hz?: number;
  /** Samples per batch (1..1000); a batch also closes at 256 KiB or after `flushAfterMs`. */
  batchSize?: number;
  /** Stop generating after this long; without it, run until `signal` aborts. */
  durationMs?: number;
  /** Probability that a task attempt succeeds (0..1). */
  taskSuccess?: number;
  tasks?: readonly string[];
  /** Robots work this many times faster than real time (1..100): tasks, waits and drives shrink. */
  pace?: number;
  /** Also emit `teleop` demonstration samples. */
  teleop?: boolean;
  /** Replays motion, cycle times and outcomes; random when not given (the report names it). */
  seed?: string;
  /** First seq of every robot; must lie above any seq an earlier run used with the same tokens. */
  seqStart?: number;
  /** Most unacknowledged batches per robot before generation pauses. */
  bufferCapacity?: number;
  maxInFlight?: number;
  ackTimeoutMs?: number;
  /** How long a stop waits for outstanding acknowledgements. */
  drainTimeoutMs?: number;
  flushAfterMs?: number;
  tickMs?: number;
  progressIntervalMs?: number;
  reconnectDelayMs?: number;
  reconnectDelayMaxMs?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  nearMissesPerHour?: number;
  interventionsPerHour?: number;
  /** Aborting stops generation; the run then drains and resolves with its report. */
  signal?: AbortSignal;
  onProgress?(report: SimulatorReport): void;
  /** Notable events (reconnects, refusals, a full buffer), one line each. */
  log?(line: string): void;
}

export interface SimulatorReport {
  seed: string;
  robots: number;
  connectedRobots: number;
  /** Robots whose device token the field refused. */
  refusedRobots: number;
  startedAt: string;
  elapsedMs: number;
  samples: { generated: number; acknowledged: number; stored: number; dropped: number; pending: number };
  batches: {
    created: number;
    sent: number;
    resent: number;
    acknowledged: number;
    duplicates: number;
    dropped: number;
    pending: number;
  };
  reconnects: number;
  /** Time robots spent not generating because their buffer was full, summed over robots. */
  generationPausedMs: number;
  errors: Record<string, number>;
  ackLatencyMs: { p50: number; p99: number; max: number } | null;
  /** Every robot's seqs lie below this: a later run with the same tokens must start at or above it. */
  nextSeq: number;
  /** Every generated sample was acknowledged. */
  complete: boolean;
  perRobot: RobotReport[];
}

export interface RobotReport {
  robot: number;
  connected: boolean;
  refused: boolean;
  samplesGenerated: number;
  samplesAcknowledged: number;
  samplesPending: number;
  nextSeq: number;
}

export class SimulatorOptionError extends Error {}

export const DEFAULT_TASKS = ['pick_and_place'];
/** Total unacknowledged batches the default buffers hold across all robots. */
const TOTAL_BUFFERED_BATCHES = 10_000;

type Settings = Required<Omit<SimulatorOptions, 'signal' | 'onProgress' | 'log' | 'durationMs'>> &
  Pick<SimulatorOptions, 'signal' | 'onProgress' | 'durationMs'> & { log(line: string): void };

export function resolveOptions(options: SimulatorOptions): Settings {
  const robots = options.tokens.length;
  const settings: Settings = {
    hz: 50,
    batchSize: 100,
    taskSuccess: 0.8,
    tasks: DEFAULT_TASKS,
    teleop: false,
    pace: 1,
    seed: randomBytes(6).toString('hex'),
    seqStart: Date.now(),
    bufferCapacity: Math.max(100, Math.floor(TOTAL_BUFFERED_BATCHES / Math.max(1, robots))),
    maxInFlight: 16,
    ackTimeoutMs: 10_000,
    drainTimeoutMs: 10_000,
    flushAfterMs: 1000,
    tickMs: 100,
    progressIntervalMs: 5000,
    reconnectDelayMs: 500,
    reconnectDelayMaxMs: 5000,
    retryBaseMs: 250,
    retryMaxMs: 10_000,
    nearMissesPerHour: 2,
    interventionsPerHour: 1,
    log: () => undefined,
    ...withoutUndefined(options),
    url: options.url,
    tokens: options.tokens,
  };
  const check = (ok: boolean, message: string) => {
    if (!ok) throw new SimulatorOptionError(message);
  };
  let origin: URL | null = null;
  try {
    origin = new URL(settings.url);
  } catch {
    // reported below
  }
  check(
    origin !== null && /^(https?|wss?):$/.test(origin.protocol),
    `--url must be an http(s) URL, not "${settings.url}"`,
  );
  check(robots > 0, 'give at least one device token (--token or --tokens-file)');
  for (const token of settings.tokens) check(/^frt_\S+$/.test(token), 'a device token starts with "frt_"');
  check(new Set(settings.tokens).size === robots, 'each robot needs its own device token; a token was given twice');
  check(settings.hz > 0 && settings.hz <= 1000, '--hz must be more than 0 and at most 1000');
  check(isIntegerIn(settings.batchSize, 1, MAX_BATCH_SAMPLES), `--batch must be an integer 1..${MAX_BATCH_SAMPLES}`);
  check(settings.durationMs === undefined || settings.durationMs > 0, '--duration must be more than 0 seconds');
  check(settings.taskSuccess >= 0 && settings.taskSuccess <= 1, '--task-success must lie in 0..1');
  check(settings.pace >= 1 && settings.pace <= 100, '--pace must lie in 1..100');
  check(settings.tasks.length > 0, '--tasks needs at least one task key');
  for (const task of settings.tasks) check(TaskKey.safeParse(task).success, `"${task}" is not a task key`);
  check(isIntegerIn(settings.seqStart, 0, Number.MAX_SAFE_INTEGER), '--seq-start must be a non-negative integer');
  check(isIntegerIn(settings.bufferCapacity, 1, 1_000_000), '--buffer must be an integer 1..1000000');
  check(isIntegerIn(settings.maxInFlight, 1, 1000), 'maxInFlight must be an integer 1..1000');
  for (const key of ['ackTimeoutMs', 'drainTimeoutMs', 'flushAfterMs', 'tickMs', 'progressIntervalMs'] as const) {
    check(settings[key] > 0, `${key} must be more than 0`);
  }
  return settings;
}

/**
 * Runs virtual robots against the field until `durationMs` passes or `signal` aborts, then waits
 * (at most `drainTimeoutMs`) for outstanding acknowledgements and resolves with the report.
 */
export async function startSimulator(options: SimulatorOptions): Promise<SimulatorReport> {
  const settings = resolveOptions(options);
  const startedAtMs = Date.now();
  const links = settings.tokens.map(
    (token, index) =>
      new RobotLink({
        url: settings.url,
        token,
        number: index + 1,
        model: {
          seed: settings.seed,
          robotIndex: index,
          startMs: startedAtMs,
          hz: settings.hz,
          tasks: settings.tasks,
          taskSuccess: settings.taskSuccess,
          teleop: settings.teleop,
          pace: settings.pace,
          nearMissesPerHour: settings.nearMissesPerHour,
          interventionsPerHour: settings.interventionsPerHour,
        },
        batchSize: settings.batchSize,
        bufferCapacity: settings.bufferCapacity,
        firstSeq: settings.seqStart,
        maxInFlight: settings.maxInFlight,
        ackTimeoutMs: settings.ackTimeoutMs,
        flushAfterMs: settings.flushAfterMs,
        retryBaseMs: settings.retryBaseMs,
        retryMaxMs: settings.retryMaxMs,
        reconnectDelayMs: settings.reconnectDelayMs,
        reconnectDelayMaxMs: settings.reconnectDelayMaxMs,
        log: settings.log,
      }),
  );
  const report = (nowMs: number) => buildReport(settings, links, startedAtMs, nowMs);

  return new Promise((resolve) => {
    let drainUntilMs: number | null = null;
    const beginDrain = (nowMs: number) => {
      if (drainUntilMs !== null) return;
      drainUntilMs = nowMs + settings.drainTimeoutMs;
      for (const link of links) link.finishGenerating(nowMs);
    };
    const finish = () => {
      clearInterval(ticker);
      clearInterval(progress);
      settings.signal?.removeEventListener('abort', onAbort);
      const final = report(Date.now());
      for (const link of links) link.close();
      resolve(final);
    };
    const onAbort = () => beginDrain(Date.now());

    const ticker = setInterval(() => {
      const nowMs = Date.now();
      if (drainUntilMs === null) {
        for (const link of links) link.tick(nowMs);
        const timeUp = settings.durationMs !== undefined && nowMs - startedAtMs >= settings.durationMs;
        if (timeUp || links.every((link) => link.refused)) beginDrain(nowMs);
      } else {
        for (const link of links) link.flush();
      }
      if (drainUntilMs !== null && (links.every((link) => link.settled) || nowMs >= drainUntilMs)) finish();
    }, settings.tickMs);
    const progress = setInterval(() => settings.onProgress?.(report(Date.now())), settings.progressIntervalMs);

    if (settings.signal?.aborted) onAbort();
    settings.signal?.addEventListener('abort', onAbort);
    for (const link of links) link.start();
  });
}

function buildReport(settings: Settings, links: RobotLink[], startedAtMs: number, nowMs: number): SimulatorReport {
  const sum = (pick: (link: RobotLink) => number) => links.reduce((total, link) => total + pick(link), 0);
  const latency = new LatencyHistogram();
  const errors: Record<string, number> = {};
  for (const link of links) {
    latency.merge(link.latency);
    for (const [code, count] of Object.entries(link.counters.errors)) errors[code] = (errors[code] ?? 0) + count;
  }
  const generated = sum((link) => link.counters.samplesGenerated);
  const acknowledged = sum((link) => link.counters.samplesAcknowledged);
  return {
    seed: settings.seed,
    robots: links.length,
    connectedRobots: links.filter((link) => link.connected).length,
    refusedRobots: links.filter((link) => link.refused).length,
    startedAt: new Date(startedAtMs).toISOString(),
    elapsedMs: nowMs - startedAtMs,
    samples: {
      generated,
      acknowledged,
      stored: sum((link) => link.counters.samplesStored),
      dropped: sum((link) => link.counters.samplesDropped),
      pending: sum((link) => link.pendingSamples),
    },
    batches: {
      created: sum((link) => link.counters.batchesCreated),
      sent: sum((link) => link.counters.batchesSent),
      resent: sum((link) => link.counters.batchesResent),
      acknowledged: sum((link) => link.counters.batchesAcknowledged),
      duplicates: sum((link) => link.counters.duplicates),
      dropped: sum((link) => link.counters.batchesDropped),
      pending: sum((link) => link.pendingBatches),
    },
    reconnects: sum((link) => link.counters.reconnects),
    generationPausedMs: sum((link) => link.generationPausedMs(nowMs)),
    errors,
    ackLatencyMs:
      latency.count === 0
        ? null
        : {
            p50: hundredths(latency.percentile(0.5)),
            p99: hundredths(latency.percentile(0.99)),
            max: hundredths(latency.max),
          },
    nextSeq: Math.max(...links.map((link) => link.nextSeq)),
    complete: generated === acknowledged,
    perRobot: links.map((link, index) => ({
      robot: index + 1,
      connected: link.connected,
      refused: link.refused,
      samplesGenerated: link.counters.samplesGenerated,
      samplesAcknowledged: link.counters.samplesAcknowledged,
      samplesPending: link.pendingSamples,
      nextSeq: link.nextSeq,
    })),
  };
}

function hundredths(ms: number | null): number {
  return Math.round((ms ?? 0) * 100) / 100;
}

function isIntegerIn(value: number, min: number, max: number): boolean {
  return Number.isSafeInteger(value) && value >= min && value <= max;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
