import { Injectable } from '@nestjs/common';
import { EventBus } from '@app/platform';

/** On the event bus: samples were stored in a session whose run had already ended. */
export const TELEMETRY_STORED_LATE = 'telemetry.stored-late';

export interface TelemetryStoredLate {
  sessionId: string;
  /** Epoch ms when the session's run ended. */
  endedAt: number;
  /** Epoch ms when this process stored them (within the late grace after endedAt). */
  storedAt: number;
}

/** A session's late samples are announced at most this often by one process. */
const ANNOUNCE_EVERY_MS = 1_000;
const REMEMBERED_SESSIONS = 10_000;

/**
 * Tells the field when samples land in a session that has ended: a robot's backlog after a lost
 * link, or resends after a reconnect. The session's summary was made without them, so the scoring
 * side summarises it again. A robot catching up sends many batches; one word a second is enough.
 */
@Injectable()
export class LateTelemetry {
  private readonly announcedAt = new Map<string, number>();

  constructor(private readonly events: EventBus) {}

  stored(sessionId: string, endedAt: number, now = Date.now()): void {
    const last = this.announcedAt.get(sessionId);
    if (last !== undefined && now - last < ANNOUNCE_EVERY_MS) return;
    if (this.announcedAt.size >= REMEMBERED_SESSIONS) this.forgetBefore(now - ANNOUNCE_EVERY_MS);
    this.announcedAt.set(sessionId, now);
    void this.events.publish<TelemetryStoredLate>(TELEMETRY_STORED_LATE, { sessionId, endedAt, storedAt: now });
  }

  private forgetBefore(cutoff: number): void {
    for (const [sessionId, at] of this.announcedAt) if (at < cutoff) this.announcedAt.delete(sessionId);
  }
}
