import { expect, test, type Page } from '@playwright/test';
import { startStack, type RunningStack } from './support/startStack.js';

/**
 * Back online fast (decision 0026), with the core's production sync timing: after a long enough
 * outage that an exponential back-off would be waiting many seconds, the app shows Online again
 * within moments of the link returning, and drains what the agent typed meanwhile. The time is
 * measured and reported (the bench keeps the figure); the wait below is only a generous bound.
 */
let stack: RunningStack;

test.beforeAll(async () => {
  stack = await startStack({ faultProxy: true });
});

test.afterAll(async () => {
  await stack?.stop();
});

async function link(state: 'offline' | 'online'): Promise<void> {
  const response = await fetch(`${stack.proxyControlUrl}/${state}`, { method: 'POST' });
  expect(response.status).toBe(204);
}

const status = (page: Page, text: string | RegExp) => page.getByRole('status').filter({ hasText: text });

test('the app is online again moments after the network returns, and sends what was typed', async ({ browser }) => {
  test.setTimeout(90_000);
  const agent = await (await browser.newContext()).newPage();
  const warnings: string[] = [];
  agent.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') warnings.push(message.text());
  });
  await agent.goto(stack.agentUrl);
  await agent.getByLabel('Login').fill(stack.admin.login);
  await agent.getByLabel('Password').fill(stack.admin.password);
  await agent.getByRole('button', { name: 'Sign in' }).click();
  await expect(status(agent, 'Online')).toBeVisible();

  // A customer writes, so there is a thread to answer while offline.
  const customer = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await customer.goto(stack.widgetDemoUrl);
  await customer.getByRole('button', { name: 'Chat with us' }).click();
  const question = 'Is my order 5512 shipped?';
  await customer.getByRole('textbox', { name: 'Your message' }).fill(question);
  await customer.getByRole('textbox', { name: 'Your message' }).press('Enter');
  await agent.getByRole('button', { name: new RegExp(question) }).click();

  await link('offline');
  await expect(status(agent, /Offline since/)).toBeVisible({ timeout: 15_000 });
  const answer = 'Shipped this morning.';
  const box = agent.getByRole('textbox', { name: 'Reply' });
  await box.fill(answer);
  await box.press('Enter');
  await expect(status(agent, '1 pending')).toBeVisible();
  // Long enough that a doubling back-off (0.5, 1, 2, 4, 8 s …) would now wait several seconds.
  await agent.waitForTimeout(12_000);

  await link('online');
  const back = Date.now();
  await expect(status(agent, 'Online')).toBeVisible({ timeout: 5_000 });
  const backOnlineMs = Date.now() - back;
  await expect(status(agent, 'pending')).toHaveCount(0, { timeout: 5_000 });
  await expect(customer.getByRole('log', { name: 'Conversation' })).toContainText(answer);
  test.info().annotations.push({ type: 'back online (ms)', description: String(backOnlineMs) });

  // The window's 'online' event reaches the core through the contract (connection.online).
  await link('offline');
  await expect(status(agent, /Offline since/)).toBeVisible({ timeout: 15_000 });
  await link('online');
  await agent.evaluate(() => (globalThis as unknown as EventTarget).dispatchEvent(new Event('online')));
  await expect(status(agent, 'Online')).toBeVisible({ timeout: 5_000 });
  expect(warnings.filter((text) => text.includes('network is back'))).toEqual([]);
});
