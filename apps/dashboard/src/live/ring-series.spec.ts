import { RingSeries } from './ring-series';

describe('RingSeries', () => {
  it('keeps the newest rows up to its capacity, oldest first', () => {
    const series = new RingSeries(3, 2);
    expect(series.toColumns()).toEqual([[], [], []]);
    for (let time = 1; time <= 5; time++) series.push(time, [time * 10, time * 100]);
    expect(series.size).toBe(3);
    expect(series.lastTime).toBe(5);
    expect(series.toColumns()).toEqual([
      [3, 4, 5],
      [30, 40, 50],
      [300, 400, 500],
    ]);
    expect(series.toColumns(1)).toEqual([
      [3, 4, 5],
      [30, 40, 50],
    ]);
  });

  it('turns missing and non-finite values into gaps, and drops extra ones', () => {
    const series = new RingSeries(4, 2);
    series.push(1, [1]);
    series.push(2, [2, Number.NaN, 99]);
    expect(series.toColumns()).toEqual([
      [1, 2],
      [1, 2],
      [null, null],
    ]);
    series.clear();
    expect(series.size).toBe(0);
    expect(series.lastTime).toBeNull();
  });
});
