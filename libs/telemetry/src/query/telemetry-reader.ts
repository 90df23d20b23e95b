import { Injectable } from '@nestjs/common';
import { decodePayload, MAX_PACKET_SPAN_MS } from '../storage/packets';
import { ChannelCounts, PacketCursor, PacketQuery, TelemetryRepository } from '../storage/telemetry.repository';
import { MinHeap } from './min-heap';

export interface StoredSample {
  robotId: string;
  ts: number;
  channel: string;
  data: Record<string, unknown>;
}

/** Where a sample sits in the stream: its time, then its packet, then its place in the packet. */
export type SampleKey = [ts: number, robotId: string, seq: string, part: number, index: number];

export interface SampleFilter {
  sessionId: string;
  robotIds?: readonly string[];
  channels?: readonly string[];
  from?: number;
  to?: number;
  /** Resume strictly after this sample. */
  after?: SampleKey;
}

interface Keyed {
  key: SampleKey;
  sample: StoredSample;
}

const PACKETS_PER_FETCH = 200;

export const compareKeys = (a: SampleKey, b: SampleKey): number => {
  for (let i = 0; i < a.length; i++) {
    if (a[i] < b[i]) return -1;
    if (a[i] > b[i]) return 1;
  }
  return 0;
};

/**
 * Reads stored telemetry back in time order. Packets of different robots and channels overlap in
 * time, so they are merged: packets are fetched lazily in order of their first sample, and a sample
 * is released once no packet still to be fetched can hold an earlier one.
 */
@Injectable()
export class TelemetryReader {
  constructor(private readonly repository: TelemetryRepository) {}

  /** How many samples of each channel every robot stored in a session. */
  sampleCounts(sessionId: string): Promise<ChannelCounts[]> {
    return this.repository.sampleCounts(sessionId);
  }

  async *samples(filter: SampleFilter): AsyncGenerator<Keyed> {
    const lower = Math.max(filter.from ?? 0, filter.after?.[0] ?? 0);
    const heap = new MinHeap<Keyed>((a, b) => compareKeys(a.key, b.key) < 0);
    let cursor: PacketCursor | undefined;
    let fetchedUntil = -Infinity;
    let exhausted = false;

    const fetchMore = async () => {
      const query: PacketQuery = {
        sessionId: filter.sessionId,
        startsFrom: new Date(lower - MAX_PACKET_SPAN_MS),
        endsFrom: new Date(lower),
        startsBefore: filter.to !== undefined ? new Date(filter.to) : undefined,
        robotIds: filter.robotIds,
        channels: filter.channels,
        after: cursor,
        limit: PACKETS_PER_FETCH,
      };
      const packets = await this.repository.packets(query);
      for (const packet of packets) {
        const samples = await decodePayload(packet.payload, packet.firstTs.getTime(), packet.channel);
        samples.forEach((sample, index) => {
          const key: SampleKey = [sample.ts, packet.robotId, packet.seq.padStart(20, '0'), packet.part, index];
          if (filter.from !== undefined && sample.ts < filter.from) return;
          if (filter.to !== undefined && sample.ts >= filter.to) return;
          if (filter.after && compareKeys(key, filter.after) <= 0) return;
          heap.push({ key, sample: { robotId: packet.robotId, ...sample } });
        });
      }
      if (packets.length > 0) {
        const last = packets[packets.length - 1];
        cursor = [last.firstTs, last.robotId, last.seq, last.part];
        fetchedUntil = last.firstTs.getTime();
      }
      exhausted = packets.length < PACKETS_PER_FETCH;
    };

    for (;;) {
      // Packets not yet fetched start at fetchedUntil or later, so only earlier samples are final.
      while (!exhausted && (heap.size === 0 || (heap.peek() as Keyed).key[0] >= fetchedUntil)) await fetchMore();
      const next = heap.pop();
      if (!next) return;
      yield next;
    }
  }
}
