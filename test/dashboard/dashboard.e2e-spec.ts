import type { Role } from '@app/contract';
import type { Browser } from 'playwright-core';
import { en, zhCN, type MessageKey } from '../../apps/dashboard/src/i18n/messages';
import { button, choose, DashboardTab, launchChromium } from '../support/browser';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The dashboard in a real Chromium against the real server: each role signs in through the form
 * and sees its own navigation and actions. Labels come from the dashboard's own dictionaries.
 */
jest.setTimeout(60_000);

const zh = (key: MessageKey) => zhCN[key];

const EVERYONE_SEES: MessageKey[] = [
  'nav.robots',
  'nav.schedule',
  'nav.live',
  'nav.standard',
  'nav.reports',
  'nav.exams',
];
const NAVIGATION: Record<Role, MessageKey[]> = {
  admin: [...EVERYONE_SEES, 'nav.bays', 'nav.vendors', 'nav.users'],
  operator: [...EVERYONE_SEES, 'nav.bays', 'nav.vendors'],
  engineer: [...EVERYONE_SEES, 'nav.bays', 'nav.vendors'],
  vendor: EVERYONE_SEES,
};

describe('the dashboard in a browser', () => {
  let field: TestApp;
  let browser: Browser;
  let vendorA: { id: string; name: string };
  let ownRobot: { id: string; serialNumber: string; name: string };
  let otherRobot: { id: string; serialNumber: string };
  let bay: { id: string; code: string };
  let accounts = 0;

  /** A person of the role with a password the test knows, to type into the sign-in form. */
  async function account(role: Role) {
    const email = `${role}-${++accounts}@dashboard.test`;
    const password = `password-of-${role}-${accounts}`;
    const user = await field.factory.user({
      email,
      password,
      role,
      name: `${zh(`role.${role}`)}${accounts}`,
      ...(role === 'vendor' ? { vendorId: vendorA.id } : {}),
    });
    return { id: user.id, email, password };
  }

  async function signedIn(role: Role): Promise<DashboardTab> {
    const { email, password } = await account(role);
    const tab = await DashboardTab.open(browser, field.url);
    await tab.signIn(email, password);
    return tab;
  }

  beforeAll(async () => {
    [field, browser] = await Promise.all([startTestApp(), launchChromium()]);
    vendorA = (await field.factory.vendor({ name: '优必选科技' })) as typeof vendorA;
    ownRobot = (await field.factory.robot({ vendorId: vendorA.id, name: '行者一号' })) as typeof ownRobot;
    otherRobot = (await field.factory.robot({ name: '别家机器人' })) as typeof otherRobot;
    bay = (await field.factory.bay({ name: '导览导购实训区' })) as typeof bay;
  });

  afterAll(async () => {
    await browser?.close();
    await field?.close();
  });

  it.each(['admin', 'operator', 'engineer', 'vendor'] as const)(
    'signs %s in and shows only what that role may see and do',
    async (role) => {
      const tab = await signedIn(role);
      const { page } = tab;
      expect(await tab.navigation()).toEqual(NAVIGATION[role].map(zh));
      expect(await page.getByTestId('current-user').innerText()).toMatch(zh(`role.${role}`));

      await page.getByRole('link', { name: ownRobot.serialNumber }).waitFor();
      const seesOthers = await page.getByRole('link', { name: otherRobot.serialNumber }).count();
      expect(seesOthers).toBe(role === 'vendor' ? 0 : 1);
      const registers = await page.getByRole('button', { name: button(zh('robots.register')) }).count();
      expect(registers).toBe(role === 'admin' || role === 'operator' ? 1 : 0);

      await page.getByRole('link', { name: ownRobot.serialNumber }).click();
      await page.getByTestId('status-history').waitFor();
      const actions = ['robot.admit', 'robot.reject', 'robot.withdraw', 'robot.issueToken'] as const;
      const shown = [];
      for (const action of actions) {
        if (await page.getByRole('button', { name: button(zh(action)) }).count()) shown.push(action);
      }
      const expected = {
        admin: ['robot.admit', 'robot.reject', 'robot.withdraw', 'robot.issueToken'],
        operator: ['robot.withdraw', 'robot.issueToken'],
        engineer: [],
        vendor: [],
      };
      expect(shown).toEqual(expected[role]);

      if (role === 'admin') {
        // Every other view loads without an error.
        for (const [nav, table] of [
          ['nav.bays', 'bays-table'],
          ['nav.vendors', 'vendors-table'],
          ['nav.users', 'users-table'],
        ] as const) {
          await page.getByRole('link', { name: zh(nav) }).click();
          await page.getByTestId(table).locator('tbody tr.ant-table-row').first().waitFor();
          if (table === 'bays-table') {
            await page.getByRole('switch', { name: `${zh('field.maintenance')} ${bay.code}` }).click();
            await page.getByTestId(table).getByText(zh('bayStatus.maintenance')).waitFor();
          }
        }
      }
      if (role === 'engineer') {
        await tab.goto('/robots/new');
        await page.getByText(zh('common.noAccess')).waitFor();
      }
      if (role === 'vendor') {
        tab.expectConsoleError(/status of 404/);
        await tab.goto(`/robots/${otherRobot.id}`);
        await page.getByRole('alert').getByText(zh('error.loadFailed')).waitFor();
      }
      await tab.finish(`role-${role}`);
    },
  );

  it('registers a robot through the form as an operator, and lists it', async () => {
    const tab = await signedIn('operator');
    const { page } = tab;
    await page.getByRole('button', { name: button(zh('robots.register')) }).click();
    await page.getByTestId('register-form').waitFor();
    await page.locator('#serialNumber').fill('UB-WALKER-S2-0042');
    await page.locator('#name').fill('行者二号');
    await page.locator('#model').fill('Walker S2');
    await choose(page, 'vendorId', vendorA.name);
    await choose(page, 'form', zh('form.humanoid'));
    await choose(page, 'domains', zh('domain.industrial_manufacturing'));
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: button(zh('register.addSpec')) }).click();
    await page.getByPlaceholder(zh('register.specName')).fill('payloadKg');
    await page.getByPlaceholder(zh('register.specValue')).fill('15');
    await page.getByTestId('register-submit').click();

    await page.getByTestId('robot-name').getByText('行者二号').waitFor();
    expect(await page.locator('[data-status]').first().getAttribute('data-status')).toBe('applied');
    await page.getByRole('link', { name: zh('nav.robots') }).click();
    await page.getByRole('link', { name: 'UB-WALKER-S2-0042' }).waitFor();
    const stored = await field.admin.get('/robots?vendorId=' + vendorA.id);
    expect(stored.body.items).toContainEqual(
      expect.objectContaining({ serialNumber: 'UB-WALKER-S2-0042', specs: { payloadKg: 15 }, status: 'applied' }),
    );
    await tab.finish('register-robot');
  });

  it('admits a robot as an admin with a reason, and the status history shows it', async () => {
    const robot = await field.factory.robot({ vendorId: vendorA.id, name: '天工一号' });
    const tab = await signedIn('admin');
    const { page } = tab;
    await tab.goto(`/robots/${robot.id}`);
    await page.getByRole('button', { name: button(zh('robot.admit')) }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#reason').fill('安全与规范评审通过');
    await dialog.getByTestId('modal-ok').click();

    const history = page.getByTestId('status-history');
    await history.getByText(zhCN['robot.reason'].replace('{reason}', '安全与规范评审通过')).waitFor();
    await history.getByText(`${zh('status.applied')} → ${zh('status.enrolled')}`).waitFor();
    expect(await page.locator('[data-status]').first().getAttribute('data-status')).toBe('enrolled');
    await tab.finish('admit-robot');
  });

  it('switches to English and stays there', async () => {
    const tab = await signedIn('operator');
    const { page } = tab;
    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByRole('heading', { name: en['robots.title'] }).waitFor();
    expect(await tab.navigation()).toEqual(NAVIGATION.operator.map((key) => en[key]));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await page.getByRole('button', { name: en['robots.register'] }).waitFor();
    expect(await page.getByRole('columnheader', { name: en['robots.serialNumber'] }).count()).toBe(1);
    await tab.finish('english');
  });

  it("shows the problem's detail when the field refuses an action", async () => {
    const tab = await signedIn('operator');
    const { page } = tab;
    tab.expectConsoleError(/status of 409/);
    await tab.goto('/robots/new');
    await page.locator('#serialNumber').fill(ownRobot.serialNumber);
    await page.locator('#name').fill('重复序列号');
    await page.locator('#model').fill('X');
    await choose(page, 'vendorId', vendorA.name);
    await choose(page, 'form', zh('form.amr'));
    await choose(page, 'domains', zh('domain.social_livelihood'));
    await page.keyboard.press('Escape');
    await page.getByTestId('register-submit').click();
    const detail = page.getByTestId('problem-detail');
    await detail.waitFor();
    expect(await detail.innerText()).toContain(ownRobot.serialNumber);
    await tab.finish('problem-detail');
  });

  it('sends a person whose sign-in the field no longer accepts back to the sign-in page', async () => {
    const { id, email, password } = await account('engineer');
    const tab = await DashboardTab.open(browser, field.url);
    await tab.signIn(email, password);
    await field.admin.patch(`/users/${id}`, { active: false }).expect(200);
    tab.expectConsoleError(/status of 401/);
    // Whichever request meets the refusal first sends the page away: the click's, or one the page
    // makes by itself meanwhile (then the link is gone before it can be clicked).
    const expired = tab.page.getByText(zh('login.expired'));
    await Promise.race([
      tab.page
        .getByRole('link', { name: zh('nav.bays') })
        .click()
        .catch(() => undefined),
      expired.waitFor(),
    ]);
    await expired.waitFor();
    expect(new URL(tab.page.url()).pathname).toBe('/login');
    await tab.finish('session-refused');
  });
});
