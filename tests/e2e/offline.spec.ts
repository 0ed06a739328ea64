import { expect, test, type Browser, type Page } from '@playwright/test';
import { startStack, type RunningStack } from './support/startStack.js';

/**
 * The agent's link drops (the test cuts a proxy between the agent core and the hub): the app says
 * so, still takes replies to two customers and shows them pending; when the link is back both
 * replies go out, and each customer receives theirs exactly once.
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

async function customerWrites(browser: Browser, question: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US' });
  const customer = await context.newPage();
  await customer.goto(stack.widgetDemoUrl);
  await customer.getByRole('button', { name: 'Chat with us' }).click();
  const box = customer.getByRole('textbox', { name: 'Your message' });
  await box.fill(question);
  await box.press('Enter');
  await expect(customer.getByRole('log', { name: 'Conversation' })).toContainText(question);
  return customer;
}

async function reply(agent: Page, question: string, answer: string): Promise<void> {
  await agent.getByRole('button', { name: new RegExp(question) }).click();
  await expect(agent.getByRole('log', { name: 'Messages' })).toContainText(question);
  const box = agent.getByRole('textbox', { name: 'Reply' });
  await box.fill(answer);
  await box.press('Enter');
  await expect(box).toHaveValue('');
  const sent = agent.getByRole('log', { name: 'Messages' }).getByRole('listitem').filter({ hasText: answer });
  await expect(sent).toContainText('Sending…');
}

test('replies typed offline are kept, shown pending, and reach each customer once', async ({ browser }) => {
  expect(stack.proxyControlUrl).toBeTruthy();
  const agent = await (await browser.newContext()).newPage();
  await agent.goto(stack.agentUrl);
  await expect(agent.getByLabel('Hub address')).toHaveValue(stack.coreHubUrl!);
  await agent.getByLabel('Login').fill(stack.admin.login);
  await agent.getByLabel('Password').fill(stack.admin.password);
  await agent.getByRole('button', { name: 'Sign in' }).click();
  await expect(agent.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();

  const questions = ['Where is my parcel 4471?', 'Refund for order 9902 please'];
  const customers = [await customerWrites(browser, questions[0]!), await customerWrites(browser, questions[1]!)];
  for (const question of questions) {
    await expect(agent.getByRole('button', { name: new RegExp(question) })).toBeVisible();
  }

  await link('offline');
  await expect(agent.getByRole('status').filter({ hasText: /Offline since \d{1,2}:\d{2}/ })).toBeVisible({
    timeout: 15_000,
  });

  const answers = ['Your parcel leaves today.', 'The refund is on its way.'];
  await reply(agent, questions[0]!, answers[0]!);
  await reply(agent, questions[1]!, answers[1]!);
  await expect(agent.getByRole('status').filter({ hasText: '2 pending' })).toBeVisible();
  // Nothing left the building while the link was down.
  await expect(customers[0]!.getByRole('log', { name: 'Conversation' })).not.toContainText(answers[0]!);

  await link('online');
  await expect(agent.getByRole('status').filter({ hasText: 'Online' })).toBeVisible({ timeout: 30_000 });
  await expect(agent.getByRole('status').filter({ hasText: 'pending' })).toHaveCount(0, { timeout: 15_000 });

  for (const [i, customer] of customers.entries()) {
    const conversation = customer.getByRole('log', { name: 'Conversation' });
    await expect(conversation).toContainText(answers[i]!, { timeout: 15_000 });
    await expect(conversation).not.toContainText(answers[1 - i]!);
  }
  // Give a duplicate time to show up, then count.
  await agent.waitForTimeout(1000);
  for (const [i, customer] of customers.entries()) {
    await expect(customer.getByRole('log', { name: 'Conversation' }).getByText(answers[i]!)).toHaveCount(1);
  }
  await expect(agent.getByRole('log', { name: 'Messages' })).not.toContainText('Sending…');
});
