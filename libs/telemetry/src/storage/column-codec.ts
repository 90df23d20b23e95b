/*
 * The columnar encoding of a packet's samples, for samples that all share one shape (the same keys
 * in the same order, the same array lengths, numbers in the same places and the same strings,
 * booleans and nulls elsewhere), as a robot's joint states, poses and battery readings do.
 *
 * The shape is stored once, as the first sample's JSON with every number written 0; the numbers
 * follow one column per place in the shape (the timestamp offsets first), each column as exact
 * decimal integers (every value times 10^d, for the least d that gives back each value exactly)
 * written as zigzag varints of the values, their differences or their second differences,
 * whichever is smallest. Smooth signals sampled at a steady rate then cost a byte or two a number,
 * where their JSON text costs eight or nine. A column that no d up to 15 represents exactly (or
 * whose integers pass 2^50, so that second differences stay exact doubles) is stored as IEEE
 * singles when every value is one (a float32 sensor reading widened to a double, as ROS bridges
 * send them: 0.30000001192092896), else as doubles. Decoding writes each sample's JSON text back from the shape and parses it, so
 * keys, their order and every number come back exactly as JSON.parse gave them.
 */

const MAX_DECIMALS = 15;
const MAX_SCALED = 2 ** 50;
const POW10 = Array.from({ length: MAX_DECIMALS + 1 }, (_, d) => 10 ** d);
const DOUBLES = 0x30;
const SINGLES = 0x31;

type Shape =
  | { kind: 'number' }
  | { kind: 'numbers'; length: number }
  | { kind: 'constant'; value: string | boolean | null }
  | { kind: 'array'; items: Shape[] }
  | { kind: 'object'; keys: string[]; values: Shape[] };

export interface TimedData {
  /** Epoch milliseconds, no earlier than the packet's first sample. */
  ts: number;
  data: unknown;
}

/** The columnar bytes of a packet's samples, or null when they do not share one shape. */
export function encodeColumns(samples: readonly TimedData[], firstTs: number): Buffer | null {
  const count = samples.length;
  if (count === 0) return null;
  const shape = shapeOf(samples[0].data);
  if (!shape) return null;
  const leaves = countLeaves(shape);
  // Column-major: column c holds the c-th number of every sample.
  const columns = new Float64Array((leaves + 1) * count);
  const cursor: Cursor = { index: 0, sample: 0, count };
  for (let i = 0; i < count; i++) {
    const offset = samples[i].ts - firstTs;
    if (!Number.isSafeInteger(offset) || offset < 0) return null;
    columns[i] = offset;
    cursor.index = 1;
    cursor.sample = i;
    if (!extract(shape, samples[i].data, columns, cursor)) return null;
  }
  const template = Buffer.from(templateText(shape), 'utf8');
  const out = new ByteWriter(16 + template.length + columns.length * 3);
  out.varint(count);
  out.varint(template.length);
  out.bytes(template);
  out.varint(leaves);
  for (let c = 0; c <= leaves; c++) writeColumn(out, columns, c * count, count);
  return out.result();
}

/** The samples back from encodeColumns's bytes; throws on bytes it did not write. */
export function decodeColumns(bytes: Buffer, firstTs: number): TimedData[] {
  const input = new ByteReader(bytes);
  const count = input.varint();
  const template = input.text(input.varint());
  const shape = shapeOf(JSON.parse(template) as unknown);
  const leaves = input.varint();
  if (!shape || countLeaves(shape) !== leaves) throw new Error('a packet whose shape does not match its columns');
  const columns: string[][] = [];
  let offsets: number[] = [];
  for (let c = 0; c <= leaves; c++) {
    const values = readColumn(input, count);
    if (c === 0) offsets = values;
    else columns.push(values.map(numberText));
  }
  if (!input.done()) throw new Error('a packet with bytes after its last column');
  const pieces = textPieces(shape);
  const samples: TimedData[] = new Array(count);
  for (let i = 0; i < count; i++) {
    let text = pieces[0];
    for (let c = 0; c < leaves; c++) text += columns[c][i] + pieces[c + 1];
    samples[i] = { ts: firstTs + offsets[i], data: JSON.parse(text) as unknown };
  }
  return samples;
}

function shapeOf(value: unknown): Shape | null {
  if (typeof value === 'number') return { kind: 'number' };
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return { kind: 'constant', value };
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item === 'number')) return { kind: 'numbers', length: value.length };
    const items: Shape[] = [];
    for (const item of value) {
      const shape = shapeOf(item);
      if (!shape) return null;
      items.push(shape);
    }
    return { kind: 'array', items };
  }
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    const values: Shape[] = [];
    for (const key of keys) {
      const shape = shapeOf((value as Record<string, unknown>)[key]);
      if (!shape) return null;
      values.push(shape);
    }
    return { kind: 'object', keys, values };
  }
  return null;
}

