import { expect, test, type Browser } from '@playwright/test';
import { startStack, type RunningStack } from './support/startStack.js';

/**
 * Decision 0024 as a customer sees it, in Chromium: writing faster than the hub allows one visitor
 * (here 6 messages at once, then one every 6 s), the widget says "Please slow down…" in the customer's
 * language, keeps the held messages with the reason, and sends them by itself after the wait:
 * every message ends up sent, none lost. (The floods themselves are in
 * tests/integration/hub-webchat-limits.test.ts.) The wait is longer than the default 2 s so that a
 * loaded machine, typing slowly, still writes faster than the limit and still sees the notice.
 */
let stack: RunningStack;

test.setTimeout(90_000);

test.beforeAll(async () => {
  stack = await startStack({ widgetLimits: { messages: { perVisitor: { burst: 6, perMinute: 10 } } } });
});

test.afterAll(async () => {
  await stack?.stop();
});

async function writeQuickly(browser: Browser, locale: string, count: number) {
  const context = await browser.newContext({ locale });
  const customer = await context.newPage();
  await customer.goto(stack.widgetDemoUrl);
  await customer.locator('[data-okno-widget]').getByRole('button').first().click();
  const input = customer.getByRole('textbox');
  for (let i = 1; i <= count; i++) {
    await input.fill(`question ${i}`);
    await input.press('Enter');
  }
  return { context, customer, log: customer.getByRole('log') };
}

test('too fast in English: "Please slow down", the held messages are sent after the wait', async ({ browser }) => {
  const { context, customer, log } = await writeQuickly(browser, 'en-US', 8);
  // The seconds count down while the status shows: match the words and any number.
  const slow =
    /Please slow down: you are sending messages too quickly\. Your message will be sent again in \d+ seconds?\./;
  await expect(customer.getByRole('status').filter({ hasText: slow })).toBeVisible();
  await expect(log.getByText(slow).first()).toBeVisible();
  // Sent by the widget itself once the hub's wait is over: all 8, none held or failed.
  for (let i = 1; i <= 8; i++) await expect(log).toContainText(`question ${i}`);
  await expect(log.getByText(slow)).toHaveCount(0, { timeout: 30_000 });
  await expect(log.getByText('Sending…')).toHaveCount(0);
  await expect(log.getByText('Not sent')).toHaveCount(0);
  await context.close();
});

test('too fast in Russian: «Пожалуйста, помедленнее…»', async ({ browser }) => {
  const { context, customer, log } = await writeQuickly(browser, 'ru-RU', 8);
  // The seconds count down while the status shows (a loaded machine may see it at "1 секунду"): match the words.
  const slow =
    /Пожалуйста, помедленнее: вы отправляете сообщения слишком часто\. Сообщение будет отправлено снова через/;
  await expect(customer.getByRole('status').filter({ hasText: slow })).toBeVisible();
  await expect(log.getByText(slow)).toHaveCount(0, { timeout: 30_000 });
  await expect(log.getByText('Отправляется…')).toHaveCount(0);
  await context.close();
});
