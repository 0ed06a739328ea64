import { expect, test, type Page } from '@playwright/test';
import { startStack, type RunningStack } from './support/startStack.js';

/**
 * The first slice end to end: a customer writes in the web-chat widget, the agent (signed in
 * through the browser host) sees the thread appear without reloading, answers, the customer reads
 * the answer, and the history survives a reload of the agent's page.
 */
let stack: RunningStack;

test.beforeAll(async () => {
  stack = await startStack();
});

test.afterAll(async () => {
  await stack?.stop();
});

async function signIn(agent: Page): Promise<void> {
  await agent.goto(stack.agentUrl);
  await expect(agent.getByLabel('Hub address')).toHaveValue(stack.hubUrl);
  await agent.getByLabel('Login').fill(stack.admin.login);
  await agent.getByLabel('Password').fill(stack.admin.password);
  await agent.getByRole('button', { name: 'Sign in' }).click();
  await expect(agent.getByRole('list', { name: 'Queue' })).toBeVisible();
}

test('a customer writes in the widget, the agent answers, the customer reads it', async ({ browser }) => {
  const agentContext = await browser.newContext();
  const customerContext = await browser.newContext({ locale: 'en-US' });
  const agent = await agentContext.newPage();
  const customer = await customerContext.newPage();

  await signIn(agent);
  await expect(agent.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();

  const question = 'Hello! My card is blocked — карта заблокирована';
  await customer.goto(stack.widgetDemoUrl);
  await customer.getByRole('button', { name: 'Chat with us' }).click();
  await customer.getByRole('textbox', { name: 'Your message' }).fill(question);
  await customer.getByRole('textbox', { name: 'Your message' }).press('Enter');
  await expect(customer.getByRole('log', { name: 'Conversation' })).toContainText(question);

  // The thread arrives through the live socket: no reload on the agent's side.
  const row = agent.getByRole('button', { name: /Visitor/ }).first();
  await expect(row).toBeVisible();
  await row.click();
  const history = agent.getByRole('log', { name: 'Messages' });
  await expect(history).toContainText(question);

  const reply = agent.getByRole('textbox', { name: 'Reply' });
  await reply.fill('Good afternoon!');
  await reply.press('Shift+Enter');
  await reply.pressSequentially('I have unblocked your card.');
  await expect(reply).toHaveValue('Good afternoon!\nI have unblocked your card.');
  await reply.press('Enter');
  await expect(reply).toHaveValue('');

  await expect(customer.getByRole('log', { name: 'Conversation' })).toContainText('I have unblocked your card.');
  await expect(history).toContainText('I have unblocked your card.');

  // The agent reloads: the session and the history come back from the local cache.
  await agent.reload();
  await agent
    .getByRole('button', { name: /Visitor/ })
    .first()
    .click();
  await expect(agent.getByRole('log', { name: 'Messages' })).toContainText(question);
  await expect(agent.getByRole('log', { name: 'Messages' })).toContainText('I have unblocked your card.');

  await agentContext.close();
  await customerContext.close();
});

test('the app switches to Russian in settings', async ({ page }) => {
  await page.goto(stack.agentUrl);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Language').selectOption('ru');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page.getByRole('button', { name: 'Настройки', exact: true })).toBeVisible();
  // Back to English so the order of tests does not matter.
  await page.getByRole('button', { name: 'Настройки', exact: true }).click();
  await page.getByRole('dialog').getByLabel('Язык').selectOption('en');
  await page.getByRole('dialog').getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
