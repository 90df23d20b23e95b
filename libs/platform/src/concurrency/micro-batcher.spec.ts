import { ItemOutcome, MicroBatcher } from './micro-batcher';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe('MicroBatcher', () => {
  it('runs items submitted in one turn as one batch, each answered with its own outcome', async () => {
    const batches: number[][] = [];
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        batches.push(items);
        return items.map((item): ItemOutcome<number> =>
          item % 2 ? { ok: true, value: item * 10 } : { ok: false, error: new Error(`even ${item}`) },
        );
      },
      { maxBatch: 100, concurrency: 1 },
    );
    const answers = await Promise.allSettled([1, 2, 3].map((item) => batcher.submit(item)));
    expect(batches).toEqual([[1, 2, 3]]);
    expect(answers).toEqual([
      { status: 'fulfilled', value: 10 },
      { status: 'rejected', reason: new Error('even 2') },
      { status: 'fulfilled', value: 30 },
    ]);
  });

  it('gathers what arrives while a batch runs into the next one, no bigger than maxBatch', async () => {
    const batches: number[][] = [];
    const gate = deferred<void>();
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        batches.push(items);
        if (batches.length === 1) await gate.promise;
        return items.map((value) => ({ ok: true, value }));
      },
      { maxBatch: 3, concurrency: 1 },
    );
    const first = batcher.submit(0);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [1, 2, 3, 4].map((item) => batcher.submit(item));
    expect(batcher.waiting).toBe(4);
    gate.resolve();
    expect(await Promise.all([first, ...later])).toEqual([0, 1, 2, 3, 4]);
    expect(batches).toEqual([[0], [1, 2, 3], [4]]);
  });

  it('rejects every item of a batch that fails as a whole, and goes on with the next', async () => {
    let calls = 0;
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        calls++;
        if (calls === 1) throw new Error('database gone');
        return items.map((value) => ({ ok: true, value }));
      },
      { maxBatch: 10, concurrency: 1 },
    );
    const failed = await Promise.allSettled([batcher.submit(1), batcher.submit(2)]);
    expect(failed.map((answer) => answer.status)).toEqual(['rejected', 'rejected']);
    await expect(batcher.submit(3)).resolves.toBe(3);
  });

  it('runs up to `concurrency` batches at once', async () => {
    let inFlight = 0;
    let most = 0;
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        return items.map((value) => ({ ok: true, value }));
      },
      { maxBatch: 1, concurrency: 2 },
    );
    await Promise.all([1, 2, 3, 4].map((item) => batcher.submit(item)));
    expect(most).toBe(2);
  });
});
