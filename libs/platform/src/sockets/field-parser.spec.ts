import { Decoder, Encoder, Packet, PacketType } from 'socket.io-parser';
import { fieldParser, sendAsJson, takeReceivedJson } from './field-parser';

const decode = (...chunks: unknown[]): Packet[] => {
  const decoder = new fieldParser.Decoder();
  const packets: Packet[] = [];
  decoder.on('decoded', (packet: Packet) => packets.push(packet));
  for (const chunk of chunks) decoder.add(chunk);
  return packets;
};

describe('the field’s socket.io parser', () => {
  const message = { robotId: 'r', sessionId: null, samples: [{ ts: 1, channel: 'pose', data: { x: 1, y: 'é"]' } }] };

  it('writes a value marked with its JSON as that text, in socket.io’s packet format', () => {
    const stock = new Encoder();
    const field = new fieldParser.Encoder();
    const packets: Packet[] = [
      { type: PacketType.EVENT, nsp: '/watch', data: ['telemetry', message] },
      { type: PacketType.EVENT, nsp: '/', data: ['telemetry', message] },
      { type: PacketType.EVENT, nsp: '/watch', data: ['telemetry', message], id: 12 },
    ];
    for (const packet of packets) {
      const marked = { ...packet, data: ['telemetry', sendAsJson({ ...message }, JSON.stringify(message))] };
      expect(field.encode(marked)).toEqual(stock.encode(packet));
    }
    // The text is used as given, not made again.
    const spaced = sendAsJson({ a: 1 }, '{ "a" : 1 }');
    expect(field.encode({ type: PacketType.EVENT, nsp: '/watch', data: ['e', spaced] })).toEqual([
      '2/watch,["e",{ "a" : 1 }]',
    ]);
  });

  it('writes unmarked values and binary ones as socket.io does', () => {
    const stock = new Encoder();
    const field = new fieldParser.Encoder();
    const packets: Packet[] = [
      { type: PacketType.EVENT, nsp: '/watch', data: ['telemetry', message] },
      { type: PacketType.EVENT, nsp: '/watch', data: ['telemetry', { blob: Buffer.from([1, 2]) }] },
      { type: PacketType.ACK, nsp: '/robot', data: [{ ok: true }], id: 3 },
    ];
    for (const packet of packets) expect(field.encode(packet)).toEqual(stock.encode(packet));
  });

  it('keeps the text an event’s only argument was parsed from', () => {
    const batch = { seq: 1, samples: [{ ts: 1, channel: 'note', data: { text: '["],' } }] };
    for (const text of [
      new Encoder().encode({ type: PacketType.EVENT, nsp: '/robot', data: ['telemetry', batch], id: 41 })[0] as string,
      `2["telemetry",${JSON.stringify(batch)}]`,
      `2/robot,7[ "telemetry" ,\n ${JSON.stringify(batch, null, 1)} ] `,
    ]) {
      const [packet] = decode(text);
      const argument = (packet.data as unknown[])[1] as object;
      expect(argument).toEqual(batch);
      expect(JSON.parse(takeReceivedJson(argument) as string)).toEqual(batch);
    }
    const [plain] = decode(`2/robot,["telemetry",${JSON.stringify(batch)}]`);
    const argument = (plain.data as unknown[])[1] as object;
    expect(takeReceivedJson(argument)).toBe(JSON.stringify(batch));
    // Taken once: the text is not kept for as long as the argument lives.
    expect(takeReceivedJson(argument)).toBeUndefined();
  });

  it('keeps no text for events with several arguments or binary attachments', () => {
    const [several] = decode('2/robot,["telemetry",{"seq":1},{"seq":2}]');
    expect(takeReceivedJson((several.data as unknown[])[1] as object)).toBeUndefined();
    const binary = new Encoder().encode({
      type: PacketType.EVENT,
      nsp: '/robot',
      data: ['telemetry', { seq: 1, blob: Buffer.from([1]) }],
    }) as unknown[];
    const [reconstructed] = decode(...binary);
    expect(takeReceivedJson((reconstructed.data as unknown[])[1] as object)).toBeUndefined();
  });

  it('decodes what the stock decoder decodes', () => {
    const text = '2/robot,5["telemetry",{"seq":1,"samples":[]}]';
    const stock: Packet[] = [];
    const decoder = new Decoder();
    decoder.on('decoded', (packet: Packet) => stock.push(packet));
    decoder.add(text);
    expect(decode(text)).toEqual(stock);
  });
});
