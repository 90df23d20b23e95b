import { decodeColumns, encodeColumns, TimedData } from './column-codec';

/** What a robot sent, as the ingest holds it: parsed from JSON text. */
const parsed = (text: string): unknown => JSON.parse(text) as unknown;

function roundTrip(samples: TimedData[]): TimedData[] {
  const bytes = encodeColumns(samples, 0);
  if (!bytes) throw new Error('expected the samples to share a shape');
  return decodeColumns(bytes, 0);
}

/** Equal as JSON text, so key order and every digit count, not only deep equality. */
function expectSameJson(actual: TimedData[], expected: TimedData[]): void {
  expect(actual.map((sample) => JSON.stringify(sample))).toEqual(expected.map((sample) => JSON.stringify(sample)));
}

/** A small deterministic generator, so a failing case can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('column codec', () => {
  it('gives back joint states exactly, keys in order', () => {
    const samples = Array.from({ length: 85 }, (_, i) => ({
      ts: i * 10,
      data: {
        position: Array.from({ length: 7 }, (_, j) => Math.round(Math.sin(i / 100 + j) * 1e5) / 1e5),
        velocity: Array.from({ length: 7 }, (_, j) => Math.round(Math.cos(i / 100 + j) * 1e5) / 1e5),
        effort: Array.from({ length: 7 }, (_, j) => Math.round(Math.sin(i / 200 + j) * 5e4) / 1e4),
      },
    }));
    expectSameJson(roundTrip(samples), samples);
  });

  it('stores a smooth 7-joint state in a few bytes a number, where its JSON takes about 200 bytes', () => {
    const samples = Array.from({ length: 100 }, (_, i) => ({
      ts: i * 10,
      data: { position: Array.from({ length: 7 }, (_, j) => Math.round(Math.sin(i / 100 + j) * 1e5) / 1e5) },
    }));
    const bytes = encodeColumns(samples, 0) as Buffer;
    expect(bytes.length / samples.length).toBeLessThan(20);
    expect(JSON.stringify(samples.map((sample) => sample.data)).length / samples.length).toBeGreaterThan(50);
  });

  it('keeps every kind of number exact: integers, decimals, exponents, large and tiny, negative', () => {
    const values = [
      0,
      -0,
      1,
      -1,
      0.1,
      0.30000000000000004,
      1e-9,
      -2.5e-7,
      123456789.123,
      2 ** 53 - 1,
      -(2 ** 60),
      1e21,
      1e300,
      5e-324,
      1.7976931348623157e308,
      0.1 + 0.2,
      Math.PI,
      -Math.E,
    ];
    const samples = values.map((value, i) => ({
      ts: i,
      data: parsed(`{"v":${JSON.stringify(value)},"w":[${i},1.5]}`),
    }));
    expectSameJson(roundTrip(samples), samples);
    // A column mixing every kind, and each value in a column of its own kind.
    for (const value of values) {
      const single = [
        { ts: 0, data: { v: value } },
        { ts: 3, data: { v: value } },
      ];
      expectSameJson(roundTrip(single), single);
    }
  });

  it('stores float32 readings widened to doubles in four bytes a number, exactly', () => {
    const samples = Array.from({ length: 50 }, (_, i) => ({
      ts: i * 10,
      data: { position: Array.from({ length: 6 }, (_, j) => Math.fround(Math.sin(i / 30 + j))) },
    }));
    const decoded = roundTrip(samples);
    expectSameJson(decoded, samples);
    expect(JSON.stringify(samples[1].data)).toMatch(/\d{12,}/);
    const bytes = encodeColumns(samples, 0) as Buffer;
    expect(bytes.length).toBeLessThan(50 * 6 * 4 + 200);
    // One value that is no float32 keeps its column in doubles.
    const mixed = [...samples, { ts: 600, data: { position: [0.1, 0.2, 0.3, 0.4, 0.5, Math.PI] } }];
    expectSameJson(roundTrip(mixed), mixed);
  });

  it('keeps strings, booleans and nulls that every sample shares, nested objects and arrays, odd keys', () => {
    const samples = [0, 1, 2].map((i) => ({
      ts: i * 20,
      data: parsed(
        `{"frame":"基座 \\"base\\"","ok":true,"none":null,"2":${i},"1":0.5,"__proto__":{"x":[${i},[${i * 2}]]},"tags":[],"nested":{"deep":{"v":-${i}.25}}}`,
      ),
    }));
    const decoded = roundTrip(samples);
    expectSameJson(decoded, samples);
    expect(Object.getPrototypeOf(decoded[0].data)).toBe(Object.prototype);
    expect(Object.keys(decoded[0].data as object)).toEqual(Object.keys(samples[0].data as object));
  });

  it('keeps unsorted and repeated timestamps', () => {
    const first = 1_700_000_000_000;
    const samples = [5, 0, 0, 60_000, 7].map((offset, i) => ({ ts: first + offset, data: { x: i } }));
    expectSameJson(decodeColumns(encodeColumns(samples, first) as Buffer, first), samples);
    // A sample before the packet's first is no packet of it.
    expect(encodeColumns(samples, first + 1)).toBeNull();
  });

  it('refuses samples of different shapes, which are then stored as JSON', () => {
    const cases: unknown[][] = [
      [{ x: 1 }, { x: 1, y: 2 }],
      [
        { x: 1, y: 2 },
        { y: 2, x: 1 },
      ],
      [{ p: [1, 2] }, { p: [1, 2, 3] }],
      [{ frame: 'a' }, { frame: 'b' }],
      [{ x: 1 }, { x: '1' }],
      [{ x: 1 }, { x: null }],
      [{ x: [1] }, { x: { 0: 1 } }],
      [{ x: 1, y: 2 }, { x: 1 }],
      [{ x: 1 }, Object.assign(Object.create({ inherited: 1 }) as object, { x: 2 })],
    ];
    for (const datas of cases) {
      expect(
        encodeColumns(
          datas.map((data, i) => ({ ts: i, data })),
          0,
        ),
      ).toBeNull();
    }
  });

  it('round-trips random samples of random shapes', () => {
    const next = random(20261129);
    const numbers = [
      () => Math.round((next() - 0.5) * 2e6) / 1e3,
      () => Math.floor(next() * 2 ** 53),
      () => (next() - 0.5) * 10 ** Math.floor(next() * 40 - 20),
      () => Math.round(next() * 100),
    ];
    const shapeMaker = (depth: number): (() => unknown) => {
      const pick = next();
      if (depth > 2 || pick < 0.4) {
        const make = numbers[Math.floor(next() * numbers.length)];
        return make;
      }
      if (pick < 0.5) {
        const constant = [true, false, null, 'label'][Math.floor(next() * 4)];
        return () => constant;
      }
      const children = Array.from({ length: Math.floor(next() * 4) }, () => shapeMaker(depth + 1));
      if (pick < 0.75) return () => children.map((child) => child());
      const keys = children.map((_, i) => `k${Math.floor(next() * 1000)}_${i}`);
      return () => Object.fromEntries(keys.map((key, i) => [key, children[i]()]));
    };
    for (let round = 0; round < 200; round++) {
      const make = shapeMaker(0);
      const samples = Array.from({ length: 1 + Math.floor(next() * 50) }, () => ({
        ts: Math.floor(next() * 60_000),
        data: parsed(JSON.stringify({ data: make() })),
      }));
      expectSameJson(roundTrip(samples), samples);
    }
  });

  it('refuses bytes it did not write', () => {
    const bytes = encodeColumns([{ ts: 0, data: { x: 1.5 } }], 0) as Buffer;
    expect(() => decodeColumns(bytes.subarray(0, bytes.length - 1), 0)).toThrow(/cut short/);
    expect(() => decodeColumns(Buffer.concat([bytes, Buffer.of(0)]), 0)).toThrow(/after its last column/);
  });
});
