import { expect, test, type Page } from '@playwright/test';
import { fillSignIn, hubJson, hubLogin } from './support/hubApi.js';
import { startStack, type RunningStack } from './support/startStack.js';

/**
 * The customer card end to end: a customer writes in the web-chat widget and is also known by a
 * phone number (a logged call, linked to them on the hub); the agent opens the conversation, the
 * card beside it shows both channels in one timeline, the agent edits the notes, links an email
 * (a bad one first), and clicks the number to call.
 */
let stack: RunningStack;
let token: string;

const PHONE = '+79161234567';

test.beforeAll(async () => {
  stack = await startStack();
  token = await hubLogin(stack.hubUrl, stack.admin);
});

test.afterAll(async () => {
  await stack?.stop();
});

const hub = <T>(route: string, body?: unknown): Promise<T> => hubJson<T>(stack.hubUrl, token, route, body);

async function push(mutation: Record<string, unknown>): Promise<void> {
  const { results } = await hub<{ results: { outcome: string; error?: unknown }[] }>('/api/v1/sync/push', {
    mutations: [{ id: crypto.randomUUID(), createdAt: Date.now(), ...mutation }],
  });
  expect(results[0], JSON.stringify(results[0])).toMatchObject({ outcome: 'applied' });
}

/** The customer whose thread shows this text, from the hub's change feed. */
async function customerOfThreadSaying(text: string): Promise<string> {
  const { changes } = await hub<{
    changes: { entity: string; data: { customerId?: string; lastMessagePreview?: string } }[];
  }>('/api/v1/sync/pull?after=0&limit=5000');
  const thread = changes.find((c) => c.entity === 'thread' && c.data.lastMessagePreview?.includes(text));
  expect(thread, `a thread saying "${text}"`).toBeDefined();
  return thread!.data.customerId!;
}

async function signIn(agent: Page): Promise<void> {
  await agent.goto(stack.agentUrl);
  await fillSignIn(agent, stack.admin.login, stack.admin.password);
}

test('the card shows web chat and phone in one timeline; the agent edits it and links an email', async ({
  browser,
}) => {
  // Two browser contexts and a whole stack on a shared machine: a budget, not a timing assertion.
  test.setTimeout(120_000);
  const customerPage = await (await browser.newContext({ locale: 'en-US' })).newPage();
  const question = 'Why was my card blocked yesterday?';
  await customerPage.goto(stack.widgetDemoUrl);
  await customerPage.getByRole('button', { name: 'Chat with us' }).click();
  await customerPage.getByRole('textbox', { name: 'Your message' }).fill(question);
  await customerPage.getByRole('textbox', { name: 'Your message' }).press('Enter');
  await expect(customerPage.getByRole('log', { name: 'Conversation' })).toContainText(question);

  // The same person called from their phone: the call becomes a phone thread, and linking the
  // number to the web-chat customer merges the two (docs/customer-cards.md).
  await expect.poll(() => customerOfThreadSaying(question).catch(() => null)).not.toBeNull();
  const customerId = await customerOfThreadSaying(question);
  const now = Date.now();
  await push({
    kind: 'call.log',
    threadId: crypto.randomUUID(),
    messageId: crypto.randomUUID(),
    direction: 'inbound',
    remoteUri: `sip:${PHONE}@pbx.test`,
    remoteNumber: PHONE,
    remoteName: null,
    customerId: null,
    startedAt: now - 120_000,
    answeredAt: now - 110_000,
    endedAt: now - 60_000,
    endedBy: 'remote',
    endReason: 'bye',
  });
  await push({ kind: 'customer.link', customerId, identity: { kind: 'phone', value: PHONE } });

  const agent = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await signIn(agent);
  await agent
    .getByRole('button', { name: /Visitor/ })
    .first()
    .click();
  await expect(agent.getByRole('log', { name: 'Messages' })).toContainText(question);

  const card = agent.getByRole('complementary', { name: 'Customer card' });
  await expect(card).toBeVisible();
  const timeline = card.getByRole('region', { name: 'History across channels' });
  await expect(timeline).toContainText(question);
  await expect(timeline.getByRole('img', { name: 'Web chat' }).first()).toBeVisible();
  await expect(timeline.getByRole('img', { name: 'Phone' }).first()).toBeVisible();

  // Edit a field.
  await card.getByRole('button', { name: 'Edit the card' }).click();
  await card.getByLabel('Notes').fill('Prefers email; VIP since 2019');
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByText('Prefers email; VIP since 2019', { exact: true })).toBeVisible();

  // A bad email first: named in the agent's language, nothing sent.
  const identities = card.getByRole('region', { name: 'Phones, emails and accounts' });
  await identities.getByLabel('Kind').selectOption('email');
  await identities.getByLabel('Number, address or id').fill('vera at example');
  await identities.getByRole('button', { name: 'Link', exact: true }).click();
  await expect(identities.getByRole('alert')).toHaveText('This is not an email address.');
  await identities.getByLabel('Number, address or id').fill('Vera@Example.com');
  await identities.getByRole('button', { name: 'Link', exact: true }).click();
  await expect(identities.getByRole('button', { name: 'Unlink vera@example.com' })).toBeVisible();
  await expect(identities.getByRole('button', { name: `Unlink ${PHONE}` })).toBeVisible();
  // The hub has answered for both changes.
  await expect(card.getByText(/waiting for the hub/)).toHaveCount(0);

  const onHub = await hub<{ customer: { notes: string; identities: { kind: string; value: string }[] } }>(
    `/api/v1/customers/${customerId}`,
  );
  expect(onHub.customer.notes).toBe('Prefers email; VIP since 2019');
  expect(onHub.customer.identities).toEqual(
    expect.arrayContaining([
      { kind: 'phone', value: PHONE },
      { kind: 'email', value: 'vera@example.com' },
    ]),
  );
  await card.getByText('Changes to the card').click();
  await expect(card.locator('details.customer-history')).toContainText('linked vera@example.com');

  // Click-to-call hands the number to the softphone (no SIP account here, so it says so).
  await identities.getByRole('button', { name: `Call ${PHONE}` }).click();
  await expect(agent.getByRole('complementary', { name: 'Phone', exact: true }).getByRole('alert')).toContainText(
    'Set up the phone account first.',
  );
});
