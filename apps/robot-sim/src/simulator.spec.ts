import { AckServer, type Twist } from '../test/ack-server';
import { type SimulatorOptions, type SimulatorReport, startSimulator } from './simulator';

/*
 * Delivery against a real socket.io server speaking the `/robot` protocol (test/ack-server.ts),
 * stopped, refused and restarted under the simulator. Each test stops the run by condition,
 * not by time, and checks the seqs the server holds against the simulator's report.
 */

const TOKENS = ['frt_test_robot_one', 'frt_test_robot_two'];
const SEQ_START = 5_000;
const FAST: Partial<SimulatorOptions> = {
  hz: 100,
  batchSize: 20,
  tickMs: 20,
  flushAfterMs: 100,
  ackTimeoutMs: 2000,
  drainTimeoutMs: 5000,
  reconnectDelayMs: 50,
  reconnectDelayMaxMs: 200,
  retryBaseMs: 20,
  retryMaxMs: 100,
  seqStart: SEQ_START,
  seed: 'delivery-test',
};

async function until(condition: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function run(url: string, options: Partial<SimulatorOptions> = {}) {
  const stop = new AbortController();
  const lines: string[] = [];
  const report = startSimulator({
    url,
    tokens: TOKENS,
    ...FAST,
    ...options,
    signal: stop.signal,
    log: (line) => lines.push(line),
  });
  return { report, stop: () => stop.abort(), lines };
}

/** The server holds exactly seqs SEQ_START.. of every batch the robot made: none missing, none extra. */
function expectEveryBatchStored(server: AckServer, token: string, created: number) {
  const expected = Array.from({ length: created }, (_, i) => SEQ_START + i);
  expect(server.seqsOf(token)).toEqual(expected);
}

function expectNothingLost(report: SimulatorReport, server: AckServer) {
  expect(report.samples.pending).toBe(0);
  expect(report.batches.pending).toBe(0);
  expect(report.samples.acknowledged).toBe(report.samples.generated);
  expect(report.complete).toBe(true);
  expect(server.storedSamples()).toBe(report.samples.generated);
}

describe('simulator delivery against a socket.io peer', () => {
  let server: AckServer;
  afterEach(async () => {
    await server.stop();
  });

  it('delivers every batch at least once through a server restart and a lost acknowledgement', async () => {
    server = await AckServer.start({
      tokens: TOKENS,
      twist: (_token, seq, arrival): Twist =>
        seq === SEQ_START + 3 && arrival === 1 ? { kind: 'store-then-disconnect' } : { kind: 'normal' },
    });
    const sim = run(server.url);
    await until(() => server.arrivals.length >= 12, 'batches arrive');
    await server.stop();
    const before = server.arrivals.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    await server.listen();
    await until(() => server.arrivals.length >= before + 12, 'batches arrive after the restart');
    sim.stop();
    const report = await sim.report;

    expectNothingLost(report, server);
    const created = report.batches.created / TOKENS.length;
    for (const token of TOKENS) expectEveryBatchStored(server, token, created);
    expect(report.batches.created).toBe(report.batches.acknowledged);
    // the ack lost with the first connection comes back on the resend as a duplicate
    expect(report.batches.duplicates).toBeGreaterThanOrEqual(1);
    expect(report.reconnects).toBeGreaterThanOrEqual(TOKENS.length + 1);
    expect(report.nextSeq).toBe(SEQ_START + created);
  });

  it('retries "unavailable", drops a refused batch and counts both', async () => {
    const refused = SEQ_START + 2;
    server = await AckServer.start({
      tokens: TOKENS,
      twist: (token, seq, arrival): Twist => {
        if (token !== TOKENS[0]) return { kind: 'normal' };
        if (seq === refused) return { kind: 'refuse', code: 'invalid_batch' };
        if (seq === SEQ_START + 1 && arrival <= 2) return { kind: 'refuse', code: 'unavailable' };
        return { kind: 'normal' };
      },
    });
    const sim = run(server.url);
    await until(() => server.seqsOf(TOKENS[0]).length >= 8, 'batches are stored');
    sim.stop();
    const report = await sim.report;

    expect(report.errors).toEqual({ unavailable: 2, invalid_batch: 1 });
    expect(report.batches.dropped).toBe(1);
    expect(report.samples.dropped).toBeGreaterThan(0);
    expect(report.samples.acknowledged + report.samples.dropped).toBe(report.samples.generated);
    expect(report.samples.pending).toBe(0);
    expect(report.complete).toBe(false);
    expect(server.seqsOf(TOKENS[0])).not.toContain(refused);
    expect(server.seqsOf(TOKENS[0])).toContain(SEQ_START + 1);
    expect(sim.lines.some((line) => line.includes(`batch ${refused} refused (invalid_batch`))).toBe(true);
  });

  it('pauses generation while its buffer is full and delivers everything once the field is back', async () => {
    server = await AckServer.start({ tokens: TOKENS });
    await server.stop();
    const sim = run(server.url, { bufferCapacity: 3, tokens: [TOKENS[0]] });
    await until(() => sim.lines.some((line) => line.includes('generation paused')), 'the buffer fills');
    await server.listen();
    await until(() => sim.lines.some((line) => line.includes('generation resumed')), 'generation resumes');
    await until(() => server.arrivals.length >= 10, 'batches flow again');
    sim.stop();
    const report = await sim.report;

    expect(report.generationPausedMs).toBeGreaterThan(0);
    expectNothingLost(report, server);
    expectEveryBatchStored(server, TOKENS[0], report.batches.created);
  });

  it('still delivers what a full buffer held back when stopped while the field was away', async () => {
    server = await AckServer.start({ tokens: TOKENS });
    await server.stop();
    // one sample a batch: a single tick makes more batches than the buffer takes, and some wait outside it
    const sim = run(server.url, { bufferCapacity: 2, batchSize: 1, tokens: [TOKENS[0]] });
    await until(() => sim.lines.some((line) => line.includes('generation paused')), 'the buffer fills');
    sim.stop();
    await server.listen();
    const report = await sim.report;

    expectNothingLost(report, server);
    expectEveryBatchStored(server, TOKENS[0], report.batches.created);
    expect(report.batches.created).toBeGreaterThan(2);
  });

  it('stops a robot whose device token the field refuses, and runs the others', async () => {
    server = await AckServer.start({ tokens: [TOKENS[0]] });
    const sim = run(server.url);
    await until(() => sim.lines.some((line) => line.includes('unauthorized')), 'the second robot is refused');
    await until(() => server.arrivals.length >= 5, 'the first robot delivers');
    sim.stop();
    const report = await sim.report;

    const [first, second] = report.perRobot;
    expect(report.refusedRobots).toBe(1);
    expect(second.refused).toBe(true);
    expect(server.stored.has(TOKENS[1])).toBe(false);
    expect(first.samplesAcknowledged).toBe(first.samplesGenerated);
    expect(first.samplesPending).toBe(0);
    expectEveryBatchStored(server, TOKENS[0], first.nextSeq - SEQ_START);
    // whatever the refused robot made before it was refused is reported as never acknowledged
    expect(second.samplesAcknowledged).toBe(0);
    expect(second.samplesPending).toBe(second.samplesGenerated);
  });
});
