import { availableParallelism } from 'node:os';
import { bestSecondsPerCall } from './timed-loop';

export interface JsonWireFigures {
  /** Samples a second one core turns into event text, as a robot's socket.io client does. */
  stringifyPerSecond: number;
  /** Samples a second one core parses back, as any server reading the contract's payload must. */
  parsePerSecond: number;
  cores: number;
  /** With robots and field on this machine: every core doing nothing but stringify and parse. */
  ceilingPerSecond: number;
}

/**
 * What the contract's JSON wire costs on this machine, before any websocket framing, checking,
 * storage or fan-out: the batches as socket.io event text (`JSON.stringify(['telemetry', batch])`)
 * and back, each timed on one core for `seconds`. It bounds every ingest that takes the contract's
 * payload with its load generator beside it, however little else it does.
 */
export function measureJsonWire(batches: readonly { samples: readonly unknown[] }[], seconds = 2): JsonWireFigures {
  const samplesPerBatch = batches.reduce((sum, batch) => sum + batch.samples.length, 0) / batches.length;
  const texts = batches.map((batch) => JSON.stringify(['telemetry', batch]));
  const rate = (work: (index: number) => number) =>
    samplesPerBatch / bestSecondsPerCall(batches.length, work, { seconds });
  const stringifyPerSecond = rate((index) => JSON.stringify(['telemetry', batches[index]]).length);
  const parsePerSecond = rate((index) => (JSON.parse(texts[index]) as unknown[]).length);
  const cores = availableParallelism();
  return {
    stringifyPerSecond,
    parsePerSecond,
    cores,
    ceilingPerSecond: cores / (1 / stringifyPerSecond + 1 / parsePerSecond),
  };
}
