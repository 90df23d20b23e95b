import { McapWriter } from '@mcap/core';
import { WELL_KNOWN_CHANNELS, isWellKnownChannel } from '@app/contract';
import { z } from 'zod';
import type { StoredSample } from './telemetry-reader';

export interface RecordingRobot {
  id: string;
  name: string;
  serialNumber: string;
}

export interface RecordingInfo {
  sessionId: string;
  kind: string;
  bay: { id: string; code: string; name: string };
  robots: RecordingRobot[];
  startsAt: string;
  endsAt: string;
  startedAt: string | null;
  endedAt: string | null;
}

/** Where the file goes; `write` resolves when the bytes may be followed by more (backpressure). */
export interface ByteSink {
  write(chunk: Uint8Array): Promise<void>;
}

const encoder = new TextEncoder();

/**
 * Writes a session's telemetry as MCAP (JSON message encoding) for Foxglove and Lichtblick: one
 * channel per robot and channel, JSON schemas for the well-known channels, a metadata record
 * describing the session, and chunks with message and chunk indexes so viewers can seek.
 * Streaming: only the indexes are held in memory, never the messages.
 */
export async function writeRecording(
  sink: ByteSink,
  info: RecordingInfo,
  samples: AsyncIterable<StoredSample>,
): Promise<{ messages: number }> {
  let position = 0n;
  const writer = new McapWriter({
    writable: {
      write: async (buffer) => {
        position += BigInt(buffer.byteLength);
        await sink.write(buffer);
      },
      position: () => position,
    },
    useChunks: true,
    chunkSize: 1024 * 1024,
    useStatistics: true,
    useSummaryOffsets: true,
    useChunkIndex: true,
    useMessageIndex: true,
  });
  await writer.start({ profile: '', library: 'mianyang-training-field' });
  await writer.addMetadata({
    name: 'session',
    metadata: new Map([
      ['sessionId', info.sessionId],
      ['kind', info.kind],
      ['bay', JSON.stringify(info.bay)],
      ['robots', JSON.stringify(info.robots)],
      ['startsAt', info.startsAt],
      ['endsAt', info.endsAt],
      ['startedAt', info.startedAt ?? ''],
      ['endedAt', info.endedAt ?? ''],
    ]),
  });

  const robots = new Map(info.robots.map((robot) => [robot.id, robot]));
  const schemas = new Map<string, number>();
  const channels = new Map<string, { id: number; sequence: number }>();
  let messages = 0;

  for await (const sample of samples) {
    const key = `${sample.robotId}\u0000${sample.channel}`;
    let channel = channels.get(key);
    if (!channel) {
      let schemaId = schemas.get(sample.channel);
      if (schemaId === undefined) {
        schemaId = isWellKnownChannel(sample.channel)
          ? await writer.registerSchema({
              name: sample.channel,
              encoding: 'jsonschema',
              data: encoder.encode(
                JSON.stringify(z.toJSONSchema(WELL_KNOWN_CHANNELS[sample.channel], { io: 'input' })),
              ),
            })
          : 0;
        schemas.set(sample.channel, schemaId);
      }
      const robot = robots.get(sample.robotId);
      const id = await writer.registerChannel({
        topic: `/${robot?.serialNumber ?? sample.robotId}/${sample.channel}`,
        messageEncoding: 'json',
        schemaId,
        metadata: new Map([
          ['robotId', sample.robotId],
          ['robotName', robot?.name ?? ''],
        ]),
      });
      channel = { id, sequence: 0 };
      channels.set(key, channel);
    }
    const time = BigInt(sample.ts) * 1_000_000n;
    await writer.addMessage({
      channelId: channel.id,
      sequence: channel.sequence++,
      logTime: time,
      publishTime: time,
      data: encoder.encode(JSON.stringify(sample.data)),
    });
    messages++;
  }
  await writer.end();
  return { messages };
}
