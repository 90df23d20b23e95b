import type { Exam, Role } from '@app/contract';
import type { Browser, Page } from 'playwright-core';
import { en, zhCN, type MessageKey } from '../../apps/dashboard/src/i18n/messages';
import { choose, DashboardTab, launchChromium } from '../support/browser';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Graduation exams in a real Chromium against the real server: an operator pre-registers an exam
 * from the Exams page (seeing Wald's expected trials first), records it to a pass on the examiner
 * view, and finds it on the robot's profile; the robot's vendor reads it without the buttons.
 */
jest.setTimeout(90_000);

const zh = (key: MessageKey) => zhCN[key];
const TASK = { key: 'guide_tour', label: '导览讲解 Guided tour (guide_tour)' };

describe('graduation exams in a browser', () => {
  let field: TestApp;
  let browser: Browser;
  let robot: { id: string; name: string; serialNumber: string; vendorId: string };
  let exam: Exam;
  let accounts = 0;

  async function signedIn(role: Role, extra: Record<string, unknown> = {}): Promise<DashboardTab> {
    const email = `${role}-${++accounts}@exams.test`;
    const password = `password-of-${role}-${accounts}`;
    await field.factory.user({ email, password, role, name: `${zh(`role.${role}`)}${accounts}`, ...extra });
    const tab = await DashboardTab.open(browser, field.url);
    await tab.signIn(email, password);
    return tab;
  }

  const trialCount = (page: Page) => page.getByTestId('trial-count').innerText();

  beforeAll(async () => {
    [field, browser] = await Promise.all([startTestApp(), launchChromium()]);
    robot = (await field.factory.enrolledRobot({
      name: '天工考生',
      domains: ['commerce_culture_tourism'],
    })) as typeof robot;
  });

  afterAll(async () => {
    await browser?.close();
    await field?.close();
  });

  it('lets an operator create an exam from the catalogue and record it to a pass', async () => {
    const tab = await signedIn('operator');
    const { page } = tab;
    const trialPosts: { key: string | undefined; body: string | null }[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && /\/exams\/[^/]+\/trials$/.test(request.url())) {
        trialPosts.push({ key: request.headers()['idempotency-key'], body: request.postData() });
      }
    });

    await page.getByRole('link', { name: zh('nav.exams') }).click();
    await page.getByTestId('new-exam').click();
    await choose(page, 'robotId', `${robot.name} (${robot.serialNumber})`);
    await choose(page, 'taskKey', TASK.label);
    // The default protocol (p0 0.6, p1 0.8, α = β = 0.05): Wald's 25.3 trials under p0, 29 under p1 (11.7 with p1 0.9).
    expect(await page.getByTestId('asn-p0').innerText()).toBe('25.3');
    expect(await page.getByTestId('asn-p1').innerText()).toBe('29');
    await page.locator('#p1').fill('0.9');
    await page.getByTestId('asn-p1').getByText('11.7').waitFor();
    await page.locator('#p1').fill('0.8');
    await page.locator('#seed').fill('4242');
    await page.getByTestId('asn-p1').getByText('29').waitFor();
    await tab.snapshot('exam-create');
    await page.getByTestId('modal-ok').click();

    await page.waitForURL(/\/exams\/[0-9a-f-]{36}$/);
    const examId = page.url().split('/').pop() as string;
    exam = (await field.admin.get(`/exams/${examId}`).expect(200)).body as Exam;
    expect(exam).toMatchObject({
      robotId: robot.id,
      taskKey: TASK.key,
      seed: 4242,
      status: 'open',
      protocol: { method: 'sprt', p0: 0.6, p1: 0.8, alpha: 0.05, beta: 0.05, maxTrials: 60 },
    });

    // The first trial and the initial conditions the plan drew for it.
    await page.getByTestId('current-trial').getByText('1', { exact: false }).waitFor();
    const conditions = await page.getByTestId('trial-conditions').innerText();
    for (const value of Object.values(exam.plan[0].conditions)) expect(conditions).toContain(String(value));

    // A double tap records one trial.
    await page.getByTestId('record-success').dblclick();
    await page.getByTestId('trial-count').getByText('1 / 60').waitFor();
    await page.getByTestId('record-success').and(page.locator(':not([disabled])')).waitFor();
    expect((await field.admin.get(`/exams/${examId}`)).body.trials).toHaveLength(1);
    await tab.snapshot('exam-examiner');

    // Ten more successes: the 11th crosses ln 19 and the exam passes.
    for (let index = 2; index <= 11; index++) {
      await page.getByTestId('record-success').and(page.locator(':not([disabled])')).click();
      await page.getByTestId('trial-count').getByText(`${index} / 60`).waitFor();
    }
    await page.getByTestId('exam-closed').waitFor();
    expect(await page.getByTestId('exam-decision').locator('[data-exam-status]').getAttribute('data-exam-status')).toBe(
      'passed',
    );
    expect(await trialCount(page)).toBe('11 / 60');
    expect(await page.getByTestId('record-success').isDisabled()).toBe(true);
    expect(await page.getByTestId('record-failure').isDisabled()).toBe(true);
    expect(await page.locator('[data-ledger-intact]').getAttribute('data-ledger-intact')).toBe('true');
    expect(await page.getByTestId('llr-chart').getAttribute('data-trials')).toBe('11');
    expect(await page.getByTestId('exam-trials').locator('tbody tr.ant-table-row').count()).toBe(11);

    exam = (await field.admin.get(`/exams/${examId}`)).body as Exam;
    expect(exam).toMatchObject({ status: 'passed', ledgerIntact: true });
    expect(exam.trials.map((trial) => trial.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(await page.getByTestId('ledger-head').innerText()).toContain(exam.ledgerHead.slice(0, 16));
    // The double tap sent one request, and every trial went with an Idempotency-Key of its own.
    const keys = trialPosts.map((post) => post.key);
    expect(keys.every((key) => key !== undefined)).toBe(true);
    expect(keys).toHaveLength(11);
    expect(new Set(keys).size).toBe(11);

    // The robot's profile lists the exam, passed, linked to its examiner view.
    await page.getByRole('link', { name: zh('exam.toRobot') }).click();
    const row = page.getByTestId('robot-exams').locator('tbody tr.ant-table-row');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.locator('[data-exam-status]').getAttribute('data-exam-status')).toBe('passed');
    expect(await row.getByTestId('exam-link').getAttribute('href')).toBe(`/exams/${examId}`);
    await tab.finish('exam-robot-profile');
  });

  it("shows the robot's vendor the exam read-only, in English", async () => {
    const tab = await signedIn('vendor', { vendorId: robot.vendorId });
    const { page } = tab;
    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByRole('link', { name: en['nav.exams'] }).click();
    const row = page.getByTestId('exams').locator('tbody tr.ant-table-row');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    await row.getByTestId('exam-link').click();
    await page.getByTestId('exam-decision').waitFor();
    await page.getByText(en['exam.readOnly']).waitFor();
    expect(await page.getByTestId('record-success').count()).toBe(0);
    expect(await page.getByTestId('exam-decision').innerText()).toContain(en['examStatus.passed']);
    await tab.finish('exam-vendor-en');
  });
});
