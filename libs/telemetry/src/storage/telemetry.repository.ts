import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { TelemetryBatchesRow, TelemetryPacketsRow } from '../rows.generated';
import type { Packet } from './packets';

/** What a batch keeps of its packets once encoded: everything to write but the samples. */
export type PacketHeader = Omit<Packet, 'samples'> & { sampleCount: number };

export interface BatchToWrite {
  robotId: string;
  seq: number;
  sampleCount: number;
  /** When this process received the batch (ISO), written as the batch row's received_at. */
  receivedAt: string;
  packets: readonly PacketHeader[];
  /** Each packet's encoded samples, in the order of `packets`. */
  payloads: readonly Buffer[];
}

export type BatchKey = Pick<TelemetryBatchesRow, 'robot_id' | 'seq'>;

export interface ChannelCounts {
  robotId: string;
  channel: string;
  samples: number;
}

/** Where a packet sits in the read order: first sample, robot, seq, part. */
export type PacketCursor = [firstTs: Date, robotId: string, seq: string, part: number];

export interface PacketQuery {
  sessionId: string;
  startsFrom: Date;
  endsFrom: Date;
  startsBefore?: Date;
  robotIds?: readonly string[];
  channels?: readonly string[];
  after?: PacketCursor;
  limit: number;
}

export interface StoredPacket {
  robotId: string;
  seq: string;
  part: number;
  channel: string;
  firstTs: Date;
  payload: Buffer;
}

type PacketRow = Pick<TelemetryPacketsRow, 'robot_id' | 'seq' | 'part' | 'channel' | 'first_ts' | 'payload'>;

