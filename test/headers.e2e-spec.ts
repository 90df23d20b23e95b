import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { launchChromium } from './support/browser';
import { graduateThroughTheField } from './support/graduate';
import { startTestApp, TestApp } from './support/test-app';

/** CONTRACT.md, Conventions: security headers on every response, a strict CSP on every page. */
describe('security headers', () => {
  let field: TestApp;
  let browser: Browser;
  let reportNumber: string;

  beforeAll(async () => {
    [field, browser] = await Promise.all([startTestApp({ FIELD_SUMMARY_DELAY_MS: '0' }), launchChromium()]);
    const operator = await field.signIn('operator');
    const robot = await field.factory.enrolledRobot({ name: '验证页机器人', domains: ['social_livelihood'] });
    const { evaluation } = await graduateThroughTheField(field, operator, robot, {
      successes: 3,
      failures: 0,
      passRate: 0.5,
    });
    const { body: report } = await field.admin
      .post(`/robots/${robot.id}/graduation-reports`, { evaluationId: evaluation.id })
      .expect(201);
    reportNumber = report.number as string;
  });

  afterAll(async () => {
    await browser?.close();
    await field?.close();
  });

  const directives = (csp: string) =>
    new Map(
      csp
        .split(';')
        .map((part) => part.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values] as const),
    );

  it('sets nosniff and no-referrer on JSON, problem, file, calendar and page responses alike', async () => {
    const server = field.app.getHttpServer();
    const bay = await field.factory.bay();
    const responses = [
      await request(server).get('/health'),
      await field.admin.get('/users/me'),
      await field.anonymous.get('/users/me'),
      await request(server).get('/verify/a/b'),
      await request(server).get('/docs-json'),
      await request(server).get(`/verify/${reportNumber}`).set('Accept', 'text/html'),
      await request(server).get('/login'),
      await request(server).get('/favicon.svg'),
      await field.admin.get(`/bays/${bay.id}/calendar.ics`),
      await field.admin.post('/sites', '{"broken').set('Content-Type', 'application/json'),
      // socket.io answers these itself, before Express.
      await request(server).get('/socket.io/?EIO=4&transport=polling'),
      await request(server).get('/socket.io/?EIO=9&transport=websocket'),
    ];
    for (const [index, response] of responses.entries()) {
      expect({
        index,
        status: response.status,
        nosniff: response.headers['x-content-type-options'],
      }).toMatchObject({ nosniff: 'nosniff' });
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('gives every HTML page a CSP without inline scripts that forbids framing', async () => {
    const server = field.app.getHttpServer();
    for (const path of ['/', '/login', `/verify/${reportNumber}`, '/verify/MY-0000-000000', '/docs']) {
      const response = await request(server).get(path).set('Accept', 'text/html').redirects(1);
      expect(response.headers['content-type']).toMatch(/text\/html/);
      const csp = directives(response.headers['content-security-policy'] ?? '');
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('script-src-attr')).toEqual(["'none'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(response.headers['x-frame-options']).toBe('DENY');
    }
  });

  /** Loads a page in Chromium and answers every CSP violation and console error it met. */
  async function problemsOn(path: string, ready: (page: Page) => Promise<unknown>): Promise<string[]> {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      // A browser asks every site for /favicon.ico; the pages name no icon, so its 404 is expected.
      if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) {
        problems.push(`console: ${message.text()} (${message.location().url})`);
      }
    });
    page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
    // Test code runs in Node's types; the page script is a string so it needs no DOM typings here.
    await page.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (event) =>
        console.error('CSP violation: ' + event.violatedDirective + ' ' + event.blockedURI));`,
    });
    try {
      await page.goto(field.url + path);
      await ready(page);
      // Late violations (lazy chunks, injected styles) are reported asynchronously.
      await page.waitForTimeout(300);
    } finally {
      await context.close();
    }
    return problems;
  }

  it('lets the dashboard sign in and render under its CSP in Chromium', async () => {
    const problems = await problemsOn('/login', async (page) => {
      await page.locator('input#email').fill('admin@field.test');
      await page.locator('input#password').fill('admin-password-for-tests');
      await page.locator('form button[type=submit]').click();
      await page.getByTestId('navigation').waitFor();
    });
    expect(problems).toEqual([]);
  });

  it('renders the verification page under its CSP in Chromium, styles applied', async () => {
    let background = '';
    const problems = await problemsOn(`/verify/${reportNumber}`, async (page) => {
      await page.getByRole('heading', { name: /Valid/ }).waitFor();
      background = await page.evaluate<string>(`getComputedStyle(document.querySelector('.status')).backgroundColor`);
    });
    expect(problems).toEqual([]);
    expect(background).toBe('rgb(21, 128, 61)');
  });

  it('still loads Swagger UI at /docs under the same CSP', async () => {
    const problems = await problemsOn('/docs', (page) => page.locator('.swagger-ui .info .title').waitFor());
    expect(problems.filter((problem) => /Content Security Policy|CSP violation/i.test(problem))).toEqual([]);
  });
});
