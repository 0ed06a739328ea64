import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { addLeadAndAgent, fillSignIn, hubJson, hubLogin } from './support/hubApi.js';
import { startStack, type RunningStack } from './support/startStack.js';

/**
 * The complaints register end to end (issue 15, decision 0035), in Chromium through the browser host:
 * a lead sets up a complaint type in Team settings (a required amount, a message to the customer when
 * it is resolved); a customer writes in the web-chat widget; an agent answers and registers a complaint
 * from the conversation with the keyboard (Alt+R, the type list focused, the subject prefilled; Enter
 * with the required amount empty is refused under that field; Enter again registers #1). The lead
 * finds it in the register, sees the status moves the workflow allows, moves it to resolved, and
 * the customer reads the resolved message in the widget; the complaint's history says it was sent.
 * Then two people at once: the administrator closes it while the lead edits the amount; the lead's
 * save is refused naming who changed what, the typed amount stays, and saving again lands it.
 */
let stack: RunningStack;

test.beforeAll(async () => {
  stack = await startStack();
  await addLeadAndAgent(stack.hubUrl, stack.admin);
  // Anna works in every group, so the customer's chat is in her reach.
  const token = await hubLogin(stack.hubUrl, stack.admin);
  const { agents } = await hubJson<{ agents: { id: string; login: string }[] }>(stack.hubUrl, token, '/api/v1/team');
  const anna = agents.find((a) => a.login === 'anna')!.id;
  const { groups } = await hubJson<{ groups: { id: string; memberIds: string[] }[] }>(
    stack.hubUrl,
    token,
    '/api/v1/groups',
  );
  for (const { id, ...group } of groups) {
    const saved = await fetch(`${stack.hubUrl}/api/v1/groups/${id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...group, memberIds: [...group.memberIds, anna] }),
    });
    expect(saved.status).toBe(200);
  }
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
  await expect(customer.getByRole('log', { name: 'Conversation' })).toContainText(text);
  return customer;
}

test('an agent registers a complaint from a web chat; a lead resolves it and the customer is told in the widget', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await page.goto(stack.agentUrl);

  // The lead sets up the type.
  await fillSignIn(page, 'lena', 'password-123');
  await page.getByRole('button', { name: 'Team settings' }).click();
  const area = page.getByRole('dialog', { name: 'Team settings' });
  await area.getByRole('tab', { name: 'Register types' }).click();
  await area.getByRole('button', { name: 'New type' }).click();
  const form = area.getByRole('form', { name: 'Complaint type' });
  await form.getByLabel('Name, English').fill('Card complaint');
  await form.getByLabel('Name, Russian').fill('Жалоба по карте');
  await form.getByLabel('Resolution deadline, business days').fill('5');
  await form.getByRole('button', { name: 'Add a field' }).click();
  const field = form.getByRole('group', { name: 'Field 1' });
  await field.getByLabel('Field id (short lowercase latin, e.g. amount)').fill('amount');
  await field.getByLabel('Label, English').fill('Amount');
  await field.getByLabel('Label, Russian').fill('Сумма');
  await field.getByLabel('Kind').selectOption('number');
  await field.getByLabel('Required').check();
  const resolved = form.getByRole('group', { name: 'Resolved' });
  await resolved.getByLabel('Message, English').fill('Your complaint #{number} is resolved: the money is back.');
  await resolved.getByLabel('Message, Russian').fill('Ваше обращение №{number} решено: деньги возвращены.');
  await form.getByRole('button', { name: 'Save type' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
  await expect(area.getByRole('navigation', { name: 'Complaint types' })).toContainText('Card complaint');
  await area.getByRole('button', { name: 'Close' }).first().click();
  await page.getByRole('button', { name: 'Sign out' }).click();

  // A customer writes; the agent opens the chat, takes it and answers.
  const question = 'I was charged twice for one purchase';
  const customer = await customerWrites(browser, question);
  await fillSignIn(page, 'anna', 'password-123');
  await page.getByRole('combobox', { name: 'Show' }).selectOption('groups');
  await page
    .getByRole('list', { name: 'Queue' })
    .getByRole('button', { name: /charged twice/ })
    .click();
  await expect(page.getByRole('log', { name: 'Messages' })).toContainText(question);
  await page.getByRole('button', { name: 'Take' }).click();
  await expect(page.getByRole('button', { name: 'Take' })).toBeHidden();
  const reply = page.getByRole('textbox', { name: 'Reply' });
  await reply.fill('I am sorry. I am registering a complaint for you now.');
  await reply.press('Enter');
  await expect(customer.getByRole('log', { name: 'Conversation' })).toContainText('registering a complaint');

  // Alt+R: the type list has the focus, the subject is the customer's words.
  await expect(page.getByRole('button', { name: 'Register complaint' })).toHaveAttribute('aria-keyshortcuts', 'Alt+R');
  await page.keyboard.press('Alt+KeyR');
  const dialog = page.getByRole('dialog', { name: 'New complaint or request' });
  const types = dialog.getByRole('listbox', { name: 'Type' });
  await expect(types).toBeFocused();
  await expect(types).toHaveValue(/.+/);
  await expect(dialog.getByLabel('Subject')).toHaveValue(question);
  // Enter with the required amount empty: refused under that field, nothing registered.
  await page.keyboard.press('Enter');
  const amount = dialog.getByLabel('Amount (required)');
  await expect(amount).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('alert')).toHaveText('Fill this in.');
  await amount.fill('1 500,50');
  await amount.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Registered #1.' })).toBeVisible();
  // The customer's card lists it.
  const onCard = page
    .getByRole('complementary', { name: 'Customer card' })
    .getByRole('region', { name: 'Complaints and requests' });
  await expect(onCard.getByRole('button', { name: new RegExp(`#1 ${question} New`) })).toBeVisible();

  // The hub holds it: linked to the thread and its customer, the amount a number, in the owner's hands.
  const lead = await hubLogin(stack.hubUrl, { login: 'lena', password: 'password-123' });
  const list = await hubJson<{
    items: { number: number; fields: Record<string, unknown>; originChannel: string; customerId: string | null }[];
  }>(stack.hubUrl, lead, '/api/v1/register/complaints/search', { limit: 10 });
  expect(list.items).toHaveLength(1);
  expect(list.items[0]).toMatchObject({ number: 1, fields: { amount: 1500.5 }, originChannel: 'webchat' });
  expect(list.items[0]!.customerId).not.toBeNull();
  const complaintId = (list.items[0] as unknown as { id: string }).id;
  await page.getByRole('button', { name: 'Sign out' }).click();

  // The lead finds it in the register and resolves it.
  await fillSignIn(page, 'lena', 'password-123');
  await page.getByRole('button', { name: 'Register', exact: true }).click();
  const register = page.getByRole('dialog', { name: 'Complaints and requests' });
  await register.getByLabel('Search: number, subject or customer').fill('#1');
  await register.getByRole('button', { name: 'Show', exact: true }).click();
  const table = register.getByRole('table', { name: 'Complaints' });
  await expect(table.getByRole('row')).toHaveCount(2);
  // The filtered list as CSV, and the report of the month: one received, none resolved yet.
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    register.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  expect(readFileSync((await csv.path())!, 'utf8')).toContain(question);
  await register.getByRole('button', { name: 'Show report' }).click();
  await expect(register.getByRole('table', { name: 'Report by type' }).getByRole('row')).toHaveText([
    /Type\s*Received\s*Resolved\s*Overdue/,
    /Card complaint\s*1\s*0\s*0/,
    /Total\s*1\s*0\s*0/,
  ]);
  await table.getByRole('button', { name: `Open #1: ${question}` }).click();
  const moves = register.getByRole('region', { name: 'Status' });
  // From "new" the workflow allows only "in progress": resolved is not offered yet.
  await expect(moves.getByRole('button')).toHaveText(['Move to “In progress”']);
  await moves.getByRole('button', { name: 'Move to “In progress”' }).click();
  await expect(moves.getByRole('button')).toHaveText(['Move to “Waiting for the customer”', 'Move to “Resolved”']);
  await moves.getByRole('button', { name: 'Move to “Resolved”' }).click();
  await expect(moves.getByRole('button')).toHaveText(['Move to “Closed”', 'Reopen']);
  const history = register.getByRole('list', { name: 'History' });
  await expect(history).toContainText('Lena Lead changed the status: In progress → Resolved.');
  await expect(history).toContainText(
    'The customer was told (Web chat): Your complaint #1 is resolved: the money is back.',
  );

  // The customer reads it in the widget.
  await expect(customer.getByRole('log', { name: 'Conversation' })).toContainText(
    'Your complaint #1 is resolved: the money is back.',
  );

  // Files: one that is not what its name says is refused naming it; a real PDF is kept and listed.
  const files = register.getByRole('region', { name: 'Files' });
  await files.getByLabel('Attach a file').setInputFiles({
    name: 'receipt.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('this is only text'),
  });
  await expect(files.getByRole('alert')).toHaveText('“receipt.pdf” is not what its name says, so it was not attached.');
  await files.getByLabel('Attach a file').setInputFiles({
    name: 'statement.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n'),
  });
  await expect(files.getByRole('button', { name: 'Download statement.pdf' })).toBeVisible();
  await expect(files.getByRole('alert')).toHaveCount(0);
  await expect(history).toContainText('Lena Lead attached statement.pdf.');

  // A letter to the customer, as a PDF.
  const [pdf] = await Promise.all([
    page.waitForEvent('download'),
    register.getByRole('button', { name: 'Download letter (PDF)' }).click(),
  ]);
  expect(
    readFileSync((await pdf.path())!)
      .subarray(0, 5)
      .toString('latin1'),
  ).toBe('%PDF-');
  await expect(history).toContainText('Lena Lead made a letter to the customer');

  // Two people at once: while the lead corrects the amount, the administrator closes the complaint.
  const edit = register.getByRole('form', { name: 'Subject, fields and assignee' });
  await edit.getByLabel('Amount (required)').fill('1600');
  const admin = await hubLogin(stack.hubUrl, stack.admin);
  const {
    complaint: { version },
  } = await hubJson<{ complaint: { version: number } }>(
    stack.hubUrl,
    admin,
    `/api/v1/register/complaints/${complaintId}`,
  );
  const closed = await fetch(`${stack.hubUrl}/api/v1/register/complaints/${complaintId}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ baseVersion: version, status: 'closed' }),
  });
  expect(closed.status, await closed.clone().text()).toBe(200);
  await edit.getByRole('button', { name: 'Save changes' }).click();
  // Named: who, what; the typed amount is still there, and the complaint now shows their change.
  await expect(edit.getByRole('alert')).toContainText('Administrator changed this complaint (the status)');
  await expect(edit.getByRole('alert')).toContainText('Nothing you typed is lost');
  await expect(edit.getByLabel('Amount (required)')).toHaveValue('1600');
  await expect(moves.getByRole('button')).toHaveText(['Reopen']);
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit.getByRole('status')).toHaveText('Saved.');
  await expect(history).toContainText('Lena Lead changed “Amount”: 1500.5 → 1600.');
});
