import type { EventBus } from '@app/platform';
import { LateTelemetry, TELEMETRY_STORED_LATE } from './late-telemetry';

describe('LateTelemetry', () => {
  const announcer = () => {
    const published: [string, unknown][] = [];
    const bus = { publish: (type: string, payload: unknown) => Promise.resolve(void published.push([type, payload])) };
    return { late: new LateTelemetry(bus as unknown as EventBus), published };
  };

  it('announces a session’s late samples at most once a second', () => {
    const { late, published } = announcer();
    late.stored('s1', 9_000, 10_000);
    late.stored('s1', 9_000, 10_500);
    late.stored('s2', 8_000, 10_600);
    late.stored('s1', 9_000, 11_000);
    expect(published).toEqual([
      [TELEMETRY_STORED_LATE, { sessionId: 's1', endedAt: 9_000, storedAt: 10_000 }],
      [TELEMETRY_STORED_LATE, { sessionId: 's2', endedAt: 8_000, storedAt: 10_600 }],
      [TELEMETRY_STORED_LATE, { sessionId: 's1', endedAt: 9_000, storedAt: 11_000 }],
    ]);
  });
});
