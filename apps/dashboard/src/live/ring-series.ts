/**
 * A fixed number of rows (a time and some values), the oldest overwritten first: live charts keep
 * the last minutes in constant memory however long a page stays open.
 */
export class RingSeries {
  private readonly columns: Float64Array[];
  private next = 0;
  private count = 0;

  constructor(
    readonly capacity: number,
    readonly width: number,
  ) {
    this.columns = Array.from({ length: width + 1 }, () => new Float64Array(capacity));
  }

  get size(): number {
    return this.count;
  }

  /** The newest row's time, if any. */
  get lastTime(): number | null {
    return this.count === 0 ? null : this.columns[0][(this.next + this.capacity - 1) % this.capacity];
  }

  /** Values beyond the width are dropped; missing ones are gaps. */
  push(time: number, values: readonly number[]): void {
    this.columns[0][this.next] = time;
    for (let column = 1; column <= this.width; column++) {
      const value = values[column - 1];
      this.columns[column][this.next] = typeof value === 'number' && Number.isFinite(value) ? value : NaN;
    }
    this.next = (this.next + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
  }

  /** Column-wise, oldest first (the layout uPlot draws), with null for gaps. */
  toColumns(columns = this.width): (number | null)[][] {
    const first = (this.next - this.count + this.capacity) % this.capacity;
    return this.columns.slice(0, columns + 1).map((source, index) => {
      const out: (number | null)[] = new Array(this.count);
      for (let row = 0; row < this.count; row++) {
        const value = source[(first + row) % this.capacity];
        out[row] = index > 0 && Number.isNaN(value) ? null : value;
      }
      return out;
    });
  }

  clear(): void {
    this.next = 0;
    this.count = 0;
  }
}
