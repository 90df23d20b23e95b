import { McapIndexedReader } from '@mcap/core';
import { writeRecording } from './mcap-recording';
import type { StoredSample } from './telemetry-reader';

describe('writeRecording', () => {
  it('writes an indexed MCAP file holding every sample, one channel per robot and channel', async () => {
    const chunks: Uint8Array[] = [];
    const samples: StoredSample[] = [];
    for (let i = 0; i < 500; i++) {
      samples.push({
        robotId: 'r1',
        ts: 1_800_000_000_000 + i * 20,
        channel: 'joint_state',
        data: { position: [i, -i] },
      });
      if (i % 50 === 0)
        samples.push({ robotId: 'r2', ts: 1_800_000_000_000 + i * 20, channel: 'custom/temp', data: { c: i } });
    }
    const { messages } = await writeRecording(
      { write: async (chunk) => void chunks.push(chunk) },
      {
        sessionId: 's1',
        kind: 'drill',
        bay: { id: 'b1', code: '3F-A', name: '工业制造实训区' },
        robots: [
          { id: 'r1', name: '行者一号', serialNumber: 'SN-1' },
          { id: 'r2', name: 'Spot', serialNumber: 'SN-2' },
        ],
        startsAt: '2027-01-01T00:00:00.000Z',
        endsAt: '2027-01-01T01:00:00.000Z',
        startedAt: null,
        endedAt: null,
      },
      (async function* () {
        yield* samples;
      })(),
    );
    expect(messages).toBe(samples.length);

    const file = Buffer.concat(chunks);
    const reader = await McapIndexedReader.Initialize({
      readable: {
        size: async () => BigInt(file.length),
        read: async (offset, length) => file.subarray(Number(offset), Number(offset + length)),
      },
    });
    expect([...reader.channelsById.values()].map((channel) => channel.topic).sort()).toEqual([
      '/SN-1/joint_state',
      '/SN-2/custom/temp',
    ]);
    expect(reader.statistics?.messageCount).toBe(BigInt(samples.length));
    expect(reader.chunkIndexes.length).toBeGreaterThan(0);
    let read = 0;
    for await (const message of reader.readMessages()) {
      const data = JSON.parse(new TextDecoder().decode(message.data)) as Record<string, unknown>;
      expect(data).toBeDefined();
      read++;
    }
    expect(read).toBe(samples.length);
    const metadata = [];
    for await (const record of reader.readMetadata({ name: 'session' })) metadata.push(record);
    expect(metadata[0].metadata.get('bay')).toContain('工业制造实训区');
    const schema = [...reader.schemasById.values()].find((candidate) => candidate.name === 'joint_state');
    expect(schema?.encoding).toBe('jsonschema');
  });
});
