import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from './chromium';
import { CHROMIUM } from './test-env';

export const SCREENSHOTS = join(__dirname, '..', '..', 'test-output', 'screenshots');

const DASHBOARD_INDEX = join(__dirname, '..', '..', 'apps', 'dashboard', 'dist', 'index.html');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run installs it when missing)`);
  }
  if (!existsSync(DASHBOARD_INDEX)) {
    throw new Error(`${DASHBOARD_INDEX} is missing: run "npm run build" first (npm test does)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * One person's browser tab on the dashboard. It records every console error and uncaught page
 * error; `finish` saves a screenshot of the final screen and fails on any error not expected.
 */
export class DashboardTab {
  private readonly errors: string[] = [];
  private readonly expected: RegExp[] = [];

  private constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    page.on('console', (message) => {
      if (message.type() === 'error') this.errors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.errors.push(`page: ${error.message}`));
  }

  static async open(browser: Browser, baseUrl: string): Promise<DashboardTab> {
    const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, locale: 'zh-CN' });
    return new DashboardTab(await context.newPage(), baseUrl);
  }

  /** A console error the test provokes on purpose (a refused request logs one in Chromium). */
  expectConsoleError(pattern: RegExp): void {
    this.expected.push(pattern);
  }

  async goto(path: string): Promise<void> {
    await this.page.goto(this.baseUrl + path);
  }

  /** Signs in through the sign-in form and waits for the first page of the dashboard. */
  async signIn(email: string, password: string): Promise<void> {
    await this.goto('/login');
    await this.page.locator('input#email').fill(email);
    await this.page.locator('input#password').fill(password);
    await this.page.locator('form button[type=submit]').click();
    await this.page.getByTestId('navigation').waitFor();
  }

  /** The labels of the navigation, in order. */
  async navigation(): Promise<string[]> {
    return (await this.page.getByTestId('navigation').locator('li[role=menuitem]').allInnerTexts()).map((text) =>
      text.trim(),
    );
  }

  /** A screenshot of the screen as it is now, beside the final one. */
  async snapshot(name: string): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await this.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  async finish(name: string): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    try {
      await this.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    } finally {
      const unexpected = this.errors.filter((error) => !this.expected.some((pattern) => pattern.test(error)));
      await this.page.context().close();
      expect(unexpected).toEqual([]);
    }
  }
}

/** A label as a button shows it: Ant Design puts a space between two Chinese characters. */
export const button = (text: string) => new RegExp(`(^|\\s)${[...text].map(escapeRegExp).join('\\s?')}$`);
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Picks an option of an Ant Design select (by the id of its input) by its label. */
export async function choose(page: Page, fieldId: string, label: string): Promise<void> {
  await page.locator(`#${fieldId}`).click();
  await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) [title="${label}"]`).click();
}
