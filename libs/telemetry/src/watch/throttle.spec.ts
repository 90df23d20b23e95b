import type { TelemetrySample } from '@app/contract';
import { Throttle } from './throttle';

const s = (ts: number, channel: string, data: Record<string, unknown> = {}): TelemetrySample =>
  ({ ts, channel, data }) as TelemetrySample;

describe('Throttle', () => {
  it('keeps every event and only the newest sample of each state channel', () => {
    const throttle = new Throttle(100);
    throttle.hold({
      robotId: 'r',
      sessionId: 's',
      samples: [s(1, 'joint_state'), s(2, 'task', { event: 'start' }), s(3, 'joint_state')],
    });
    throttle.hold({
      robotId: 'r',
      sessionId: 's',
      samples: [s(4, 'battery'), s(5, 'safety', { event: 'near_miss' }), s(6, 'joint_state')],
    });
    const message = throttle.take();
    expect(message?.samples.map((sample) => `${sample.channel}@${sample.ts}`)).toEqual([
      'task@2',
      'battery@4',
      'safety@5',
      'joint_state@6',
    ]);
    expect(throttle.take()).toBeNull();
  });

  it('hands back what it held when the session changes', () => {
    const throttle = new Throttle(100);
    throttle.hold({ robotId: 'r', sessionId: 'a', samples: [s(1, 'pose')] });
    const displaced = throttle.hold({ robotId: 'r', sessionId: 'b', samples: [s(2, 'pose')] });
    expect(displaced).toMatchObject({ sessionId: 'a', samples: [{ ts: 1 }] });
    expect(throttle.take()).toMatchObject({ sessionId: 'b', samples: [{ ts: 2 }] });
  });

  it('is due once its interval has passed since the last message', () => {
    const throttle = new Throttle(100);
    expect(throttle.due(0)).toBe(true);
    throttle.lastSentAt = 1000;
    expect(throttle.due(1099)).toBe(false);
    expect(throttle.due(1100)).toBe(true);
  });
});
