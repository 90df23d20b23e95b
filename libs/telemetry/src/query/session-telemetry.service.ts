import { Injectable, Logger } from '@nestjs/common';
import { Page, SessionTelemetryQuery, StoredTelemetrySample } from '@app/contract';
import { RobotsService } from '@app/enrollment';
import { BaysService } from '@app/field';
import { Actor, decodeCursor, invalidCursor } from '@app/platform';
import { SessionQueriesService } from '@app/scheduling';
import type { Response } from 'express';
import { writeRecording } from './mcap-recording';
import { SampleKey, TelemetryReader } from './telemetry-reader';

/** Reading a session's telemetry back: pages of samples, and the MCAP recording. */
@Injectable()
export class SessionTelemetryService {
  private readonly logger = new Logger(SessionTelemetryService.name);

  constructor(
    private readonly reader: TelemetryReader,
    private readonly sessions: SessionQueriesService,
    private readonly robots: RobotsService,
    private readonly bays: BaysService,
  ) {}

  async page(sessionId: string, query: SessionTelemetryQuery, actor: Actor): Promise<Page<StoredTelemetrySample>> {
    const session = await this.sessions.get(sessionId, actor);
    const robotIds = this.robotScope(session.robotIds, query.robotId);
    if (robotIds.length === 0) return { items: [], nextCursor: null };
    const after = query.cursor ? parseKey(query.cursor) : undefined;
    const items: StoredTelemetrySample[] = [];
    let lastKey: SampleKey | null = null;
    let more = false;
    for await (const { key, sample } of this.reader.samples({
      sessionId,
      robotIds,
      channels: query.channel ? [query.channel] : undefined,
      from: query.from ? Date.parse(query.from) : undefined,
      to: query.to ? Date.parse(query.to) : undefined,
      after,
    })) {
      if (items.length === query.limit) {
        more = true;
        break;
      }
      items.push(sample as StoredTelemetrySample);
      lastKey = key;
    }
    return { items, nextCursor: more && lastKey ? Buffer.from(JSON.stringify(lastKey)).toString('base64url') : null };
  }

  async streamRecording(sessionId: string, actor: Actor, res: Response): Promise<void> {
    const session = await this.sessions.get(sessionId, actor);
    const robotIds = this.robotScope(session.robotIds);
    const [robots, bay] = await Promise.all([this.robots.findByIds(robotIds), this.bays.get(session.bayId)]);
    res.status(200);
    res.setHeader('Content-Type', 'application/octet-stream');
    res.setHeader('Content-Disposition', `attachment; filename="session-${sessionId}.mcap"`);
    res.setHeader('Cache-Control', 'no-store');
    const sink = {
      write: (chunk: Uint8Array) =>
        new Promise<void>((resolve, reject) => {
          if (res.destroyed) return reject(new Error('the client went away'));
          if (res.write(chunk)) resolve();
          else res.once('drain', resolve);
        }),
    };
    try {
      await writeRecording(
        sink,
        {
          sessionId,
          kind: session.kind,
          bay: { id: bay.id, code: bay.code, name: bay.name },
          robots: robots.map((robot) => ({ id: robot.id, name: robot.name, serialNumber: robot.serialNumber })),
          startsAt: session.startsAt,
          endsAt: session.endsAt,
          startedAt: session.startedAt,
          endedAt: session.endedAt,
        },
        (async function* (reader: TelemetryReader) {
          for await (const { sample } of reader.samples({ sessionId, robotIds })) yield sample;
        })(this.reader),
      );
      res.end();
    } catch (error) {
      // Headers are out: all that can be done is to cut the download so it is visibly incomplete.
      this.logger.warn({ err: error, sessionId }, 'the MCAP download was interrupted');
      res.destroy();
    }
  }

  /** The session's robots as the actor sees them (SessionQueriesService narrows a vendor's), narrowed to one when asked. */
  private robotScope(sessionRobots: readonly string[], only?: string): string[] {
    return only ? sessionRobots.filter((id) => id === only) : [...sessionRobots];
  }
}

function parseKey(cursor: string): SampleKey {
  const key = decodeCursor(cursor, ['number', 'string', 'string', 'number', 'number']);
  if (!/^[0-9a-f-]{36}$/.test(String(key[1])) || !/^\d{20}$/.test(String(key[2]))) throw invalidCursor();
  return key as SampleKey;
}
