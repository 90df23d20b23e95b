import { Decoder, Encoder, Packet, PacketType, protocol } from 'socket.io-parser';
import { endOfJsonString, isJsonSpace, JSON_CHAR, skipJsonSpace } from '../json/json-text';

/** An event's only argument, as received → the JSON text it was parsed from. */
const receivedJson = new WeakMap<object, string>();
/** A value about to be sent → its JSON text, given by code that already holds it. */
const knownJson = new WeakMap<object, string>();

/**
 * The JSON text a socket.io event's only argument was parsed from (undefined for events with
 * several arguments or binary attachments): the size it arrived at, and its parts as written.
 * Answered once, and then forgotten, so the text lives no longer than its reader needs it.
 */
export function takeReceivedJson(argument: object): string | undefined {
  const json = receivedJson.get(argument);
  receivedJson.delete(argument);
  return json;
}

/**
 * Marks `value` so that, sent as an event's only argument, it goes out as `json` instead of being
 * serialised again. The caller vouches that JSON.parse(json) is deep-equal to `value`.
 */
export function sendAsJson<T extends object>(value: T, json: string): T {
  knownJson.set(value, json);
  return value;
}

/** socket.io-parser's encoder, writing an argument marked by sendAsJson as its given text. */
class FieldEncoder extends Encoder {
  override encode(packet: Packet): ReturnType<Encoder['encode']> {
    const data: unknown = packet.data;
    if (packet.type === PacketType.EVENT && Array.isArray(data) && data.length === 2) {
      const [event, argument] = data as [unknown, unknown];
      const json = typeof argument === 'object' && argument !== null ? knownJson.get(argument) : undefined;
      if (json !== undefined && typeof event === 'string') {
        // The packet as socket.io-parser writes it: type, namespace, ack id, then the JSON array.
        let head = String(packet.type);
        if (packet.nsp && packet.nsp !== '/') head += `${packet.nsp},`;
        if (packet.id !== undefined && packet.id !== null) head += String(packet.id);
        return [`${head}[${JSON.stringify(event)},${json}]`];
      }
    }
    return super.encode(packet);
  }
}

/** socket.io-parser's decoder, keeping the text of each event's only argument (takeReceivedJson). */
class FieldDecoder extends Decoder {
  private text: string | null = null;

  constructor(...options: ConstructorParameters<typeof Decoder>) {
    super(...options);
    // Registered before socket.io's own listener, so the text is known before the event is dispatched.
    this.on('decoded', (packet: Packet) => this.remember(packet));
  }

  override add(chunk: unknown): void {
    // Binary packets are decoded on their last attachment, not their text: those keep no text.
    this.text = typeof chunk === 'string' ? chunk : null;
    try {
      super.add(chunk);
    } finally {
      this.text = null;
    }
  }

  private remember(packet: Packet): void {
    const data: unknown = packet.data;
    if (this.text === null || packet.type !== PacketType.EVENT || !Array.isArray(data) || data.length !== 2) return;
    const argument: unknown = data[1];
    if (typeof argument !== 'object' || argument === null) return;
    const json = onlyArgumentJson(this.text);
    if (json !== null) receivedJson.set(argument, json);
  }
}

/** In an event packet's text, `2/nsp,<id>["name", <argument>]`, the argument's JSON. */
function onlyArgumentJson(packet: string): string | null {
  let i = 1;
  if (packet.charCodeAt(i) === 0x2f /* / */) {
    i = packet.indexOf(',', i) + 1;
    if (i === 0) return null;
  }
  while (packet.charCodeAt(i) >= 0x30 && packet.charCodeAt(i) <= 0x39) i++;
  if (packet.charCodeAt(i) !== JSON_CHAR.openBracket) return null;
  const nameEnd = endOfJsonString(packet, skipJsonSpace(packet, i + 1));
  if (nameEnd < 0) return null;
  const comma = skipJsonSpace(packet, nameEnd);
  if (packet.charCodeAt(comma) !== JSON_CHAR.comma) return null;
  let end = packet.length - 1;
  while (isJsonSpace(packet.charCodeAt(end))) end--;
  if (packet.charCodeAt(end) !== JSON_CHAR.closeBracket) return null;
  return packet.slice(comma + 1, end);
}

/** The socket.io parser every field socket server uses (the wire format is socket.io's own). */
export const fieldParser = { protocol, PacketType, Encoder: FieldEncoder, Decoder: FieldDecoder };
