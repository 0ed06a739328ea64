import { readFile } from 'node:fs/promises';
import { expect, test, type Browser } from '@playwright/test';
import { sampleProducts } from '../../src/server/bank/sampleProducts.js';
import type { HubStore } from '../../src/server/storage/hubStore.js';
import { openSeedStore, writeImmediately } from '../support/deskSeed.js';
import { freePort } from '../support/freePort.js';
import { parseDocument } from '../../src/shared/customers/bankKeys.js';
import { addLeadAndAgent, fillSignIn, hubLogin } from './support/hubApi.js';
import type { IdentificationStackInfo } from './support/identificationStack.js';
import { startStackScript } from './support/startStack.js';

/**
 * Identification end to end (decision 0031): a customer writes in the web chat; they are a bank
 * customer (seeded on the hub: bank id, date of birth, code word, passport). The agent opens the
 * conversation, asks the questions in the customer card — name and date of birth marked, the code
 * word typed and checked by the hub — and the products appear from the sample bank adapter. Then a
 * lead reads every step in the audit.
 */
let stack: IdentificationStackInfo & { stop(): Promise<void> };
let seed: HubStore;

const EXTERNAL_ID = 'E2E-7001';
const CODE_WORD = 'Рябина';

/** Points the hub at a bank adapter (a moved adapter needs its token again). */
async function setBankAdapter(url: string): Promise<void> {
  const token = await hubLogin(stack.hubUrl, stack.admin);
  const reply = await fetch(`${stack.hubUrl}/api/v1/bank-adapter`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url, token: stack.bankToken, timeoutMs: 3000 }),
  });
  expect(reply.status).toBe(200);
}

test.beforeAll(async () => {
  stack = await startStackScript<IdentificationStackInfo>('tests/e2e/support/identificationStack.ts', {}, 90_000);
  await addLeadAndAgent(stack.hubUrl, stack.admin);
  seed = openSeedStore(stack.hubDataDir);
  const token = await hubLogin(stack.hubUrl, stack.admin);
  const reply = await fetch(`${stack.hubUrl}/api/v1/bank-adapter`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: stack.bankUrl, token: stack.bankToken, timeoutMs: 3000 }),
  });
  expect(reply.status).toBe(200);
  // Anna and Lena work in every group, so the web-chat thread is in their reach.
  const members = (
    seed.db.prepare("SELECT id FROM agents WHERE login IN ('anna', 'lena')").all() as { id: string }[]
  ).map((a) => a.id);
  const { groups } = (await (
    await fetch(`${stack.hubUrl}/api/v1/groups`, { headers: { authorization: `Bearer ${token}` } })
  ).json()) as { groups: { id: string; memberIds: string[] }[] };
  for (const { id, ...group } of groups) {
    const saved = await fetch(`${stack.hubUrl}/api/v1/groups/${id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...group, memberIds: [...group.memberIds, ...members] }),
    });
    expect(saved.status).toBe(200);
  }
});

test.afterAll(async () => {
  seed?.close();
  await stack?.stop();
});

/** Makes the customer a bank customer with something to check. */
function seedBankCustomer(customerId: string, externalId: string, codeWord: string): void {
  const passport = parseDocument('passport', '4506 123456');
  if (!passport.ok) throw new Error(passport.message);
  const now = Date.now();
  writeImmediately(seed, () => {
    seed.profiles.patch(customerId, { externalId, birthDate: '1985-04-12' });
    seed.profiles.setCodeWordHash(customerId, seed.keyedHash.codeWord(codeWord), now);
    if (externalId === EXTERNAL_ID) seed.documents.put(customerId, passport, now);
  });
}

/**
 * A visitor writes in the web chat and is named on the hub (a card edit pushed like an agent's); their
 * page then closes, so the widget does not write while the test seeds the hub's database from this
 * process (a second connection; SQLite has one writer at a time). Returns the customer's id.
 */
async function customerWrites(browser: Browser, text: string, name: string): Promise<string> {
  const context = await browser.newContext({ locale: 'en-US' });
  const customerPage = await context.newPage();
  await customerPage.goto(stack.widgetDemoUrl);
  await customerPage.getByRole('button', { name: 'Chat with us' }).click();
  await customerPage.getByRole('textbox', { name: 'Your message' }).fill(text);
  await customerPage.getByRole('textbox', { name: 'Your message' }).press('Enter');
  await expect(customerPage.getByRole('log', { name: 'Conversation' })).toContainText(text);
  const customerOf = () =>
    (
      seed.db
        .prepare(
          `SELECT t.customer_id AS customerId FROM threads t JOIN messages m ON m.thread_id = t.id
           WHERE m.text = ? LIMIT 1`,
        )
        .get(text) as { customerId: string } | undefined
    )?.customerId ?? null;
  await expect.poll(customerOf).not.toBeNull();
  await context.close();
  const customerId = customerOf()!;
  const token = await hubLogin(stack.hubUrl, stack.admin);
  const reply = await fetch(`${stack.hubUrl}/api/v1/sync/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      mutations: [
        {
          id: crypto.randomUUID(),
          kind: 'customer.update',
          customerId,
          fields: { name },
          seen: {},
          createdAt: Date.now(),
        },
      ],
    }),
  });
  expect(((await reply.json()) as { results: { outcome: string }[] }).results[0]?.outcome).toBe('applied');
  return customerId;
}

