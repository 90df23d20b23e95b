import { Random, hashString } from './random';

describe('Random', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const draw = (seed: string) =>
      Array.from(
        { length: 5 },
        (
          (random) => () =>
            random.next()
        )(new Random(seed)),
      );
    expect(draw('42')).toEqual(draw('42'));
    expect(draw('42')).not.toEqual(draw('43'));
  });

  it('draws uniformly in [0, 1)', () => {
    const random = new Random('uniform');
    const draws = Array.from({ length: 20_000 }, () => random.next());
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(draws.reduce((sum, x) => sum + x, 0) / draws.length).toBeCloseTo(0.5, 1);
  });

  it('waits a mean of one hour over the rate for Poisson events, and forever at rate 0', () => {
    const random = new Random('poisson');
    const waits = Array.from({ length: 20_000 }, () => random.waitMs(4));
    const meanMs = waits.reduce((sum, x) => sum + x, 0) / waits.length;
    expect(meanMs / 900_000).toBeCloseTo(1, 1);
    expect(random.waitMs(0)).toBe(Number.POSITIVE_INFINITY);
  });

  it('hashes strings stably', () => {
    expect(hashString('pick_and_place')).toBe(hashString('pick_and_place'));
    expect(hashString('pick_and_place')).not.toBe(hashString('shelf_restock'));
  });
});
