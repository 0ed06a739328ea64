import { expect, test } from '@playwright/test';
import { startStack, type RunningStack } from './support/startStack.js';

/**
 * CSAT where it is collected (issue 8): a customer chats in the widget, the conversation is closed
 * on the hub, the widget asks for a rating from 1 to 5, the customer picks one, and the hub's
 * figures show it. The close goes through the hub's API as a lead would do it.
 */
let stack: RunningStack;

test.beforeAll(async () => {
  stack = await startStack();
});

test.afterAll(async () => {
  await stack?.stop();
});

async function hub(path: string, token: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(`${stack.hubUrl}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
  expect(response.status, path).toBe(200);
  return response.json();
}

test('the widget asks for a rating after the conversation is closed, and the figures show it', async ({ browser }) => {
  const login = await fetch(`${stack.hubUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(stack.admin),
  });
  const { token } = (await login.json()) as { token: string };
  const context = await browser.newContext({ locale: 'en-US' });
  const customer = await context.newPage();
  const question = 'Where is my order 4711?';
  await customer.goto(stack.widgetDemoUrl);
  await customer.getByRole('button', { name: 'Chat with us' }).click();
  await customer.getByRole('textbox', { name: 'Your message' }).fill(question);
  await customer.getByRole('textbox', { name: 'Your message' }).press('Enter');
  await expect(customer.getByRole('log', { name: 'Conversation' })).toContainText(question);
  const rating = customer.getByRole('group', { name: 'Rate this conversation' });
  await expect(rating).toBeHidden();

  let threadId: string | undefined;
  await expect(async () => {
    const pull = (await hub('/api/v1/sync/pull?after=0&limit=1000', token)) as {
      changes: { entity: string; data: { text?: string; threadId?: string } }[];
    };
    const message = pull.changes.find((c) => c.entity === 'message' && c.data.text === question);
    threadId = message?.data.threadId;
    expect(threadId).toBeTruthy();
  }).toPass();
  await hub(`/api/v1/threads/${threadId}/close`, token, { method: 'POST', body: '{}' });

  await expect(rating).toBeVisible();
  await rating.getByRole('button', { name: 'Rate 4 of 5' }).click();
  await expect(rating).toContainText('Thank you for your rating!');
  await expect(rating.getByRole('button')).toHaveCount(0);

  const stats = (await hub('/api/v1/stats', token)) as { byChannel: { key: string; summary: unknown }[] };
  const webchat = stats.byChannel.find((r) => r.key === 'webchat')?.summary;
  expect(webchat).toMatchObject({ csatAverage: 4, csatResponses: 1 });
  await context.close();
});
