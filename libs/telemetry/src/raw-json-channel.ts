/**
 * The JSON text beside the values telemetry's sockets take and send, so the hot path neither
 * serialises a batch again to measure it nor serialises again the samples it forwards. Telemetry
 * owns this port; the socket parser the app installs answers it (FieldIoAdapter.rawJson).
 */
export interface RawJsonChannel {
  /**
   * The text an event's only argument was parsed from, answered once and then forgotten;
   * undefined for events with several arguments or binary attachments.
   */
  takeReceivedJson(argument: object): string | undefined;
  /** Marks `value` to go out, as an event's only argument, as `json`; JSON.parse(json) must deep-equal it. */
  sendAsJson<T extends object>(value: T, json: string): T;
}

export const RAW_JSON_CHANNEL = Symbol('RAW_JSON_CHANNEL');
