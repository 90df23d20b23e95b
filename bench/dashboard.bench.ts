import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { CHROMIUM_ARGS } from '../test/support/chromium';
import { CHROMIUM } from '../test/support/test-env';
import { BenchApi } from './support/api';
import { startField } from './support/field-process';
import { cpuSeconds } from './support/process-stats';
import { connect } from './support/sockets';
import { ms, summarize } from './support/stats';

const ROBOTS = 8;
const HZ = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const WARM_UP_MS = 5000;
/** What the live view asks for per robot (apps/dashboard/src/pages/LivePage.tsx). */
const VIEW_MAX_HZ = 10;
const ENGINEER = { email: 'bench-engineer@field.local', password: 'bench-engineer-password' };

/** The part of apps/robot-sim's simulator this benchmark drives (the built module, loaded at run time). */
interface Simulator {
  startSimulator(options: {
    url: string;
    tokens: readonly string[];
    hz: number;
    batchSize: number;
    flushAfterMs: number;
    tickMs: number;
    seed: string;
    signal: AbortSignal;
  }): Promise<{ samples: { generated: number; acknowledged: number }; ackLatencyMs: { p50: number; p99: number } }>;
}

interface PageProbe {
  frames: number;
  longTasks: number;
  longTaskMs: number;
  messages: number;
  /** Arrival time − newest sample ts of each telemetry message. */
  arrivalLags: number[];
  /** Redraw time − newest sample ts received by then, at each redraw of the joint chart. */
  drawLags: number[];
}

/**
 * Installed in the page before the dashboard loads (plain JS: it runs in the browser): counts
 * animation frames and long tasks, reads the telemetry packets off the page's WebSocket (socket.io
 * text frames), and notes each redraw of the joint chart (uPlot clears its canvas before drawing).
 * `window.__takeProbe()` answers the figures so far and empties the lag lists.
 */
const PROBE = `(() => {
  const probe = { frames: 0, longTasks: 0, longTaskMs: 0, messages: 0, arrivalLags: [], drawLags: [] };
  let newest = 0;
  const frame = () => { probe.frames += 1; requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) { probe.longTasks += 1; probe.longTaskMs += entry.duration; }
  }).observe({ type: 'longtask' });
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (typeof event.data !== 'string' || !event.data.includes('"telemetry"')) return;
        let latest = 0;
        for (const match of event.data.matchAll(/"ts":(\\d+)/g)) latest = Math.max(latest, Number(match[1]));
        if (latest === 0) return;
        probe.messages += 1;
        probe.arrivalLags.push(Date.now() - latest);
        newest = Math.max(newest, latest);
      });
    }
  };
  const clearRect = CanvasRenderingContext2D.prototype.clearRect;
  CanvasRenderingContext2D.prototype.clearRect = function (...args) {
    if (newest > 0 && this.canvas.closest('[data-testid="joint-chart"]')) probe.drawLags.push(Date.now() - newest);
    return clearRect.apply(this, args);
  };
  window.__takeProbe = () => {
    const taken = { ...probe, arrivalLags: probe.arrivalLags.splice(0), drawLags: probe.drawLags.splice(0) };
    return taken;
  };
})();`;

const takeProbe = (page: Page) => page.evaluate('window.__takeProbe()') as Promise<PageProbe>;

/**
 * The live view under a busy bay (issue 7): the built field as its own process, 8 simulated robots
 * streaming joint_state and pose at 50 Hz each (batches of 10, sent within 100 ms) from this process,
 * and the dashboard's live view of their bay open in headless Chromium for SECONDS. Prints the
 * frames the page draws per second, its long tasks and main-thread time, the lag from a sample's
 * timestamp to its arrival and to the redraw of the chart, and the JS heap at start and end.
 * Baseline: a bare socket.io watcher of the same bay in this process (same maxHz), whose arrival
 * lag is what the field itself adds before any browser work.
 */