/** The telemetry_batches and telemetry_packets tables and their daily partitions. */
@Injectable()
export class TelemetryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One statement: batch rows for the (robot, seq) pairs not stored yet, their packets, and the pairs
   * that won. Straight to the pool as a named statement: each connection parses and plans it once
   * instead of every flush (its plan spans every partition of both tables), which took a tenth of
   * PostgreSQL's and of the field's CPU at a steady 250 flushes a second.
   */
  async insertNew(batches: readonly BatchToWrite[]): Promise<BatchKey[]> {
    const packetRows = batches.flatMap((batch) =>
      batch.packets.map((packet, part) => ({ batch, packet, part, payload: batch.payloads[part] })),
    );
    // Every payload in one binary parameter, cut apart by offsets in SQL: a bytea[] parameter would
    // travel as hex text, twice the bytes to write and for PostgreSQL to decode.
    const payloads = Buffer.concat(packetRows.map((row) => row.payload));
    const offsets: number[] = [];
    let offset = 1;
    for (const row of packetRows) {
      offsets.push(offset);
      offset += row.payload.length;
    }
    const { rows } = await this.pool().query<BatchKey>({
      name: 'telemetry_flush',
      text: `WITH incoming AS (
         SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::int[], $15::timestamptz[])
                    AS b(robot_id, seq, sample_count, received_at)
       ),
       won AS (
         INSERT INTO telemetry_batches (robot_id, seq, sample_count, received_at)
         SELECT i.robot_id, i.seq, i.sample_count, i.received_at FROM incoming i
          WHERE NOT EXISTS (SELECT 1 FROM telemetry_batches t WHERE t.robot_id = i.robot_id AND t.seq = i.seq)
         ON CONFLICT DO NOTHING
         RETURNING robot_id, seq
       ),
       packets AS (
         INSERT INTO telemetry_packets
           (robot_id, seq, part, channel, session_id, first_ts, last_ts, sample_count, payload)
         SELECT p.robot_id, p.seq, p.part, p.channel, p.session_id, p.first_ts, p.last_ts, p.sample_count,
                substring($12::bytea FROM p.payload_at FOR p.payload_bytes)
           FROM unnest($4::uuid[], $5::bigint[], $6::smallint[], $7::text[], $8::uuid[], $9::timestamptz[],
                       $10::timestamptz[], $11::int[], $13::int[], $14::int[])
                AS p(robot_id, seq, part, channel, session_id, first_ts, last_ts, sample_count, payload_at, payload_bytes)
           JOIN won w ON w.robot_id = p.robot_id AND w.seq = p.seq
         RETURNING 1
       )
       SELECT robot_id, seq::text FROM won`,
      values: [
        batches.map((batch) => batch.robotId),
        batches.map((batch) => batch.seq),
        batches.map((batch) => batch.sampleCount),
        packetRows.map((row) => row.batch.robotId),
        packetRows.map((row) => row.batch.seq),
        packetRows.map((row) => row.part),
        packetRows.map((row) => row.packet.channel),
        packetRows.map((row) => row.packet.sessionId),
        packetRows.map((row) => new Date(row.packet.firstTs).toISOString()),
        packetRows.map((row) => new Date(row.packet.lastTs).toISOString()),
        packetRows.map((row) => row.packet.sampleCount),
        payloads,
        offsets,
        packetRows.map((row) => row.payload.length),
        batches.map((batch) => batch.receivedAt),
      ],
    });
    return rows;
  }

  /** Which of these batches are stored with their own received_at, i.e. by this very copy. */
  async storedAsReceived(batches: readonly BatchToWrite[]): Promise<BatchKey[]> {
    const { rows } = await this.pool().query<BatchKey>(
      `SELECT t.robot_id, t.seq::text FROM telemetry_batches t
         JOIN unnest($1::uuid[], $2::bigint[], $3::timestamptz[]) AS u(robot_id, seq, received_at)
           ON t.robot_id = u.robot_id AND t.seq = u.seq AND t.received_at = u.received_at`,
      [
        batches.map((batch) => batch.robotId),
        batches.map((batch) => batch.seq),
        batches.map((batch) => batch.receivedAt),
      ],
    );
    return rows;
  }

  /** From the packets' counts: one indexed aggregate, no payload decoded. */
  async sampleCounts(sessionId: string): Promise<ChannelCounts[]> {
    const rows: (Pick<TelemetryPacketsRow, 'robot_id' | 'channel'> & { samples: string })[] =
      await this.dataSource.query(
        `SELECT robot_id, channel, sum(sample_count)::bigint AS samples FROM telemetry_packets
          WHERE session_id = $1 GROUP BY robot_id, channel ORDER BY robot_id, channel`,
        [sessionId],
      );
    return rows.map((row) => ({ robotId: row.robot_id, channel: row.channel, samples: Number(row.samples) }));
  }

  /** A session's packets in read order, from `query.after` on. */
  async packets(query: PacketQuery): Promise<StoredPacket[]> {
    const params: unknown[] = [query.sessionId, query.startsFrom, query.endsFrom];
    const where = ['session_id = $1', 'first_ts >= $2', 'last_ts >= $3'];
    const add = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.startsBefore !== undefined) where.push(`first_ts < ${add(query.startsBefore)}`);
    if (query.robotIds) where.push(`robot_id = ANY(${add(query.robotIds)}::uuid[])`);
    if (query.channels) where.push(`channel = ANY(${add(query.channels)}::text[])`);
    if (query.after) {
      const [firstTs, robotId, seq, part] = query.after;
      where.push(
        `(first_ts, robot_id, seq, part) > (${add(firstTs)}, ${add(robotId)}::uuid, ${add(seq)}::bigint, ${add(part)})`,
      );
    }
    const rows: PacketRow[] = await this.dataSource.query(
      `SELECT robot_id, seq::text, part, channel, first_ts, payload FROM telemetry_packets
        WHERE ${where.join(' AND ')}
        ORDER BY first_ts, robot_id, seq, part LIMIT ${query.limit}`,
      params,
    );
    return rows.map((row) => ({
      robotId: row.robot_id,
      seq: row.seq,
      part: row.part,
      channel: row.channel,
      firstTs: row.first_ts,
      payload: row.payload,
    }));
  }

  /** Makes sure `days` days of partitions exist from today (UTC) on; answers how many were new. */
  async ensurePartitions(days: number): Promise<number> {
    const [{ created }]: { created: number }[] = await this.dataSource.query(
      `SELECT telemetry_ensure_partitions((now() AT TIME ZONE 'UTC')::date, $1) AS created`,
      [days],
    );
    return created;
  }

  /** Drops the partitions older than `days` days (UTC); answers how many. */
  async dropPartitionsOlderThan(days: number): Promise<number> {
    const [{ dropped }]: { dropped: number }[] = await this.dataSource.query(
      `SELECT telemetry_drop_partitions((now() AT TIME ZONE 'UTC')::date - $1::int) AS dropped`,
      [days],
    );
    return dropped;
  }

  private pool(): Pool {
    return (this.dataSource.driver as PostgresDriver).master as Pool;
  }
}
