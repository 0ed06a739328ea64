import { expect, test } from '@playwright/test';
import { fillSignIn, hubJson, hubLogin } from './support/hubApi.js';
import type { ActivitiesStackInfo } from './support/activitiesStack.js';
import { startStackScript } from './support/startStack.js';

/**
 * Planned activities end to end (decision 0036): a customer writes in the web chat; the agent plans a
 * callback from the conversation with a note; it is on the customer card and not in the queue; when
 * the hub's clock reaches its time it enters the agent's queue, the row saying what it is, for whom
 * and the note; the agent opens it, sees the same in the conversation, and marks it done.
 */
let stack: ActivitiesStackInfo & { stop(): Promise<void> };

test.beforeAll(async () => {
  stack = await startStackScript<ActivitiesStackInfo>('tests/e2e/support/activitiesStack.ts');
  const token = await hubLogin(stack.hubUrl, stack.admin);
  const anna = await hubJson<{ id: string }>(stack.hubUrl, token, '/api/v1/agents', {
    login: 'anna',
    name: 'Anna Agent',
    role: 'agent',
    password: 'password-123',
  });
  // Anna works in every group, so the web-chat thread is in her reach.
  const { groups } = await hubJson<{ groups: { id: string; memberIds: string[] }[] }>(
    stack.hubUrl,
    token,
    '/api/v1/groups',
  );
  for (const { id, ...group } of groups) {
    const saved = await fetch(`${stack.hubUrl}/api/v1/groups/${id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...group, memberIds: [...group.memberIds, anna.id] }),
    });
    expect(saved.status).toBe(200);
  }
});

test.afterAll(async () => {
  await stack?.stop();
});

test('a callback planned from a conversation enters the agent’s queue when due', async ({ browser }) => {
  test.setTimeout(120_000);
  const customer = await (await browser.newContext({ locale: 'en-US' })).newPage();
  const question = 'Could you call me back about my mortgage rate?';
  await customer.goto(stack.widgetDemoUrl);
  await customer.getByRole('button', { name: 'Chat with us' }).click();
  await customer.getByRole('textbox', { name: 'Your message' }).fill(question);
  await customer.getByRole('textbox', { name: 'Your message' }).press('Enter');
  await expect(customer.getByRole('log', { name: 'Conversation' })).toContainText(question);

  const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await page.goto(stack.agentUrl);
  await fillSignIn(page, 'anna', 'password-123');
  await page.getByRole('combobox', { name: 'Show' }).selectOption('groups');
  await page
    .getByRole('button', { name: /Visitor/ })
    .first()
    .click();
  await expect(page.getByRole('log', { name: 'Messages' })).toContainText(question);

  // Plan it: a callback (the first choice), at the suggested time (an hour or so ahead), for me, with a note.
  await page.getByRole('button', { name: 'Plan activity' }).first().click();
  const form = page.getByRole('form', { name: /Plan an activity for/ });
  await expect(form.getByLabel('What')).toHaveValue('callback');
  await expect(form.getByLabel('For whom')).toHaveValue('');
  await form.getByLabel('Note').fill('Call about the mortgage rate');
  await form.getByLabel('Note').press('Enter');
  await expect(form).toHaveCount(0);
  const planned = page.getByRole('list', { name: 'Planned from this conversation' });
  await expect(planned).toContainText('Callback');
  await expect(planned).toContainText('for Anna Agent');
  await expect(planned).toContainText('planned');
  await expect(planned).toContainText('Call about the mortgage rate');
  const card = page.getByRole('complementary', { name: 'Customer card' });
  await expect(card.getByRole('region', { name: 'Planned activities' })).toContainText('Call about the mortgage rate');

  // Not due yet: nothing in Anna's own queue says so.
  await page.getByRole('combobox', { name: 'Show' }).selectOption('mine');
  const queue = page.getByRole('list', { name: 'Queue' });
  await expect(queue.getByText('Planned callback')).toHaveCount(0);

  // The hub's clock reaches its time (the suggestion is at most 75 minutes ahead).
  const advanced = await fetch(`${stack.controlUrl}/advance?ms=${80 * 60_000}`, { method: 'POST' });
  expect(advanced.status).toBe(204);
  const row = queue.getByRole('listitem').filter({ hasText: 'Planned callback' });
  await expect(row).toBeVisible({ timeout: 15_000 });
  await expect(row).toContainText('for Anna Agent');
  await expect(row).toContainText('Call about the mortgage rate');

  // The card beside the conversation follows: the callback is in the queue now.
  await expect(card.getByRole('region', { name: 'Planned activities' })).toContainText('in the queue');

  await row.getByRole('button').first().click();
  await expect(page.getByRole('note')).toContainText('Planned callback for Anna Agent');
  await expect(page.getByRole('note')).toContainText('Call about the mortgage rate');
  await page
    .getByRole('button', { name: /Mark the callback for .* done/ })
    .first()
    .click();
  await expect(row).toHaveCount(0, { timeout: 15_000 });
  await expect(card.getByRole('region', { name: 'Planned activities' })).toContainText('done');
});