export async function dashboardBench(): Promise<void> {
  const field = await startField();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const stop = new AbortController();
  let baseline: Socket | null = null;
  let simulation: ReturnType<Simulator['startSimulator']> | null = null;
  try {
    const api = new BenchApi(field.url, field.adminToken);
    const { bayId, tokens } = await seed(api);

    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startSimulator } = require(join(__dirname, '..', 'apps', 'robot-sim', 'src', 'simulator.js')) as Simulator;
    simulation = startSimulator({
      url: field.url,
      tokens,
      hz: HZ,
      batchSize: 10,
      flushAfterMs: 100,
      tickMs: 20,
      seed: 'dashboard-bench',
      signal: stop.signal,
    });

    const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, locale: 'zh-CN' });
    await context.addInitScript({ content: PROBE });
    const page = await context.newPage();
    await page.goto(`${field.url}/login`);
    await page.locator('input#email').fill(ENGINEER.email);
    await page.locator('input#password').fill(ENGINEER.password);
    await page.locator('form button[type=submit]').click();
    await page.getByTestId('navigation').waitFor();
    await page.goto(`${field.url}/live?bayId=${bayId}`);
    await page.getByTestId('joint-chart').waitFor({ timeout: 30_000 });

    baseline = await watcher(field.url, field.adminToken, bayId);
    const baselineLags: number[] = [];
    baseline.on('telemetry', (message: { samples: { ts: number }[] }) => {
      const newest = Math.max(...message.samples.map((sample) => sample.ts));
      baselineLags.push(Date.now() - newest);
    });

    await page.waitForTimeout(WARM_UP_MS);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize / 2 ** 20;
    };
    const mainThread = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? 0;
    };
    const heapStart = await heap();
    const before = await takeProbe(page);
    baselineLags.length = 0;
    const taskStart = await mainThread();
    const cpuStart = cpuSeconds(field.pid);
    const began = Date.now();

    await page.waitForTimeout(SECONDS * 1000);

    const elapsed = (Date.now() - began) / 1000;
    const after = await takeProbe(page);
    const busy = ((await mainThread()) - taskStart) / elapsed;
    const serverCpu = (cpuSeconds(field.pid) - cpuStart) / elapsed;
    const heapEnd = await heap();
    const points = await page.getByTestId('joint-chart').getAttribute('data-points');
    const readout = await page.getByTestId('live-lag').locator('.ant-statistic-content-value').innerText();

    stop.abort();
    const report = await simulation;
    simulation = null;

    const arrival = summarize(after.arrivalLags);
    const drawn = summarize(after.drawLags);
    const bare = summarize(baselineLags);
    console.log(
      `live view of a bay: ${ROBOTS} robots × ${HZ} Hz (joint_state + pose), the view at ${VIEW_MAX_HZ} msg/s per robot, ${elapsed.toFixed(0)} s`,
    );
    console.log(
      `  frames             ${((after.frames - before.frames) / elapsed).toFixed(1)} per second (requestAnimationFrame)`,
    );
    console.log(
      `  main thread        ${(busy * 100).toFixed(0)} % busy; ${after.longTasks - before.longTasks} long tasks (> 50 ms), ${(after.longTaskMs - before.longTaskMs).toFixed(0)} ms in all`,
    );
    console.log(
      `  messages           ${((after.messages - before.messages) / elapsed).toFixed(1)}/s to the page; ${drawn.n} chart redraws (${(drawn.n / elapsed).toFixed(1)}/s), ${points} points on the chart`,
    );
    console.log(
      `  lag to the page    p50 ${ms(arrival.p50)}  p99 ${ms(arrival.p99)}  max ${ms(arrival.max)} (sample ts → message in the page)`,
    );
    console.log(
      `  lag to the chart   p50 ${ms(drawn.p50)}  p99 ${ms(drawn.p99)}  max ${ms(drawn.max)} (sample ts → chart redrawn); the page's own readout at the end: ${readout}`,
    );
    console.log(
      `  JS heap            ${heapStart.toFixed(1)} MiB at start, ${heapEnd.toFixed(1)} MiB at the end (after GC)`,
    );
    console.log(`  server             ${(serverCpu * 100).toFixed(0)} % CPU`);
    console.log(
      `  simulator          ${report.samples.generated} samples generated, ${report.samples.acknowledged} acknowledged; ack p50 ${ms(report.ackLatencyMs.p50)} p99 ${ms(report.ackLatencyMs.p99)}`,
    );
    console.log(
      `baseline: a bare socket.io watcher of the bay in this process: lag p50 ${ms(bare.p50)}  p99 ${ms(bare.p99)} (${bare.n} messages); the page adds ${ms(arrival.p50 - bare.p50)} at p50 to arrive and ${ms(drawn.p50 - bare.p50)} to be drawn`,
    );
    await context.close();
  } finally {
    stop.abort();
    await simulation?.catch(() => undefined);
    baseline?.close();
    await browser.close();
    await field.stop();
  }
}

/** A bay holding all robots in one running session, each robot enrolled with a device token, and an engineer. */
async function seed(api: BenchApi): Promise<{ bayId: string; tokens: string[] }> {
  const vendor = await api.create('/vendors', { name: 'Bench Robotics' });
  const site = await api.create('/sites', { code: 'BENCH', name: 'Bench hall', kind: 'main' });
  const bay = await api.create('/bays', {
    siteId: site.id,
    code: 'LIVE-1',
    name: 'Live bench bay',
    domain: 'industrial_manufacturing',
    mode: 'physical',
    capacity: ROBOTS,
  });
  await api.create('/users', { ...ENGINEER, name: 'Bench engineer', role: 'engineer' });
  const robotIds: string[] = [];
  const tokens: string[] = [];
  for (let i = 0; i < ROBOTS; i++) {
    const robot = await api.enrolRobot({
      serialNumber: `BENCH-LIVE-${i}`,
      name: `Live ${i + 1}`,
      vendorId: vendor.id,
      model: 'Arm 7',
      form: 'robot_arm',
      domains: ['industrial_manufacturing'],
      specs: {},
    });
    tokens.push((await api.create(`/robots/${robot.id}/device-token`, undefined)).token);
    robotIds.push(robot.id);
  }
  const now = Date.now();
  const session = await api.create('/sessions', {
    bayId: bay.id,
    robotIds,
    kind: 'drill',
    taskKeys: ['pick_and_place'],
    startsAt: new Date(now - 60_000).toISOString(),
    endsAt: new Date(now + 3_600_000).toISOString(),
  });
  await api.create(`/sessions/${session.id}/start`, undefined);
  return { bayId: bay.id, tokens };
}

async function watcher(url: string, token: string, bayId: string): Promise<Socket> {
  const socket = await connect(url, '/watch', token);
  const ack = (await socket.timeout(10_000).emitWithAck('subscribe', { bayId, maxHz: VIEW_MAX_HZ })) as { ok: boolean };
  if (!ack.ok) throw new Error(`the bay watch was refused: ${JSON.stringify(ack)}`);
  return socket;
}
