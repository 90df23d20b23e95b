import { readFileSync } from 'node:fs';
import type { Role, Session } from '@app/contract';
import { dayOf } from '@app/contract';
import type { Browser, Locator } from 'playwright-core';
import { en, zhCN } from '../../apps/dashboard/src/i18n/messages';
import { choose, DashboardTab, launchChromium } from '../support/browser';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The schedule board in a real Chromium: an operator books by clicking a slot, sees the field's
 * 409 on the block in the way, runs a session from its block and drags another; an engineer only looks.
 */
jest.setTimeout(60_000);

const TIME_ZONE = 'Asia/Shanghai';

describe('the schedule board in a browser', () => {
  let field: TestApp;
  let browser: Browser;
  let accounts = 0;
  const day = dayOf(Date.now(), TIME_ZONE);
  /** `HH:mm` today on the field's clock. */
  const at = (clock: string) => new Date(`${day}T${clock}:00+08:00`).toISOString();

  async function signedIn(role: Role): Promise<DashboardTab> {
    const email = `${role}-${++accounts}@schedule.test`;
    const password = `password-of-${role}-${accounts}`;
    await field.factory.user({ email, password, role, name: `${zhCN[`role.${role}`]}${accounts}` });
    const tab = await DashboardTab.open(browser, field.url);
    await tab.signIn(email, password);
    return tab;
  }

  const row = (tab: DashboardTab, code: string) => tab.page.locator(`[data-testid="bay-row"][data-bay-code="${code}"]`);
  const block = (tab: DashboardTab, sessionId: string) =>
    tab.page.locator(`[data-testid="session-block"][data-session-id="${sessionId}"]`);

  /** Clicks a bay's timeline at a time of the shown day (the day view spans 24 hours). */
  async function clickSlot(timeline: Locator, hour: number): Promise<void> {
    const box = (await timeline.boundingBox())!;
    await timeline.click({ position: { x: (box.width * hour) / 24 + 3, y: 8 } });
  }

  beforeAll(async () => {
    [field, browser] = await Promise.all([startTestApp(), launchChromium()]);
  });

  afterAll(async () => {
    await browser?.close();
    await field?.close();
  });

  it('books from a slot, shows a 409 at the block in the way, runs a session, drags one and downloads the calendar', async () => {
    const site = await field.factory.site();
    const hall = await field.factory.bay({ siteId: site.id, code: 'A-01', name: '导览导购实训区' });
    const kitchen = await field.factory.bay({ siteId: site.id, code: 'A-02', name: '家庭服务实训区' });
    const walker = await field.factory.enrolledRobot({ name: '行者一号' });
    const other = await field.factory.enrolledRobot({ name: '天工二号' });
    const movable = await field.admin
      .post('/sessions', {
        bayId: kitchen.id,
        robotIds: [other.id],
        kind: 'training',
        startsAt: at('14:00'),
        endsAt: at('15:00'),
      })
      .expect(201);

    const tab = await signedIn('operator');
    const { page } = tab;
    tab.expectConsoleError(/status of 409/);
    await tab.goto(`/schedule?date=${day}`);

    // Book the hall from 10:00 by clicking its empty slot.
    await clickSlot(row(tab, 'A-01').getByTestId('bay-timeline'), 10.1);
    const dialog = page.getByRole('dialog');
    expect(await dialog.locator('#startsAt').inputValue()).toBe(`${day} 10:00`);
    expect(await dialog.locator('#endsAt').inputValue()).toBe(`${day} 11:00`);
    await choose(page, 'robotIds', `行者一号 (${walker.serialNumber})`);
    await page.keyboard.press('Escape');
    await dialog.getByTestId('modal-ok').click();
    const first = row(tab, 'A-01').getByTestId('session-block');
    await first.waitFor();
    const [booked] = (await field.admin.get(`/sessions?bayId=${hall.id}`)).body.items as Session[];
    expect(booked).toMatchObject({
      startsAt: at('10:00'),
      endsAt: at('11:00'),
      robotIds: [walker.id],
      kind: 'training',
    });
    expect(await first.getAttribute('data-status')).toBe('scheduled');

    // The same robot in the kitchen at the same hour: the field refuses, and the board marks why.
    await clickSlot(row(tab, 'A-02').getByTestId('bay-timeline'), 10.1);
    await choose(page, 'robotIds', `行者一号 (${walker.serialNumber})`);
    await page.keyboard.press('Escape');
    await dialog.getByTestId('modal-ok').click();
    await page.getByTestId('booking-conflict').waitFor();
    expect(await block(tab, booked.id).getAttribute('data-conflict')).toBe('robot');
    await row(tab, 'A-02').getByTestId('attempted-booking').waitFor();
    expect(await page.getByTestId('booking-conflict').innerText()).toContain('行者一号');
    expect((await field.admin.get(`/sessions?bayId=${kitchen.id}`)).body.items).toHaveLength(1);
    await dialog.waitFor({ state: 'hidden' });
    await tab.snapshot('schedule-conflict');

    // Start and complete the booked session from its block.
    await block(tab, booked.id).click();
    await page.getByTestId('session-details').locator('[data-action="start"]').click();
    await page.locator(`[data-session-id="${booked.id}"][data-status="running"]`).waitFor();
    await page.getByTestId('session-details').locator('[data-action="complete"]').click();
    await page.locator(`[data-session-id="${booked.id}"][data-status="completed"]`).waitFor();
    const done = (await field.admin.get(`/sessions/${booked.id}`)).body as Session;
    expect(done.status).toBe('completed');
    expect(done.startedAt && done.endedAt).toBeTruthy();
    expect(await page.getByTestId('booking-conflict').count()).toBe(0);
    await page.keyboard.press('Escape');

    // Drag the kitchen's other session an hour later.
    const drill = block(tab, movable.body.id as string);
    const box = (await drill.boundingBox())!;
    const hourWidth = (await row(tab, 'A-02').getByTestId('bay-timeline').boundingBox())!.width / 24;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + hourWidth / 2, box.y + box.height / 2, { steps: 4 });
    await page.mouse.move(box.x + box.width / 2 + hourWidth, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    await page.getByText(zhCN['booking.moved'].split('{')[0]).first().waitFor();
    const moved = (await field.admin.get(`/sessions/${movable.body.id}`)).body as Session;
    expect(moved).toMatchObject({ startsAt: at('15:00'), endsAt: at('16:00'), bayId: kitchen.id });

    // The hall's calendar, fetched with the token and saved as an .ics file.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row(tab, 'A-01').getByTestId('bay-calendar').click(),
    ]);
    expect(download.suggestedFilename()).toBe('bay-A-01.ics');
    const calendar = readFileSync((await download.path())!, 'utf8');
    expect(calendar).toContain('BEGIN:VCALENDAR');
    expect(calendar).toContain('BEGIN:VEVENT');

    // Its subscription link, for a calendar app: it reads the calendar with no token at all.
    await row(tab, 'A-01').getByTestId('bay-calendar-feed').click();
    const shown = page.getByTestId('calendar-feed');
    await shown.waitFor();
    const link = (await shown.locator('code').innerText()).trim();
    expect(link).toMatch(/\/api\/v1\/bays\/[0-9a-f-]+\/calendar\.ics\?feed=/);
    // The link is made on FIELD_PUBLIC_URL; this test's server listens on a port of its own.
    const { pathname, search } = new URL(link);
    const subscribed = await fetch(`${field.url}${pathname}${search}`);
    expect(subscribed.status).toBe(200);
    expect(await subscribed.text()).toContain('BEGIN:VEVENT');
    await tab.finish('schedule-operator');
  });

  it('lists the person’s calendar links and revokes one; signing out ends the token on the field', async () => {
    await field.factory.bay({ code: 'L-01' });
    const tab = await signedIn('operator');
    const { page } = tab;
    await tab.goto(`/schedule?date=${day}`);
    await row(tab, 'L-01').getByTestId('bay-calendar-feed').click();
    const shown = page.getByTestId('calendar-feed');
    await shown.waitFor();
    const { pathname, search } = new URL((await shown.locator('code').innerText()).trim());
    await page.locator('.ant-modal-confirm-btns button').click();
    await shown.waitFor({ state: 'detached' });
    expect((await fetch(`${field.url}${pathname}${search}`)).status).toBe(200);

    await page.getByTestId('calendar-feed-links').click();
    const list = page.getByTestId('calendar-feed-list');
    await list.getByText('L-01').waitFor();
    await list.getByText(zhCN['calendarFeeds.active'], { exact: true }).waitFor();
    await list.getByTestId('calendar-feed-revoke').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await list.getByText(zhCN['calendarFeeds.revokedState'], { exact: true }).waitFor();
    const revoked = await fetch(`${field.url}${pathname}${search}`);
    expect(revoked.status).toBe(401);
    await page.keyboard.press('Escape');

    const { accessToken } = JSON.parse(
      (await page.evaluate<string | null>("localStorage.getItem('field.session')")) ?? '{}',
    ) as {
      accessToken: string;
    };
    const me = () => fetch(`${field.url}/api/v1/users/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect((await me()).status).toBe(200);
    await page.getByTestId('sign-out').click();
    await page.locator('#email').waitFor();
    expect((await me()).status).toBe(401);
    await tab.finish('schedule-calendar-links');
  });

  it('shows an engineer the board read-only, in English too', async () => {
    const bay = await field.factory.bay({ code: 'R-01' });
    const robot = await field.factory.enrolledRobot({ name: '只读机器人' });
    const { body: session } = await field.admin
      .post('/sessions', {
        bayId: bay.id,
        robotIds: [robot.id],
        kind: 'assessment',
        startsAt: at('09:00'),
        endsAt: at('12:00'),
      })
      .expect(201);
    const tab = await signedIn('engineer');
    const { page } = tab;
    await tab.goto(`/schedule?date=${day}&view=week`);
    await page.getByTestId('read-only').waitFor();
    expect(await page.getByTestId('book').count()).toBe(0);
    await block(tab, session.id).click();
    await page.getByTestId('session-details').waitFor();
    expect(await page.getByTestId('session-details').locator('[data-action]').count()).toBe(0);
    // A click on an empty slot books nothing.
    await page.keyboard.press('Escape');
    await clickSlot(row(tab, 'R-01').getByTestId('bay-timeline'), 20);
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByRole('heading', { name: en['schedule.title'] }).waitFor();
    await page.getByText(en['schedule.readOnly']).waitFor();
    await tab.finish('schedule-engineer');
  });
});
