import type { TelemetrySample } from '@app/contract';

/** Channels whose every sample matters to a watcher (the event log); the rest are states, where the latest is enough. */
const EVENT_CHANNELS = new Set(['task', 'safety', 'intervention']);
const MAX_HELD_EVENTS = 500;

export interface WatchMessage {
  robotId: string;
  sessionId: string | null;
  samples: TelemetrySample[];
}

/**
 * Decimation for a watcher that asked for at most `maxHz` messages a second from a robot: between
 * messages it keeps every event sample and only the newest sample of each state channel (joint
 * positions, pose, battery…), so a browser gets fewer, smaller messages and misses no event.
 */
export class Throttle {
  private held: WatchMessage | null = null;
  private latest = new Map<string, TelemetrySample>();
  private events: TelemetrySample[] = [];
  lastSentAt = -Infinity;
  timer: NodeJS.Timeout | null = null;

  constructor(readonly intervalMs: number) {}

  /** Adds a message; answers what must go out first when the session changed under it. */
  hold(message: WatchMessage): WatchMessage | null {
    const displaced = this.held && this.held.sessionId !== message.sessionId ? this.take() : null;
    this.held ??= { robotId: message.robotId, sessionId: message.sessionId, samples: [] };
    for (const sample of message.samples) {
      if (EVENT_CHANNELS.has(sample.channel)) {
        this.events.push(sample);
        if (this.events.length > MAX_HELD_EVENTS) this.events.shift();
      } else {
        const previous = this.latest.get(sample.channel);
        if (!previous || previous.ts <= sample.ts) this.latest.set(sample.channel, sample);
      }
    }
    return displaced;
  }

  due(now: number): boolean {
    return now - this.lastSentAt >= this.intervalMs;
  }

  /** The held message, samples in time order, and an empty hold. */
  take(): WatchMessage | null {
    if (!this.held) return null;
    const message = {
      ...this.held,
      samples: [...this.events, ...this.latest.values()].sort((a, b) => a.ts - b.ts),
    };
    this.held = null;
    this.latest = new Map();
    this.events = [];
    return message;
  }
}
