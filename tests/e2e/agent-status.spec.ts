import { expect, test, type Browser, type Page } from '@playwright/test';
import type { StackInfo } from './support/stack.js';
import { startStackScript, type RunningStack } from './support/startStack.js';

/**
 * The agent's status and the queue views in Chromium through the browser host: the agent goes
 * not ready with a reason and the status shows (and survives a reload); two customers write, and
 * the view select counts them per view while the topic filter narrows the list.
 */
let stack: RunningStack;

test.beforeAll(async () => {
  // On a shared, busy machine the stack can take longer than the default 30 s to start.
  test.setTimeout(120_000);
  stack = await startStackScript<StackInfo>('tests/e2e/support/stack.ts', {}, 90_000);
});

test.afterAll(async () => {
  await stack?.stop();
});

/** Signs in as the admin (a lead's views), unless the core kept the session of the previous test. */
async function signIn(agent: Page): Promise<void> {
  await agent.goto(stack.agentUrl);
  const queue = agent.getByRole('list', { name: 'Queue' });
  const login = agent.getByLabel('Login');
  await expect(queue.or(login)).toBeVisible();
  if (await login.isVisible()) {
    await expect(agent.getByLabel('Hub address')).toHaveValue(stack.hubUrl);
    await login.fill(stack.admin.login);
    await agent.getByLabel('Password').fill(stack.admin.password);
    await agent.getByRole('button', { name: 'Sign in' }).click();
  }
  await expect(queue).toBeVisible();
}

async function customerWrites(browser: Browser, text: string): Promise<void> {
  const customer = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await customer.goto(stack.widgetDemoUrl);
  await customer.getByRole('button', { name: 'Chat with us' }).click();
  await customer.getByRole('textbox', { name: 'Your message' }).fill(text);
  await customer.getByRole('textbox', { name: 'Your message' }).press('Enter');
  await expect(customer.getByRole('log', { name: 'Conversation' })).toContainText(text);
}

test('the agent goes not ready with a reason; the status shows and survives a reload', async ({ page }) => {
  await signIn(page);
  const status = page.getByLabel('Status', { exact: true });
  await status.selectOption('ready');
  await expect(status).toHaveValue('ready');
  await expect(page.getByLabel('Reason')).toHaveCount(0);

  await status.selectOption('not_ready');
  await expect(status).toHaveValue('not_ready');
  const reason = page.getByLabel('Reason');
  await expect(reason).toBeVisible();
  await reason.selectOption({ label: 'Lunch' });
  await expect(reason).toHaveValue('lunch');
  await expect(reason.locator('option')).toHaveText(['Break', 'Lunch', 'Training', 'Meeting', 'Other']);

  await page.reload();
  await expect(page.getByLabel('Status', { exact: true })).toHaveValue('not_ready');
  await expect(page.getByLabel('Reason')).toHaveValue('lunch');

  await page.getByLabel('Status', { exact: true }).selectOption('away');
  await expect(page.getByLabel('Status', { exact: true })).toHaveValue('away');
  await expect(page.getByLabel('Reason')).toHaveCount(0);
});

test('queue views count the threads per view, live, and the topic filter narrows the list', async ({
  page,
  browser,
}) => {
  await signIn(page);
  const view = page.getByLabel('Show');
  await expect(view.locator('option')).toHaveText(['Mine (0)', 'My groups (0)', 'All (0)']);

  await customerWrites(browser, 'My card is blocked, please help');
  await customerWrites(browser, 'Where is my order? The delivery is late');
  // The counts follow the new threads without a reload. The first administrator is in the first
  // group (which takes every channel), so the new threads are in their groups' view too.
  await expect(view.locator('option')).toHaveText(['Mine (0)', 'My groups (2)', 'All (2)']);
  const queue = page.getByRole('list', { name: 'Queue' });
  await expect(queue.getByRole('listitem')).toHaveCount(2);

  await page.getByLabel('Topic').selectOption({ label: 'Cards' });
  await expect(queue.getByRole('listitem')).toHaveCount(1);
  await expect(queue).toContainText('My card is blocked');
  await expect(view.locator('option')).toHaveText(['Mine (0)', 'My groups (1)', 'All (1)']);

  await page.getByLabel('Topic').selectOption({ label: 'All topics' });
  await view.selectOption('mine');
  await expect(page.getByText('No open conversations. New ones appear here.')).toBeVisible();
  await view.selectOption('all');
  await expect(queue.getByRole('listitem')).toHaveCount(2);

  // Full-text search over the cached messages: a stem finds "delivery", the hit opens its thread.
  const search = page.getByRole('searchbox', { name: 'Search messages' });
  await search.fill('deliveries');
  await search.press('Enter');
  await expect(page.getByText('1 message found')).toBeVisible();
  await page.getByRole('list', { name: 'Search results' }).getByRole('button').click();
  await expect(page.getByRole('log', { name: 'Messages' })).toContainText('Where is my order?');
});