function countLeaves(shape: Shape): number {
  switch (shape.kind) {
    case 'number':
      return 1;
    case 'numbers':
      return shape.length;
    case 'constant':
      return 0;
    case 'array':
      return shape.items.reduce((sum, item) => sum + countLeaves(item), 0);
    case 'object':
      return shape.values.reduce((sum, item) => sum + countLeaves(item), 0);
  }
}

interface Cursor {
  /** The next column to fill. */
  index: number;
  sample: number;
  count: number;
}

/** Copies the sample's numbers into their columns; false when the sample has another shape. */
function extract(shape: Shape, value: unknown, columns: Float64Array, cursor: Cursor): boolean {
  switch (shape.kind) {
    case 'number':
      if (typeof value !== 'number') return false;
      columns[cursor.index++ * cursor.count + cursor.sample] = value;
      return true;
    case 'numbers': {
      if (!Array.isArray(value) || value.length !== shape.length) return false;
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (typeof item !== 'number') return false;
        columns[cursor.index++ * cursor.count + cursor.sample] = item;
      }
      return true;
    }
    case 'constant':
      return value === shape.value;
    case 'array': {
      if (!Array.isArray(value) || value.length !== shape.items.length) return false;
      for (let i = 0; i < value.length; i++) if (!extract(shape.items[i], value[i], columns, cursor)) return false;
      return true;
    }
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
      // for-in, not Object.keys: no array of keys a sample. It yields own keys in Object.keys's
      // order; an inherited one would not match the shape, and the packet falls back to JSON.
      let i = 0;
      for (const key in value) {
        if (key !== shape.keys[i]) return false;
        const item = (value as Record<string, unknown>)[key];
        const itemShape = shape.values[i++];
        // A number is stored here rather than handed to a call, which would box it.
        if (itemShape.kind === 'number') {
          if (typeof item !== 'number') return false;
          columns[cursor.index++ * cursor.count + cursor.sample] = item;
        } else if (!extract(itemShape, item, columns, cursor)) return false;
      }
      return i === shape.keys.length;
    }
  }
}

/** The shape's JSON text cut at each number: numbers go between consecutive pieces. */
function textPieces(shape: Shape): string[] {
  const pieces = [''];
  const append = (text: string) => (pieces[pieces.length - 1] += text);
  const walk = (node: Shape): void => {
    switch (node.kind) {
      case 'number':
        pieces.push('');
        return;
      case 'numbers':
        append('[');
        for (let i = 0; i < node.length; i++) {
          if (i > 0) append(',');
          pieces.push('');
        }
        append(']');
        return;
      case 'constant':
        append(JSON.stringify(node.value));
        return;
      case 'array':
        append('[');
        node.items.forEach((item, i) => {
          if (i > 0) append(',');
          walk(item);
        });
        append(']');
        return;
      case 'object':
        append('{');
        node.keys.forEach((key, i) => {
          append(`${i > 0 ? ',' : ''}${JSON.stringify(key)}:`);
          walk(node.values[i]);
        });
        append('}');
        return;
    }
  };
  walk(shape);
  return pieces;
}

function templateText(shape: Shape): string {
  return textPieces(shape).join('0');
}

function numberText(value: number): string {
  // JSON has no -0: JSON.stringify writes it as 0, and so do we.
  return Object.is(value, -0) ? '0' : String(value);
}

/** Column `values[start .. start + count)`. */
function writeColumn(out: ByteWriter, values: Float64Array, start: number, count: number): void {
  const integers = scratch(count);
  const decimals = scaleExactly(values, start, count, integers);
  if (decimals < 0) {
    let singles = true;
    for (let i = start; i < start + count && singles; i++) singles = Math.fround(values[i]) === values[i];
    out.byte(singles ? SINGLES : DOUBLES);
    for (let i = start; i < start + count; i++) {
      if (singles) out.single(values[i]);
      else out.double(values[i]);
    }
    return;
  }
  const order = cheapestOrder(integers, count);
  out.byte((order << 4) | decimals);
  for (let i = 0; i < count; i++) out.zigzag(difference(integers, i, order));
}

/** One buffer for every column's integers, reused: encoding runs for every packet the field stores. */
let scratchIntegers = new Float64Array(1024);
function scratch(count: number): Float64Array {
  if (scratchIntegers.length < count) scratchIntegers = new Float64Array(count);
  return scratchIntegers;
}

function readColumn(input: ByteReader, count: number): number[] {
  const header = input.byte();
  const values: number[] = new Array(count);
  if (header === DOUBLES || header === SINGLES) {
    for (let i = 0; i < count; i++) values[i] = header === SINGLES ? input.single() : input.double();
    return values;
  }
  const order = header >> 4;
  const decimals = header & 0x0f;
  if (order > 2) throw new Error('a packet column of an unknown kind');
  const integers: number[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const delta = input.zigzag();
    if (order === 0 || i === 0) integers[i] = delta;
    else if (order === 1 || i === 1) integers[i] = integers[i - 1] + delta;
    else integers[i] = delta + 2 * integers[i - 1] - integers[i - 2];
    values[i] = integers[i] / POW10[decimals];
  }
  return values;
}

