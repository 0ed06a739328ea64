import { expect, test, type Browser, type Page } from '@playwright/test';
import { startStack, type RunningStack } from './support/startStack.js';

/**
 * Issue 5 end to end: two customers write in the widget and are greeted at once by the hub's
 * auto-reply; the one whose deadline comes first is on top of the agent's queue; the agent types
 * "/", picks a template, its variables are filled, the agent edits it and the customer receives it.
 */
let stack: RunningStack;

test.beforeAll(async () => {
  stack = await startStack();
});

test.afterAll(async () => {
  await stack?.stop();
});

async function customerWrites(browser: Browser, text: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US' });
  const customer = await context.newPage();
  await customer.goto(stack.widgetDemoUrl);
  await customer.getByRole('button', { name: 'Chat with us' }).click();
  await customer.getByRole('textbox', { name: 'Your message' }).fill(text);
  await customer.getByRole('textbox', { name: 'Your message' }).press('Enter');
  return customer;
}

test('greeting at once, the older deadline on top, a template picked with "/" reaches the customer', async ({
  browser,
}) => {
  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  await agent.goto(stack.agentUrl);
  await agent.getByLabel('Login').fill(stack.admin.login);
  await agent.getByLabel('Password').fill(stack.admin.password);
  await agent.getByRole('button', { name: 'Sign in' }).click();
  const queue = agent.getByRole('list', { name: 'Queue' });
  await expect(queue).toBeVisible();

  const first = await customerWrites(browser, 'Hello, my card is blocked, what should I do?');
  const firstLog = first.getByRole('log', { name: 'Conversation' });
  await expect(firstLog).toContainText('Thank you for writing to us. An agent will answer shortly');
  const second = await customerWrites(browser, 'Where is my parcel?');
  await expect(second.getByRole('log', { name: 'Conversation' })).toContainText('Thank you for writing to us.');

  // The first customer's deadline is the older one: their thread is on top.
  const rows = queue.getByRole('button');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('my card is blocked');
  await expect(rows.nth(1)).toContainText('Where is my parcel?');

  await rows.first().click();
  await expect(agent.getByRole('log', { name: 'Messages' })).toContainText('my card is blocked');
  // Beside the reply box: the best answers for the customer's question.
  await expect(
    agent.getByRole('region', { name: 'Suggested answers' }).getByRole('button', { name: 'Insert “Card blocked”' }),
  ).toBeVisible();

  // Nobody routes to the admin (the shipped General group has no members): a manual take, explained in the history.
  await agent.getByRole('button', { name: 'Take' }).click();
  await expect(agent.getByRole('button', { name: 'Take' })).toBeHidden();
  await agent.getByText('History', { exact: true }).click();
  await expect(agent.getByRole('list', { name: 'History' })).toContainText('Taken by Administrator');

  const reply = agent.getByRole('textbox', { name: 'Reply' });
  await reply.click();
  await reply.pressSequentially('/greet');
  const picker = agent.getByRole('listbox', { name: 'Templates' });
  await expect(picker.getByRole('option', { name: /Greeting/ })).toHaveAttribute('aria-selected', 'true');
  await reply.press('Enter');
  await expect(reply).toHaveValue(/^Hello, Visitor! My name is Administrator\. How can I help you\?$/);
  await expect(reply).not.toHaveValue(/[{}]/);

  // The agent edits before sending.
  await reply.press('End');
  await reply.pressSequentially(' I see your card is blocked.');
  await reply.press('Enter');
  await expect(reply).toHaveValue('');
  await expect(firstLog).toContainText(
    'Hello, Visitor! My name is Administrator. How can I help you? I see your card is blocked.',
  );

  // Tab in an empty box inserts the first suggestion.
  await reply.press('Tab');
  await expect(reply).toHaveValue(/blocked by our security system/);

  // A template's hotkey inserts it too (Closing, thanks: Alt+3).
  await reply.fill('');
  await reply.press('Alt+3');
  await expect(reply).toHaveValue(/^Thank you for contacting us! If you have any more questions/);

  // Closing the thread thanks the customer automatically.
  await agent.getByRole('button', { name: 'Close thread' }).click();
  await expect(firstLog).toContainText(
    'Thank you for contacting us! If you have more questions, just write here again.',
  );

  await agentContext.close();
  await first.context().close();
  await second.context().close();
});
