import { expect, test, type Page } from '@playwright/test';
import { addLeadAndAgent, hubJson, hubLogin } from './support/hubApi.js';
import type { StackInfo } from './support/stack.js';
import { startStackScript, type RunningStack } from './support/startStack.js';

/**
 * The topic tree and wrap-up end to end (decision 0032): a lead adds a subtopic with a keyword in
 * Team settings → Topics; a customer writes in the web chat with that word; the agent's close is refused
 * on screen because their group requires wrap-up (the hub refuses it, naming the contact); the subtopic is
 * pre-selected from routing, the agent saves it and closes.
 */
let stack: RunningStack;
let token: string;

test.beforeAll(async () => {
  test.setTimeout(150_000);
  // A loaded machine may take longer than the default 30 s to start the stack.
  stack = await startStackScript<StackInfo>('tests/e2e/support/stack.ts', {}, 90_000);
  await addLeadAndAgent(stack.hubUrl, stack.admin);
  token = await hubLogin(stack.hubUrl, stack.admin);
  const { agents } = await hubJson<{ agents: { id: string; login: string }[] }>(stack.hubUrl, token, '/api/v1/team');
  const anna = agents.find((a) => a.login === 'anna')!.id;
  const lena = agents.find((a) => a.login === 'lena')!.id;
  // Anna works the cards desk, which requires a topic on every contact; both see its threads.
  await hubJson(stack.hubUrl, token, '/api/v1/groups', {
    name: 'Cards desk',
    skills: { topics: ['cards'] },
    memberIds: [anna, lena],
    wrapUpRequired: true,
  });
});

/** Signs in on the page; the hub's password check may take long on a loaded machine. */
async function signIn(page: Page, login: string): Promise<void> {
  await page.getByLabel('Login').fill(login);
  await page.getByLabel('Password').fill('password-123');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('list', { name: 'Queue' })).toBeVisible({ timeout: 60_000 });
}

test.afterAll(async () => {
  await stack?.stop();
});

test('a lead adds a subtopic; the agent cannot close without a topic, then sets the suggested one and closes', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const lead = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await lead.goto(stack.agentUrl);
  await signIn(lead, 'lena');
  await lead.getByRole('button', { name: 'Team settings' }).click();
  const area = lead.getByRole('dialog', { name: 'Team settings' });
  await area.getByRole('tab', { name: 'Topics' }).click();
  const tree = area.getByRole('navigation', { name: 'Topic tree' });
  await tree.getByRole('button', { name: 'Cards', exact: true }).click();
  await area.getByRole('button', { name: 'Add a subtopic' }).click();
  const form = area.getByRole('form', { name: 'Topic' });
  await expect(form).toContainText('New subtopic of “Cards”');
  await form.getByLabel('Name in English').fill('Lost card');
  await form.getByLabel('Name in Russian').fill('Утерянная карта');
  await form.getByLabel('Keywords').fill('lost, потеряла');
  await form.getByRole('button', { name: 'Save the topic' }).click();
  await expect(tree.getByRole('button', { name: 'Lost card', exact: true })).toBeVisible();
  await expect(area.getByRole('region', { name: 'History of this topic' })).toContainText('Lena Lead added it');

  const customer = await (await browser.newContext({ locale: 'en-US' })).newPage();
  const question = 'I lost my card yesterday evening';
  await customer.goto(stack.widgetDemoUrl);
  await customer.getByRole('button', { name: 'Chat with us' }).click();
  await customer.getByRole('textbox', { name: 'Your message' }).fill(question);
  await customer.getByRole('textbox', { name: 'Your message' }).press('Enter');
  await expect(customer.getByRole('log', { name: 'Conversation' })).toContainText(question);

  // The same app (one agent core), now Anna's.
  await area.getByRole('button', { name: 'Close' }).first().click();
  await lead.getByRole('button', { name: 'Sign out' }).click();
  const agent = lead;
  await signIn(agent, 'anna');
  await agent.getByRole('combobox', { name: 'Show' }).selectOption('groups');
  await agent
    .getByRole('list', { name: 'Queue' })
    .getByRole('button', { name: /lost my card/ })
    .click();
  await expect(agent.getByRole('log', { name: 'Messages' })).toContainText(question);
  await agent.getByRole('button', { name: 'Take', exact: true }).click();
  await expect(agent.getByRole('button', { name: 'Take', exact: true })).toBeHidden();

  const wrapUp = agent.getByRole('region', { name: /Topics of this contact/ });
  await expect(wrapUp).toContainText('Required before closing');
  await expect(wrapUp).toContainText('Suggested from routing: Cards › Lost card');
  await agent.getByRole('button', { name: 'Close thread', exact: true }).click();
  await expect(agent.getByRole('alert')).toContainText(
    /Contact #\d+ needs a topic before it closes: group “Cards desk”/,
  );

  await wrapUp.locator('summary', { hasText: 'Choose topics' }).click();
  await expect(wrapUp.getByRole('checkbox', { name: 'Lost card' })).toBeChecked();
  await wrapUp.getByRole('checkbox', { name: 'Cards', exact: true }).check();
  await wrapUp.getByRole('button', { name: 'Save topics' }).click();
  await expect(wrapUp.getByRole('status')).toContainText('Topics saved.');
  await expect(wrapUp.getByRole('list', { name: 'Topics of this contact' })).toContainText('Cards › Lost card');

  await agent.getByRole('button', { name: 'Close thread', exact: true }).click();
  await expect(agent.locator('.conversation-title')).toContainText('Closed');
});
