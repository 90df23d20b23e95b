import { promisify } from 'node:util';
import { deflateRawSync, inflateRaw } from 'node:zlib';
import { decodeColumns, encodeColumns } from './column-codec';

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
  // Channel, then session: no key string to build for every sample.
  const byChannel = new Map<string, Map<string | null, Packet>>();
  const packets: Packet[] = [];
  const unsorted = new Set<Packet>();
  for (const sample of samples) {
    const sessionId = sessionAt(sample.ts);
    let bySession = byChannel.get(sample.channel);
    if (!bySession) {
      bySession = new Map();
      byChannel.set(sample.channel, bySession);
    }
    let packet = bySession.get(sessionId);
    if (!packet) {
      packet = { channel: sample.channel, sessionId, firstTs: sample.ts, lastTs: sample.ts, samples: [] };
      bySession.set(sessionId, packet);
      packets.push(packet);
    }
    packet.samples.push(sample);
    if (sample.ts < packet.lastTs) unsorted.add(packet);
    if (sample.ts < packet.firstTs) packet.firstTs = sample.ts;
    if (sample.ts > packet.lastTs) packet.lastTs = sample.ts;
  }
  const result: Packet[] = [];
  for (const packet of packets) {
    // Robots send in time order; sorting (stable) is for the batches that are not.
    if (unsorted.has(packet)) packet.samples.sort((a, b) => a.ts - b.ts);
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
const JSON_DEFLATE = { level: 6, windowBits: 11, memLevel: 7 };
/** Columns are already small integers: level 1 takes nearly all that deflate can still find. */
const COLUMNS_DEFLATE = { level: 1, windowBits: 11, memLevel: 7 };
/**
 * Columns shorter than this stay undeflated: a packet of 10 poses (280 bytes as columns) deflates by
 * 3 % for 20 µs, most of it setting up the zlib stream, where 85 joint states (2.5 KB) shrink by 30 %
 * in 60 µs.
 */
const DEFLATE_FROM_BYTES = 1024;

/*
 * Payload formats, told apart by the first byte. A raw DEFLATE stream begins with a block header
 * whose bits 1-2 give the block type, and type 3 is reserved, so no DEFLATE stream starts with
 * 0x06 or 0x07: those mark the columnar formats, and anything else is the first format (raw DEFLATE
 * of the samples' JSON), which packets of irregular samples still use.
 */
const COLUMNS = 0x06;
const COLUMNS_DEFLATED = 0x07;

/**
 * A packet's stored bytes: its samples as columns of exact decimal integers (see column-codec),
 * deflated when that pays, or, when the samples do not share one shape, raw DEFLATE of
 * `[[ts - firstTs, data], ...]`. On the event loop: a packet of 85 joint states takes about a
 * fifth of a millisecond as columns; handing each packet to libuv's thread pool instead cost more
 * CPU than the work (a zlib stream and thread hand-off per packet, contending for the same cores).
 */
export function encodePayload(packet: Packet): Buffer {
  const columns = encodeColumns(packet.samples, packet.firstTs);
  if (columns) {
    if (columns.length < DEFLATE_FROM_BYTES) return Buffer.concat([Buffer.of(COLUMNS), columns]);
    return Buffer.concat([Buffer.of(COLUMNS_DEFLATED), deflateRawSync(columns, COLUMNS_DEFLATE)]);
  }
  const rows = packet.samples.map((sample) => [sample.ts - packet.firstTs, sample.data]);
  const json = Buffer.from(JSON.stringify(rows));
  return deflateRawSync(json, { ...JSON_DEFLATE, chunkSize: Math.max(16 * 1024, json.length) });
}

export async function decodePayload(payload: Buffer, firstTs: number, channel: string): Promise<Sample[]> {
  if (payload[0] === COLUMNS || payload[0] === COLUMNS_DEFLATED) {
    const body = payload.subarray(1);
    const samples = decodeColumns(payload[0] === COLUMNS ? body : await inflate(body), firstTs);
    return samples.map(({ ts, data }) => ({ ts, channel, data: data as Record<string, unknown> }));
  }
  const rows = JSON.parse((await inflate(payload)).toString('utf8')) as [number, Record<string, unknown>][];
  return rows.map(([offset, data]) => ({ ts: firstTs + offset, channel, data }));
}
