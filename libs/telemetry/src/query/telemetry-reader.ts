import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { decodePayload, MAX_PACKET_SPAN_MS } from '../storage/packets';
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

export interface ChannelCounts {
  robotId: string;
  channel: string;
  samples: number;
}

interface Keyed {
  key: SampleKey;
  sample: StoredSample;
}

interface PacketRow {
  robot_id: string;
  seq: string;
  part: number;
  channel: string;
  first_ts: Date;
  payload: Buffer;
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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * How many samples of each channel every robot stored in a session, from the packets' counts:
   * one indexed aggregate, no payload decoded.
   */
  async sampleCounts(sessionId: string): Promise<ChannelCounts[]> {
    const rows: { robot_id: string; channel: string; samples: string }[] = await this.dataSource.query(
      `SELECT robot_id, channel, sum(sample_count)::bigint AS samples FROM telemetry_packets
        WHERE session_id = $1 GROUP BY robot_id, channel ORDER BY robot_id, channel`,
      [sessionId],
    );
    return rows.map((row) => ({ robotId: row.robot_id, channel: row.channel, samples: Number(row.samples) }));
  }

  async *samples(filter: SampleFilter): AsyncGenerator<Keyed> {
    const lower = Math.max(filter.from ?? 0, filter.after?.[0] ?? 0);
    const heap = new MinHeap<Keyed>((a, b) => compareKeys(a.key, b.key) < 0);
    let rowCursor: [Date, string, string, number] | null = null;
    let fetchedUntil = -Infinity;
    let exhausted = false;

    const fetchMore = async () => {
      const params: unknown[] = [filter.sessionId, new Date(lower - MAX_PACKET_SPAN_MS), new Date(lower)];
      const where = ['session_id = $1', 'first_ts >= $2', 'last_ts >= $3'];
      const add = (value: unknown) => {
        params.push(value);
        return `$${params.length}`;
      };
      if (filter.to !== undefined) where.push(`first_ts < ${add(new Date(filter.to))}`);
      if (filter.robotIds) where.push(`robot_id = ANY(${add(filter.robotIds)}::uuid[])`);
      if (filter.channels) where.push(`channel = ANY(${add(filter.channels)}::text[])`);
      if (rowCursor) {
        where.push(
          `(first_ts, robot_id, seq, part) > (${add(rowCursor[0])}, ${add(rowCursor[1])}::uuid, ${add(rowCursor[2])}::bigint, ${add(rowCursor[3])})`,
        );
      }
      const rows: PacketRow[] = await this.dataSource.query(
        `SELECT robot_id, seq::text, part, channel, first_ts, payload FROM telemetry_packets
          WHERE ${where.join(' AND ')}
          ORDER BY first_ts, robot_id, seq, part LIMIT ${PACKETS_PER_FETCH}`,
        params,
      );
      for (const row of rows) {
        const samples = await decodePayload(row.payload, row.first_ts.getTime(), row.channel);
        samples.forEach((sample, index) => {
          const key: SampleKey = [sample.ts, row.robot_id, row.seq.padStart(20, '0'), row.part, index];
          if (filter.from !== undefined && sample.ts < filter.from) return;
          if (filter.to !== undefined && sample.ts >= filter.to) return;
          if (filter.after && compareKeys(key, filter.after) <= 0) return;
          heap.push({ key, sample: { robotId: row.robot_id, ...sample } });
        });
      }
      if (rows.length > 0) {
        const last = rows[rows.length - 1];
        rowCursor = [last.first_ts, last.robot_id, last.seq, last.part];
        fetchedUntil = last.first_ts.getTime();
      }
      exhausted = rows.length < PACKETS_PER_FETCH;
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
