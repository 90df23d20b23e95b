import { readFileSync, statSync } from 'node:fs';
import type { CriteriaSet, Evaluation, GraduationReport, Role } from '@app/contract';
import { JobsService } from '@app/platform';
import { SUMMARIZE_SESSION } from '@app/scoring';
import type { Browser } from 'playwright-core';
import { en, zhCN, type MessageKey } from '../../apps/dashboard/src/i18n/messages';
import { button, DashboardTab, launchChromium } from '../support/browser';
import { graduateThroughTheField } from '../support/graduate';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The standard, a robot's evaluations and progress, and graduation reports in a real Chromium
 * against the real server. One robot is brought to a passed graduation evaluation through the
 * field's own API and jobs (test/support/graduate.ts); the tests then follow it in order: its
 * profile, its report issued, downloaded and revoked.
 */
jest.setTimeout(60_000);

const zh = (key: MessageKey) => zhCN[key];
const DOMAIN = 'social_livelihood';

describe('the standard, evaluations and reports in a browser', () => {
  let field: TestApp;
  let browser: Browser;
  let robot: { id: string; name: string; serialNumber: string };
  let graduation: Evaluation;
  let accounts = 0;

  async function signedIn(role: Role): Promise<DashboardTab> {
    const email = `${role}-${++accounts}@standard.test`;
    const password = `password-of-${role}-${accounts}`;
    await field.factory.user({ email, password, role, name: `${zh(`role.${role}`)}${accounts}` });
    const tab = await DashboardTab.open(browser, field.url);
    await tab.signIn(email, password);
    return tab;
  }

  beforeAll(async () => {
    [field, browser] = await Promise.all([startTestApp({ FIELD_SUMMARY_DELAY_MS: '0' }), launchChromium()]);
    const operator = await field.signIn('operator');
    robot = (await field.factory.enrolledRobot({ name: '天工毕业生', domains: [DOMAIN] })) as typeof robot;
    ({ evaluation: graduation } = await graduateThroughTheField(field, operator, robot, {
      successes: 9,
      failures: 1,
      passRate: 0.8,
    }));
    // The standard the robot's progress is measured against from now on: the field's own thresholds.
    const { body: draft } = await field.admin.post('/criteria-sets', {
      name: '毕业标准 · 社会民生 2026 秋',
      stage: 'graduation',
      domain: DOMAIN,
      passScore: 75,
      criteria: [
        { key: 'training_hours', dimension: 'industry_fit', metric: 'training.hours', op: 'gte', threshold: 200 },
        {
          key: 'teleop_samples',
          dimension: 'technical_leadership',
          metric: 'data.teleop_samples',
          op: 'gte',
          threshold: 100_000,
        },
      ],
    });
    await field.admin.post(`/criteria-sets/${draft.id}/publish`).expect(200);
  });

  afterAll(async () => {
    await browser?.close();
    await field?.close();
  });

  it('got the robot a passed graduation evaluation', () => {
    expect(graduation).toMatchObject({ status: 'completed', passed: true });
  });

  it('lets an admin edit a draft with the metric catalog, then publish it read-only for good', async () => {
    const { body: draft } = await field.admin.post('/criteria-sets', {
      name: '毕业标准 · 商贸文旅 2026',
      stage: 'graduation',
      domain: 'commerce_culture_tourism',
      passScore: 70,
      criteria: [{ key: 'hours', dimension: 'industry_fit', metric: 'training.hours', op: 'gte', threshold: 200 }],
    });
    const tab = await signedIn('admin');
    const { page } = tab;
    tab.expectConsoleError(/status of 400/);
    await page.getByRole('link', { name: zh('nav.standard') }).click();
    await page.getByRole('link', { name: draft.name }).click();
    await page.getByTestId('criteria-editor').waitFor();

    // A second criterion, its metric a task template from the catalog, its key (by mistake) repeated.
    await page.getByTestId('add-criterion').click();
    await page.locator('#criteria_1_key').fill('hours');
    await page.locator('#criteria_1_metric').click();
    await page.keyboard.type('success_rate_lcb:');
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) [title="task.success_rate_lcb:<taskKey>"]')
      .click();
    await page.locator('#criteria_1_metric_param').fill('guide_tour');
    await page.locator('#criteria_1_threshold').fill('0.85');
    await page.getByTestId('save-set').click();
    const keyItem = page.locator('.ant-form-item', { has: page.locator('#criteria_1_key') });
    await keyItem.locator('.ant-form-item-explain-error').getByText('repeats a key of this set').waitFor();
    await tab.snapshot('standard-field-error');

    await page.locator('#criteria_1_key').fill('tour_success');
    await page.getByTestId('save-set').click();
    await page.getByText(zh('standard.saved')).waitFor();
    const saved = (await field.admin.get(`/criteria-sets/${draft.id}`)).body as CriteriaSet;
    expect(saved.criteria.map((criterion) => [criterion.key, criterion.metric, criterion.threshold])).toEqual([
      ['hours', 'training.hours', 200],
      ['tour_success', 'task.success_rate_lcb:guide_tour', 0.85],
    ]);

    // Publishing says which version it supersedes, asks, and leaves a set nobody may change.
    await page.getByTestId('publish-set').click();
    const supersedes = page.getByTestId('publish-supersedes');
    expect(await supersedes.innerText()).toBe(
      zhCN['standard.publishSupersedes']
        .replace('{domain}', zh('domain.commerce_culture_tourism'))
        .replace('{stage}', zh('stage.graduation'))
        .replace('{version}', '2'),
    );
    await page.getByTestId('confirm-publish').click();
    await page.getByTestId('set-read-only').waitFor();
    await page.locator('.ant-modal-confirm').waitFor({ state: 'detached' });
    expect(await page.locator('[data-set-status]').getAttribute('data-set-status')).toBe('active');
    for (const action of ['criteria-editor', 'save-set', 'publish-set', 'delete-set']) {
      expect(await page.getByTestId(action).count()).toBe(0);
    }
    expect(await page.getByTestId('criteria').locator('tbody tr.ant-table-row').count()).toBe(2);
    const line = await field.admin.get('/criteria-sets?stage=graduation&domain=commerce_culture_tourism');
    expect(line.body.items.map((set: CriteriaSet) => [set.version, set.status])).toEqual([
      [3, 'active'],
      [2, 'superseded'],
      [1, 'superseded'],
    ]);
    await tab.finish('standard-published');
  });

  it("shows a robot's evaluations with every criterion, its progress, and a new evaluation completing live", async () => {
    const tab = await signedIn('admin');
    const { page } = tab;
    await tab.goto(`/robots/${robot.id}`);

    const hours = page.getByTestId('progress-training.hours');
    await hours.waitFor();
    expect(await hours.getByTestId('progress-value').innerText()).toMatch(/^0(\.\d+)? \/ ≥ 200 小时$/);
    expect(await page.getByTestId('progress-data.teleop_samples').getByTestId('progress-value').innerText()).toBe(
      '0 / ≥ 100,000 个',
    );
    expect(Number(await hours.getAttribute('data-percent'))).toBeLessThan(1);

    const results = page.getByTestId('evaluation-results');
    await results.waitFor();
    expect(await results.locator('[data-criterion="rate"][data-passed="true"]').count()).toBe(1);
    expect(await results.locator('[data-criterion="attempts"]').innerText()).toContain('task.attempts');

    await page.getByTestId('request-evaluation').click();
    await page.getByTestId('evaluation-dialog').getByTestId('modal-ok').click();
    // Against the new standard the robot has far too few hours: the result arrives on its own.
    await page
      .getByTestId('evaluation-results')
      .locator('[data-criterion="training_hours"][data-passed="false"]')
      .waitFor({ timeout: 20_000 });
    await page.getByText(zh('evaluation.completedFailed')).waitFor();
    expect(await page.locator('[data-testid="evaluation"][data-status="completed"]').count()).toBe(2);
    await tab.finish('robot-evaluations');
  });

  it('says when a new evaluation waits for the summary of a session just completed', async () => {
    const summaries = field.app.get(JobsService).queue(SUMMARIZE_SESSION.queue);
    const operator = await field.signIn('operator');
    const student = await field.factory.enrolledRobot({ name: '天工候评生', domains: [DOMAIN] });
    const bay = await field.factory.bay({ domain: DOMAIN });
    const { body: booked } = await operator.post('/sessions', {
      bayId: bay.id,
      robotIds: [student.id],
      kind: 'training',
      startsAt: new Date(Date.now() - 3600_000).toISOString(),
      endsAt: new Date(Date.now() + 3600_000).toISOString(),
    });
    await operator.post(`/sessions/${booked.id}/start`).expect(200);
    const tab = await signedIn('operator');
    const { page } = tab;
    // No summary is made while the queue is paused: the evaluation waits for it, and says so.
    await summaries.pause();
    try {
      await operator.post(`/sessions/${booked.id}/complete`).expect(200);
      await tab.goto(`/robots/${student.id}`);
      await page.getByTestId('request-evaluation').click();
      await page.getByTestId('evaluation-dialog').getByTestId('modal-ok').click();
      await page.getByText(zh('evaluation.awaitingSummaries').replace('{count}', '1')).waitFor({ timeout: 20_000 });
    } finally {
      await summaries.resume();
    }
    await page.locator('[data-testid="evaluation"][data-status="completed"]').waitFor({ timeout: 20_000 });
    await tab.finish('robot-evaluation-awaiting-summaries');
  });

  it('issues a report from the Reports page, downloads its PDF, revokes it and the verification page says so', async () => {
    const tab = await signedIn('admin');
    const { page } = tab;
    await page.getByRole('link', { name: zh('nav.reports') }).click();
    const awaiting = page.getByTestId('awaiting-reports');
    await awaiting.getByText(robot.name).waitFor();
    await awaiting.getByTestId('issue-report').click();
    await page.getByTestId('confirm-issue').click();
    const reports = page.getByTestId('reports');
    await reports.locator('[data-report-status="valid"]').waitFor();
    await awaiting.getByText(zh('reports.awaitingEmpty')).waitFor();
    const [report] = (await field.admin.get(`/graduation-reports?robotId=${robot.id}`)).body
      .items as GraduationReport[];
    expect(report).toMatchObject({ evaluationId: graduation.id, status: 'valid' });
    expect(await reports.getByText(report.number).count()).toBe(1);
    expect(await reports.getByTestId('report-digest').innerText()).toContain(report.digest.slice(0, 12));

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-report').click()]);
    expect(download.suggestedFilename()).toBe(`${report.number}.pdf`);
    const path = (await download.path())!;
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(statSync(path).size).toBeGreaterThan(20_000);

    await page.getByTestId('revoke-report').click();
    const dialog = page.getByTestId('revoke-dialog');
    await dialog.locator('#reason').fill('评估数据复核不一致');
    await dialog.getByTestId('modal-ok').click();
    await reports.locator('[data-report-status="revoked"]').waitFor();
    expect(await page.getByTestId('revoke-report').count()).toBe(0);

    const [verification] = await Promise.all([
      page.context().waitForEvent('page'),
      reports.getByTestId('verify-link').click(),
    ]);
    await verification.getByRole('heading', { name: /Revoked/ }).waitFor();
    expect(new URL(verification.url()).pathname).toBe(`/verify/${report.number}`);
    expect((await field.anonymous.get(`/api/v1/verify/${report.number}`)).body).toMatchObject({
      valid: false,
      status: 'revoked',
    });
    await verification.close();
    // Revoked, the robot is enrolled again and its passed evaluation awaits a report once more.
    await awaiting.getByText(robot.name).waitFor();
    await tab.finish('reports');
  });

  it('reads the new pages in English, without the actions an engineer may not take', async () => {
    const tab = await signedIn('engineer');
    const { page } = tab;
    await page.getByTestId('language-switch').getByText('English').click();

    await page.getByRole('link', { name: en['nav.standard'] }).click();
    await page.getByRole('heading', { name: en['standard.title'] }).waitFor();
    await page.getByText(en['standard.readOnly']).waitFor();
    expect(await page.getByRole('button', { name: button(en['standard.new']) }).count()).toBe(0);
    await page.getByTestId('criteria-sets').getByText(en['criteriaSetStatus.active']).first().waitFor();

    await page.getByRole('link', { name: en['nav.reports'] }).click();
    await page.getByRole('heading', { name: en['reports.title'] }).waitFor();
    await page.getByText(en['reports.readOnly']).waitFor();
    await page.getByTestId('reports').getByText(en['reportStatus.revoked']).waitFor();
    expect(await page.getByRole('columnheader', { name: en['reports.digest'] }).count()).toBe(1);
    expect(await page.getByTestId('issue-report').count()).toBe(0);
    expect(await page.getByTestId('revoke-report').count()).toBe(0);

    await tab.goto(`/robots/${robot.id}`);
    await page.getByText(en['progress.title']).waitFor();
    await page.getByText(en['progress.training']).waitFor();
    await page.getByText(en['evaluation.title'], { exact: true }).waitFor();
    expect(await page.getByTestId('request-evaluation').count()).toBe(0);
    await tab.finish('english-standard-reports');
  });
});
