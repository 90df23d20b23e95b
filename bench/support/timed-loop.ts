import { performance } from 'node:perf_hooks';

/**
 * Seconds per call of `work(index)` over `count` inputs, the best of `rounds` runs of `seconds`
 * each, after one unmeasured pass so that optimised code is timed. `work` returns a number, which
 * is summed and checked, so the engine cannot drop it as unused.
 */
export function bestSecondsPerCall(
  count: number,
  work: (index: number) => number,
  { seconds, rounds = 1 }: { seconds: number; rounds?: number },
): number {
  let sink = 0;
  for (let index = 0; index < count; index++) sink += work(index);
  let best = Infinity;
  for (let round = 0; round < rounds; round++) {
    let done = 0;
    const started = performance.now();
    while (performance.now() - started < seconds * 1000) {
      for (let index = 0; index < count; index++) sink += work(index);
      done += count;
    }
    best = Math.min(best, (performance.now() - started) / 1000 / done);
  }
  if (Number.isNaN(sink)) throw new Error('unreachable: keeps the work from being optimised away');
  return best;
}
