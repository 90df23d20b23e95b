import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { startSimulator, type SimulatorReport } from '../../apps/robot-sim/src/simulator';
import { DashboardTab, launchChromium } from '../support/browser';
import { waitFor } from '../support/sockets';
import { TcpProxy } from '../support/tcp-proxy';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The live view in a real Chromium, fed by the robot simulator running in this process. The page
 * reaches the field through a TCP proxy, so the test can cut its connection and bring it back.
 */
jest.setTimeout(60_000);

/** A task kind whose simulated attempts take about five seconds (the simulator derives it from the name). */
const QUICK_TASK = 'serve_table';

describe('the live view in a browser', () => {
  let field: TestApp;
  let browser: Browser;
  let proxy: TcpProxy;
  let simulator: { stop: AbortController; done: Promise<SimulatorReport> } | null = null;

  beforeAll(async () => {
    [field, browser] = await Promise.all([startTestApp(), launchChromium()]);
    proxy = await TcpProxy.start(field.url);
  });

  afterAll(async () => {
    simulator?.stop.abort();
    await simulator?.done;
    await browser?.close();
    await proxy?.close();
    await field?.close();
  });

  it('charts a streaming robot, logs its task events, survives a lost connection and downloads the recording', async () => {
    const robot = await field.factory.enrolledRobot({ name: '行者一号' });
    const bay = await field.factory.bay({ code: 'L-01' });
    const { body: session } = await field.admin
      .post('/sessions', {
        bayId: bay.id,
        robotIds: [robot.id],
        kind: 'training',
        taskKeys: [QUICK_TASK],
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 3600_000).toISOString(),
      })
      .expect(201);
    await field.admin.post(`/sessions/${session.id}/start`).expect(200);
    const { body: device } = await field.admin.post(`/robots/${robot.id}/device-token`).expect(201);
    const email = 'engineer@live.test';
    const password = 'password-of-the-engineer';
    await field.factory.user({ email, password, role: 'engineer', name: '工程师' });

    const tab = await DashboardTab.open(browser, proxy.route(field.url).replace(/\/$/, ''));
    const { page } = tab;
    // Chromium logs the refused reconnections while the proxy is cut.
    tab.expectConsoleError(/WebSocket connection to .* failed|ERR_CONNECTION_REFUSED/);
    await tab.signIn(email, password);
    await tab.goto(`/live?robotId=${robot.id}`);
    await page.getByTestId('live-connected').waitFor();
    await page.getByTestId('live-waiting').waitFor();

    const stop = new AbortController();
    simulator = {
      stop,
      done: startSimulator({
        url: field.url,
        tokens: [device.token as string],
        hz: 20,
        batchSize: 10,
        flushAfterMs: 200,
        tickMs: 50,
        tasks: [QUICK_TASK],
        taskSuccess: 1,
        seed: 'dashboard-live',
        signal: stop.signal,
      }),
    };

    const chart = page.getByTestId('joint-chart');
    const points = async () => Number(await chart.getAttribute('data-points'));
    await chart.waitFor();
    const early = await points();
    await waitFor(async () => (await points()) > early, 10_000, 'the joint chart to grow');
    await page.getByTestId('battery-chart').waitFor();
    expect(await page.getByTestId('floor-track').count()).toBe(1);
    await page.locator('[data-testid="event-entry"][data-channel="task"][data-event="start"]').first().waitFor();
    await page
      .locator('[data-testid="event-entry"][data-channel="task"][data-event="success"]')
      .first()
      .waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('event-log').innerText()).toContain(QUICK_TASK);
    await tab.snapshot('live-streaming');

    // Cut the browser off: the view says so, then picks up where it was once the field is back.
    await proxy.cut();
    await page.getByTestId('live-reconnecting').waitFor();
    await tab.snapshot('live-reconnecting');
    await proxy.restore();
    await page.getByTestId('live-connected').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('live-reconnecting').count()).toBe(0);
    const samples = async () =>
      Number(await page.getByTestId('live-samples').locator('.ant-statistic-content-value').innerText());
    const resumed = await samples();
    await waitFor(async () => (await samples()) > resumed, 10_000, 'samples to arrive again after reconnecting');

    // The session ends: the log says so and its recording can be downloaded.
    stop.abort();
    await simulator.done;
    await field.admin.post(`/sessions/${session.id}/complete`).expect(200);
    await page.locator('[data-testid="event-entry"][data-channel="session"]').first().waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-recording').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`session-${session.id}.mcap`);
    const file = readFileSync((await download.path())!);
    expect(file.subarray(0, 8).toString('latin1')).toBe('\x89MCAP0\r\n');
    await tab.finish('live');
  });
});