/**
 * Writes each value times 10^d into `integers`, for the least d that gives every value back exactly
 * by division, and returns d; -1 when no d up to MAX_DECIMALS does.
 */
function scaleExactly(values: Float64Array, start: number, count: number, integers: Float64Array): number {
  let decimals = 0;
  for (let i = 0; i < count; i++) {
    const value = values[start + i];
    let integer = Math.round(value * POW10[decimals]);
    if (integer / POW10[decimals] !== value) {
      do {
        if (++decimals > MAX_DECIMALS) return -1;
        integer = Math.round(value * POW10[decimals]);
      } while (integer / POW10[decimals] !== value);
      // The earlier values were exact with fewer decimals; rescale them (exact again, checked).
      for (let j = 0; j < i; j++) {
        const earlier = values[start + j];
        integers[j] = Math.round(earlier * POW10[decimals]);
        if (integers[j] / POW10[decimals] !== earlier || Math.abs(integers[j]) > MAX_SCALED) return -1;
      }
    }
    if (Math.abs(integer) > MAX_SCALED) return -1;
    integers[i] = integer;
  }
  return decimals;
}

/** 0: the values, 1: their differences, 2: their second differences (the first ones as they are). */
function difference(integers: Float64Array, i: number, order: number): number {
  if (order === 0 || i === 0) return integers[i];
  if (order === 1 || i === 1) return integers[i] - integers[i - 1];
  return integers[i] - 2 * integers[i - 1] + integers[i - 2];
}

/** The order whose zigzag varints take the fewest bytes; the lowest order on a tie. */
function cheapestOrder(integers: Float64Array, count: number): number {
  let values = 0;
  let firsts = 0;
  let seconds = 0;
  for (let i = 0; i < count; i++) {
    values += zigzagSize(difference(integers, i, 0));
    firsts += zigzagSize(difference(integers, i, 1));
    seconds += zigzagSize(difference(integers, i, 2));
  }
  if (values <= firsts && values <= seconds) return 0;
  return firsts <= seconds ? 1 : 2;
}

function zigzag(value: number): number {
  return value >= 0 ? value * 2 : -value * 2 - 1;
}

function zigzagSize(value: number): number {
  const rest = zigzag(value);
  let size = 1;
  // Powers of two compare exactly, where dividing down would cost a division a byte.
  for (let limit = 0x80; rest >= limit; limit *= 0x80) size++;
  return size;
}

class ByteWriter {
  private buffer: Buffer;
  private length = 0;

  constructor(capacity: number) {
    this.buffer = Buffer.allocUnsafe(capacity);
  }

  byte(value: number): void {
    this.reserve(1);
    this.buffer[this.length++] = value;
  }

  /** Unsigned integers up to 2^53, seven bits a byte, least significant first. */
  varint(value: number): void {
    this.reserve(8);
    let rest = value;
    while (rest >= 0x80000000) {
      this.buffer[this.length++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    // Below 2^31 (nearly every value) bit operations are exact, and cheaper than dividing.
    while (rest >= 0x80) {
      this.buffer[this.length++] = (rest & 0x7f) | 0x80;
      rest >>>= 7;
    }
    this.buffer[this.length++] = rest;
  }

  zigzag(value: number): void {
    this.varint(zigzag(value));
  }

  single(value: number): void {
    this.reserve(4);
    this.buffer.writeFloatLE(value, this.length);
    this.length += 4;
  }

  double(value: number): void {
    this.reserve(8);
    this.buffer.writeDoubleLE(value, this.length);
    this.length += 8;
  }

  bytes(bytes: Buffer): void {
    this.reserve(bytes.length);
    bytes.copy(this.buffer, this.length);
    this.length += bytes.length;
  }

  result(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}

class ByteReader {
  private position = 0;

  constructor(private readonly buffer: Buffer) {}

  done(): boolean {
    return this.position === this.buffer.length;
  }

  byte(): number {
    this.need(1);
    return this.buffer[this.position++];
  }

  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = this.byte();
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
      if (scale > 2 ** 56) throw new Error('a packet with an overlong number');
    }
  }

  zigzag(): number {
    const value = this.varint();
    return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
  }

  single(): number {
    this.need(4);
    const value = this.buffer.readFloatLE(this.position);
    this.position += 4;
    return value;
  }

  double(): number {
    this.need(8);
    const value = this.buffer.readDoubleLE(this.position);
    this.position += 8;
    return value;
  }

  text(length: number): string {
    this.need(length);
    const text = this.buffer.toString('utf8', this.position, this.position + length);
    this.position += length;
    return text;
  }

  private need(bytes: number): void {
    if (this.position + bytes > this.buffer.length) throw new Error('a packet cut short');
  }
}
