import { join } from 'node:path';
import { BATCH, robotBatch } from './support/robot-batches';
import { bestSecondsPerCall } from './support/timed-loop';

const BATCHES = 300;
const ROUNDS = 5;
const SECONDS_PER_ROUND = 1;

interface Sample {
  ts: number;
  channel: string;
  data: Record<string, unknown>;
}
interface Batch {
  seq: number;
  samples: Sample[];
}
interface IngestModules {
  checkBatch(raw: unknown, byteLength: number | null, now: number): { ok: boolean };
  packBatch(samples: Sample[], sessionAt: (ts: number) => string | null): unknown[];
  encodePayload(packet: unknown): Buffer;
  samplesJsonIn(batchJson: string): string | null;
}

/**
 * The field's CPU for one batch of 100 samples on its hot path, step by step, in this process and
 * without I/O: checking it, packing and encoding its rows, and writing the watchers' message (as a
 * websocket frame's bytes), by serialising the samples or from the robot's own text.
 * Baseline: parsing the batch's socket.io event text, which any server taking the contract's
 * payload must do first. Each step runs over the same 300 batches for 1 s, best of 5 rounds.
 */
export async function ingestBench(): Promise<void> {
  const { checkBatch, packBatch, encodePayload, samplesJsonIn } = await builtModules();
  const start = Date.now() - 3_600_000;
  const texts = Array.from({ length: BATCHES }, (_, seq) =>
    JSON.stringify(['telemetry', robotBatch(seq, start + seq * BATCH * 10)]),
  );
  const batches = texts.map((text) => (JSON.parse(text) as [string, Batch])[1]);
  // What the field's socket.io parser keeps of each: the batch's own text.
  const batchTexts = texts.map((text) => text.slice('["telemetry",'.length, -1));
  const byteLengths = batches.map((batch) => Buffer.byteLength(JSON.stringify(batch)));
  const now = Date.now();
  const steps: [string, (index: number) => number][] = [
    ['parse the event text (baseline)', (i) => (JSON.parse(texts[i]) as unknown[]).length],
    ['check', (i) => (checkBatch(batches[i], byteLengths[i], now).ok ? 1 : 0)],
    [
      'pack and encode its rows',
      (i) => {
        let bytes = 0;
        for (const packet of packBatch(batches[i].samples, () => 'session')) bytes += encodePayload(packet).length;
        return bytes;
      },
    ],
    [
      "write the watchers' message",
      (i) =>
        Buffer.from(
          `42/watch,${JSON.stringify(['telemetry', { robotId: 'r', sessionId: 's', samples: batches[i].samples }])}`,
        ).length,
    ],
    [
      '  … from the robot’s text',
      (i) =>
        Buffer.from(`42/watch,["telemetry",{"robotId":"r","sessionId":"s","samples":${samplesJsonIn(batchTexts[i])}}]`)
          .length,
    ],
  ];
  console.log(`the hot path, per batch of ${BATCH} samples (best of ${ROUNDS} rounds of ${SECONDS_PER_ROUND} s):`);
  let baseline = NaN;
  for (const [name, step] of steps) {
    const micros = bestSecondsPerCall(BATCHES, step, { seconds: SECONDS_PER_ROUND, rounds: ROUNDS }) * 1e6;
    if (Number.isNaN(baseline)) baseline = micros;
    console.log(
      `  ${name.padEnd(32)} ${micros.toFixed(1).padStart(6)} µs  (${(micros / baseline).toFixed(2)} of parsing)`,
    );
  }
}

/**
 * The built server's modules (dist/libs), loaded at run time: compiling them into the bench would
 * emit them again without their path aliases resolved.
 */
async function builtModules(): Promise<IngestModules> {
  const built = join(__dirname, '..', 'libs', 'telemetry', 'src');
  const [check, packets, samplesJson] = (await Promise.all([
    import(join(built, 'ingest', 'batch-check.js')),
    import(join(built, 'storage', 'packets.js')),
    import(join(built, 'watch', 'samples-json.js')),
  ])) as [
    Pick<IngestModules, 'checkBatch'>,
    Pick<IngestModules, 'packBatch' | 'encodePayload'>,
    Pick<IngestModules, 'samplesJsonIn'>,
  ];
  return {
    checkBatch: check.checkBatch,
    packBatch: packets.packBatch,
    encodePayload: packets.encodePayload,
    samplesJsonIn: samplesJson.samplesJsonIn,
  };
}
