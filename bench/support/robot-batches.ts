/** Samples in each batch the benchmarks' simulated robots send. */
export const BATCH = 100;

/**
 * Ten seconds of a 7-joint arm's motion at 100 Hz, computed once: smooth encoder positions and
 * velocities, and efforts with sensor noise. Batches draw from it by timestamp, so the load
 * generator spends its CPU sending, not on trigonometry the field never sees.
 */
const MOTION = (() => {
  let noise = 12345;
  const jitter = () => {
    noise = (Math.imul(noise, 1_103_515_245) + 12_345) >>> 0;
    return (noise / 2 ** 32 - 0.5) / 10;
  };
  return Array.from({ length: 1000 }, (_, step) => {
    const t = step / 100;
    const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;
    return {
      position: Array.from({ length: 7 }, (_, j) => round(Math.sin(t + j), 5)),
      velocity: Array.from({ length: 7 }, (_, j) => round(Math.cos(t + j), 5)),
      effort: Array.from({ length: 7 }, (_, j) => round(Math.sin(t / 2 + j) * 5 + jitter(), 4)),
    };
  });
})();

/** A realistic batch: mostly 7-joint states at 100 Hz, poses, and now and then battery and events. */
export function robotBatch(seq: number, now: number) {
  const samples = [];
  for (let i = 0; i < BATCH; i++) {
    const ts = now - (BATCH - 1 - i) * 10;
    const t = ts / 1000;
    if (i % 10 === 9)
      samples.push({
        ts,
        channel: 'pose',
        data: { x: 5 + Math.cos(t / 20) * 4, y: 6 + Math.sin(t / 20) * 3, yaw: (t / 20) % 6.283 },
      });
    else if (i === 50) samples.push({ ts, channel: 'battery', data: { percent: 80 - (t % 100) / 10, voltage: 47.2 } });
    else if (i === 0 && seq % 20 === 0)
      samples.push({ ts, channel: 'task', data: { event: 'start', taskKey: 'pick_place', attemptId: `a${seq}` } });
    else samples.push({ ts, channel: 'joint_state', data: MOTION[Math.floor(ts / 10) % MOTION.length] });
  }
  return { seq, samples };
}
