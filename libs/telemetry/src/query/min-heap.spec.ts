import { MinHeap } from './min-heap';
import { compareKeys, SampleKey } from './telemetry-reader';

describe('MinHeap', () => {
  it('pops in ascending order', () => {
    const heap = new MinHeap<number>((a, b) => a < b);
    const values = Array.from({ length: 200 }, (_, i) => (i * 7919) % 211);
    for (const value of values) heap.push(value);
    const out: number[] = [];
    while (heap.size > 0) out.push(heap.pop() as number);
    expect(out).toEqual([...values].sort((a, b) => a - b));
  });
});

describe('compareKeys', () => {
  it('orders by time, then robot, packet and position', () => {
    const keys: SampleKey[] = [
      [2, 'a', '0001', 0, 0],
      [1, 'b', '0001', 0, 0],
      [1, 'a', '0002', 0, 0],
      [1, 'a', '0001', 1, 0],
      [1, 'a', '0001', 0, 1],
    ];
    expect([...keys].sort(compareKeys)).toEqual([
      [1, 'a', '0001', 0, 1],
      [1, 'a', '0001', 1, 0],
      [1, 'a', '0002', 0, 0],
      [1, 'b', '0001', 0, 0],
      [2, 'a', '0001', 0, 0],
    ]);
  });
});
