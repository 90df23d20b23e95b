import { promisify } from 'node:util';
import { deflateRawSync, inflateRaw } from 'node:zlib';

const inflate = promisify(inflateRaw);

export interface Sample {
  ts: number;
  channel: string;
  data: Record<string, unknown>;
}

/** The samples of one batch for one channel and one session: one stored row. */
export interface Packet {
  channel: string;
  sessionId: string | null;
  firstTs: number;
  lastTs: number;
  samples: Sample[];
}

/**
 * No packet spans more than this: a reader looking for samples from time t need only look at
 * packets that start after t minus this span, which an index answers.
 */
export const MAX_PACKET_SPAN_MS = 60_000;

/**
 * Splits a batch into packets by channel and by the session each sample belongs to, each packet in
 * time order (a batch may arrive unsorted, and may straddle a session's start or end) and spanning
 * at most MAX_PACKET_SPAN_MS.
 */
export function packBatch(samples: readonly Sample[], sessionAt: (ts: number) => string | null): Packet[] {
  const packets = new Map<string, Packet>();
  for (const sample of samples) {
    const sessionId = sessionAt(sample.ts);
    const key = `${sample.channel}\u0000${sessionId ?? ''}`;
    let packet = packets.get(key);
    if (!packet) {
      packet = { channel: sample.channel, sessionId, firstTs: sample.ts, lastTs: sample.ts, samples: [] };
      packets.set(key, packet);
    }
    packet.samples.push(sample);
    if (sample.ts < packet.firstTs) packet.firstTs = sample.ts;
    if (sample.ts > packet.lastTs) packet.lastTs = sample.ts;
  }
  const result: Packet[] = [];
  for (const packet of packets.values()) {
    packet.samples.sort((a, b) => a.ts - b.ts);
    result.push(...splitBySpan(packet));
  }
  return result;
}

function splitBySpan(packet: Packet): Packet[] {
  if (packet.lastTs - packet.firstTs <= MAX_PACKET_SPAN_MS) return [packet];
  const pieces: Packet[] = [];
  let current: Packet | null = null;
  for (const sample of packet.samples) {
    if (!current || sample.ts - current.firstTs > MAX_PACKET_SPAN_MS) {
      current = {
        channel: packet.channel,
        sessionId: packet.sessionId,
        firstTs: sample.ts,
        lastTs: sample.ts,
        samples: [],
      };
      pieces.push(current);
    }
    current.samples.push(sample);
    current.lastTs = sample.ts;
  }
  return pieces;
}

/**
 * A 2 KiB window still spans a row of a 32-joint state and, the repeats being a row apart, stores
 * smaller and deflates about twice as fast as the default 32 KiB (measured on 7-, 12- and 32-joint
 * states); inflate's default window reads it, and the packets stored before.
 */
const DEFLATE = { level: 6, windowBits: 11, memLevel: 7 };

/**
 * Raw DEFLATE of `[[ts - firstTs, data], ...]`. Offsets keep the timestamps small. Deflated in
 * place, on the event loop: a packet takes well under a millisecond, and handing each one to
 * libuv's thread pool instead cost two to four times the CPU (a zlib stream and thread hand-off per
 * packet, several per batch, contending for the same two cores), the ingest's largest cost.
 */
export function encodePayload(packet: Packet): Buffer {
  const rows = packet.samples.map((sample) => [sample.ts - packet.firstTs, sample.data]);
  const json = Buffer.from(JSON.stringify(rows));
  return deflateRawSync(json, { ...DEFLATE, chunkSize: Math.max(16 * 1024, json.length) });
}

export async function decodePayload(payload: Buffer, firstTs: number, channel: string): Promise<Sample[]> {
  const rows = JSON.parse((await inflate(payload)).toString('utf8')) as [number, Record<string, unknown>][];
  return rows.map(([offset, data]) => ({ ts: firstTs + offset, channel, data }));
}