test('the agent identifies the customer and sees the products; a lead reads the audit', async ({ browser }) => {
  test.setTimeout(150_000);
  const olga = await customerWrites(browser, 'What is my loan balance?', 'Olga Petrova');
  const ivan = await customerWrites(browser, 'Is my card blocked?', 'Ivan Lockov');
  seedBankCustomer(olga, EXTERNAL_ID, CODE_WORD);
  seedBankCustomer(ivan, 'E2E-7002', 'Клён');

  const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await page.goto(stack.agentUrl);
  await fillSignIn(page, 'anna', 'password-123');
  await page.getByRole('combobox', { name: 'Show' }).selectOption('groups');
  await page.getByRole('button', { name: /Olga Petrova/ }).click();
  const card = page.getByRole('complementary', { name: 'Customer card' });
  const identification = card.getByRole('region', { name: 'Identification' });
  await expect(identification.getByRole('status').first()).toHaveText('0 of 3 passed');
  // Nothing commercial before identification.
  await expect(card.getByRole('region', { name: 'Products' })).toHaveCount(0);

  const questions = identification.getByRole('list', { name: 'Identification questions' });
  await expect(questions).toContainText('Ask: Your full name?');
  await questions.getByRole('button', { name: 'Mark “Your full name?” as matching' }).click();
  await expect(questions).toContainText('Ask: Your date of birth?');
  await expect(questions).toContainText('On record: Apr 12, 1985');
  await questions.getByRole('button', { name: 'Mark “Your date of birth?” as matching' }).click();
  await expect(identification.getByRole('status').first()).toHaveText('2 of 3 passed');

  // The code word: typed hidden, checked by the hub; a wrong one first.
  const codeWord = questions.getByRole('form', { name: 'Your code word?' });
  const said = codeWord.getByLabel('What the customer said');
  await expect(said).toHaveAttribute('type', 'password');
  await said.fill('Берёза');
  await codeWord.getByRole('button', { name: 'Check' }).click();
  await expect(questions.getByText('Failed', { exact: true })).toBeVisible();
  await expect(identification.getByRole('status').first()).toHaveText('2 of 3 passed');

  const passport = questions.getByRole('form', { name: 'Your passport series and number?' });
  await passport.getByLabel('What the customer said').fill('45 06 123456');
  await passport.getByRole('button', { name: 'Check' }).click();
  await expect(identification.getByRole('status').first()).toHaveText('Identified for this contact');

  const commercial = identification.getByRole('region', { name: 'Commercial data' });
  await expect(commercial.getByRole('list', { name: 'Documents' })).toContainText('45 06 123456');
  const products = commercial.getByRole('region', { name: 'Products' });
  const expected = sampleProducts(EXTERNAL_ID);
  await expect(products.getByRole('list', { name: 'Cards' })).toContainText(`Card **** ${expected.cards[0]!.last4}`);
  await expect(products.getByRole('list', { name: 'Accounts' })).toContainText(expected.accounts[0]!.number);
  await expect(products.getByRole('list', { name: 'Accounts' })).toContainText('Balance');

  // The bank system stops answering: the card says so and stays usable; it comes back on refresh.
  await setBankAdapter(`http://127.0.0.1:${await freePort()}`);
  await products.getByRole('button', { name: 'Refresh products' }).click();
  await expect(products.getByRole('alert')).toHaveText('The bank system is not answering — try again.');
  await expect(commercial.getByRole('list', { name: 'Documents' })).toContainText('45 06 123456');
  await setBankAdapter(stack.bankUrl);
  await products.getByRole('button', { name: 'Refresh products' }).click();
  await expect(products.getByRole('list', { name: 'Cards' })).toContainText(`Card **** ${expected.cards[0]!.last4}`);
  await expect(products.getByRole('alert')).toHaveCount(0);

  // Another customer fails three rounds: identification locks and says until when.
  await page.getByRole('button', { name: /Ivan Lockov/ }).click();
  const ivanCard = page.getByRole('complementary', { name: 'Customer card' });
  const ivanQuestions = ivanCard.getByRole('list', { name: 'Identification questions' });
  // Ivan has no passport on record: three questions can be asked, all three must pass, so one
  // "does not match" ends a round.
  for (let round = 1; round <= 3; round++) {
    await ivanQuestions.getByRole('button', { name: 'Mark “Your full name?” as not matching' }).click();
    if (round < 3) await expect(ivanCard.getByRole('alert')).toContainText('This round failed');
  }
  await expect(ivanCard.getByRole('alert')).toContainText('Too many failed rounds: identification is locked until');
  await expect(ivanCard.getByRole('list', { name: 'Identification questions' })).toHaveCount(0);

  // A lead reads the audit: every step of this identification is there.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await fillSignIn(page, 'lena', 'password-123');
  await page.getByRole('button', { name: 'Team settings' }).click();
  const area = page.getByRole('dialog', { name: 'Team settings' });
  await area.getByRole('tab', { name: 'Audit' }).click();
  const table = area.getByRole('table', { name: 'Audit entries' });
  await expect(table).toContainText('Identified');
  await expect(table).toContainText('Commercial data opened');
  await expect(table.getByRole('row').filter({ hasText: 'Identification: answers checked' })).toHaveCount(4 + 3);
  await expect(table).toContainText('Identification locked');
  await expect(table).toContainText('Anna Agent');
  await expect(table).not.toContainText(CODE_WORD);

  // The export is a file with the same rows, and is itself recorded.
  const download = page.waitForEvent('download');
  await area.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^okno-audit-.*\.csv$/);
  const csv = await readFile((await file.path())!, 'utf8');
  expect(csv).toContain('identification.passed');
  expect(csv).not.toContain(CODE_WORD);
  await area.getByRole('button', { name: 'Show' }).click();
  await expect(table.getByRole('row').nth(1)).toContainText('Audit exported');
});
