import { expect, test } from '@playwright/test';
import { fillSignIn, hubJson, hubLogin } from './support/hubApi.js';
import { startStack, type RunningStack } from './support/startStack.js';

/**
 * Hand over and Escalate from the conversation header: a web-chat thread goes to a group with a
 * note (thread.transfer), then up to that group's second line; the history on the hub says both.
 */
let stack: RunningStack;
let token: string;

test.beforeAll(async () => {
  stack = await startStack();
  token = await hubLogin(stack.hubUrl, stack.admin);
});

test.afterAll(async () => {
  await stack?.stop();
});

test('the agent hands a chat to a group with a note, then escalates it to the second line', async ({ browser }) => {
  test.setTimeout(120_000);
  const second = await hubJson<{ id: string }>(stack.hubUrl, token, '/api/v1/groups', { name: 'Second line' });
  await hubJson(stack.hubUrl, token, '/api/v1/groups', { name: 'First line', escalationGroupId: second.id });

  const customer = await (await browser.newContext({ locale: 'en-US' })).newPage();
  const question = 'My transfer is stuck for a week';
  await customer.goto(stack.widgetDemoUrl);
  await customer.getByRole('button', { name: 'Chat with us' }).click();
  await customer.getByRole('textbox', { name: 'Your message' }).fill(question);
  await customer.getByRole('textbox', { name: 'Your message' }).press('Enter');

  const agent = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await agent.goto(stack.agentUrl);
  await fillSignIn(agent, stack.admin.login, stack.admin.password);
  await agent
    .getByRole('button', { name: /Visitor/ })
    .first()
    .click();
  await expect(agent.getByRole('log', { name: 'Messages' })).toContainText(question);

  await agent.getByRole('button', { name: 'Hand over', exact: true }).click();
  const form = agent.getByRole('form', { name: 'Hand over the thread' });
  await form.getByLabel('Hand over to').selectOption({ label: 'First line' });
  await form.getByLabel('Note').fill('Card team knows this bank');
  await form.getByRole('button', { name: 'Send hand-over' }).click();
  await expect(agent.getByRole('status').filter({ hasText: 'Handed over.' })).toBeVisible();

  // Now in First line, whose second line is Second line: Escalate names it.
  await agent.getByRole('button', { name: 'Escalate', exact: true }).click();
  const escalation = agent.getByRole('form', { name: 'Escalate to Second line' });
  await escalation.getByLabel('Note').fill('Still stuck after the card team');
  await escalation.getByRole('button', { name: 'Send escalation' }).click();
  await expect(agent.getByRole('status').filter({ hasText: 'Handed over.' })).toBeVisible();

  await agent.getByText('History', { exact: true }).click();
  const history = agent.getByRole('list', { name: 'History' });
  await expect(history).toContainText('Card team knows this bank');
  await expect(history).toContainText('Still stuck after the card team');
});
