import { samplesJsonIn } from './samples-json';

/** Whatever it answers must parse to the samples JSON.parse finds in the same text. */
const expectSamplesOf = (batchJson: string) => {
  const found = samplesJsonIn(batchJson);
  expect(found).not.toBeNull();
  expect(JSON.parse(found as string)).toEqual((JSON.parse(batchJson) as { samples: unknown }).samples);
  return found;
};

const samples = [
  { ts: 1, channel: 'joint_state', data: { position: [0.5, -1e-7, 3], velocity: [1, 2, 3] } },
  {
    ts: 2,
    channel: 'note',
    data: { text: 'a "quoted" ] } [ { \\ text, "samples": [], "seq": 1 ', seq: 4, samples: [] },
  },
  {
    ts: 3,
    channel: 'note',
    data: { text: 'escapes \u0000 \u2028 é 中文 \ud83e\udd16', nested: [[{}], [[]]], ok: true },
  },
  { ts: 4, channel: 'heartbeat', data: {} },
];

describe('samplesJsonIn', () => {
  it('answers the samples exactly as written, in the usual batch', () => {
    const text = JSON.stringify({ seq: 7, samples: samples.slice(0, 1) });
    expect(samplesJsonIn(text)).toBe(JSON.stringify(samples.slice(0, 1)));
  });

  it('finds them whatever the spacing and member order', () => {
    expectSamplesOf(JSON.stringify({ seq: 7, samples }, null, 2));
    expectSamplesOf(` \n{ "samples" :${JSON.stringify(samples)} , "seq": 7 }\t`);
    expectSamplesOf(JSON.stringify({ samples, seq: 7 }));
  });

  it('finds them past strings holding brackets, quotes, escapes and member names', () => {
    expect(samplesJsonIn(JSON.stringify({ seq: 1, samples }))).toBe(JSON.stringify(samples));
    expectSamplesOf(JSON.stringify({ samples, seq: 1 }));
  });

  it('takes the last of duplicated members, as JSON.parse does', () => {
    const one = JSON.stringify(samples.slice(0, 1));
    const two = JSON.stringify(samples.slice(1, 2));
    expect(samplesJsonIn(`{"seq":1,"samples":${one},"samples":${two}}`)).toBe(two);
    expect(samplesJsonIn(`{"samples":${one},"seq":1,"samples":${two}}`)).toBe(two);
    expect(samplesJsonIn(`{"seq":1,"samples":${one},"seq":2}`)).toBe(one);
    expect(samplesJsonIn(`{"seq":1,"samples":${one},"s\\u0065q":2}`)).toBe(one);
    expect(samplesJsonIn(`{"seq":1,"samples":${one},"\\u0073amples":${two}}`)).toBe(two);
    expect(samplesJsonIn(`{"seq":1,"s\\u0061mples":${two}}`)).toBe(two);
  });

  it('answers null for what is not a batch object with samples', () => {
    for (const text of ['[]', '{}', '{"seq":1}', '"samples"', '']) {
      expect(samplesJsonIn(text)).toBeNull();
    }
  });

  it('agrees with JSON.parse on generated batches', () => {
    let seed = 42;
    const random = () => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return seed / 2 ** 32;
    };
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
    const value = (depth: number): unknown => {
      const kind = depth > 3 ? Math.floor(random() * 4) : Math.floor(random() * 6);
      if (kind === 0) return (random() - 0.5) * 10 ** Math.floor(random() * 20 - 10);
      if (kind === 1) return pick(['', '"', '\\', ']', '}', '"seq"', '"samples"', '\\u0041', 'é', '\n', 'abc']);
      if (kind === 2) return pick([true, false, null]);
      if (kind === 3) return Math.floor(random() * 1000);
      if (kind === 4) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      return Object.fromEntries(
        Array.from({ length: Math.floor(random() * 4) }, () => [
          pick(['seq', 'samples', 'a', 'b"', 'x]']),
          value(depth + 1),
        ]),
      );
    };
    for (let round = 0; round < 300; round++) {
      const batchSamples = Array.from({ length: 1 + Math.floor(random() * 5) }, (_, i) => ({
        ts: i,
        channel: 'c',
        data: value(0),
      }));
      const members = [`"seq":${round}`, `"samples":${JSON.stringify(batchSamples, null, random() < 0.3 ? 1 : 0)}`];
      if (random() < 0.5) members.reverse();
      expectSamplesOf(`{${members.join(random() < 0.5 ? ',' : ' ,\n ')}}`);
    }
  });
});
