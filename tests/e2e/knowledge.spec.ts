import { expect, test, type Browser } from '@playwright/test';
import { addLeadAndAgent, fillSignIn, hubJson, hubLogin } from './support/hubApi.js';
import { startStack, type RunningStack } from './support/startStack.js';

/**
 * The knowledge base end to end (issue 15, decision 0034): a lead writes an article in Team settings
 * with the TipTap editor (a heading, a bulleted list, a link); another lead saves it meanwhile, so the
 * first gets the conflict with their text kept and saves it as the newest version, then reads an old
 * version. An agent answering a web chat finds the article by a Russian word form the article does not
 * contain, opens it beside the conversation (which stays usable), and the conversation's history
 * shows the opening.
 */
let stack: RunningStack;

const TITLE = 'Если заблокирована карта';
/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

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

async function customerWrites(browser: Browser, text: string) {
  const context = await browser.newContext({ locale: 'en-US' });
  const customer = await context.newPage();
  await customer.goto(stack.widgetDemoUrl);
  await customer.getByRole('button', { name: 'Chat with us' }).click();
  await customer.getByRole('textbox', { name: 'Your message' }).fill(text);
  await customer.getByRole('textbox', { name: 'Your message' }).press('Enter');
  await expect(customer.getByRole('log', { name: 'Conversation' })).toContainText(text);
  return customer;
}

test('a lead writes an article; an agent finds it by another word form, reads it beside the chat, and the history says so', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await page.goto(stack.agentUrl);
  await fillSignIn(page, 'lena', 'password-123');

  // The lead writes the article in Team settings → Knowledge base.
  await page.getByRole('button', { name: 'Team settings' }).click();
  const area = page.getByRole('dialog', { name: 'Team settings' });
  await area.getByRole('tab', { name: 'Knowledge base' }).click();
  await area.getByRole('button', { name: 'New article', exact: true }).click();
  const form = area.getByRole('region', { name: 'New article' });
  await form.getByLabel('Title', { exact: true }).fill(TITLE);
  await form.getByLabel('Language').selectOption('ru');
  const editor = area.getByRole('textbox', { name: 'Article text' });
  const toolbar = form.getByRole('toolbar', { name: 'Formatting' });
  await editor.click();
  await toolbar.getByRole('button', { name: 'Heading 2' }).click();
  await expect(toolbar.getByRole('button', { name: 'Heading 2' })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.type('Что делать');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Позвоните в банк, если карта заблокирована.');
  await page.keyboard.press('Enter');
  await toolbar.getByRole('button', { name: 'Bulleted list' }).click();
  await page.keyboard.type('Проверьте последние операции');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Закажите перевыпуск');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Тарифы банка');
  await page.keyboard.press('Shift+Home');
  await toolbar.getByRole('button', { name: 'Link', exact: true }).click();
  await form.getByLabel('Link address (https://… or mailto:…)').fill('https://bank.example/tariffs');
  await form.getByRole('button', { name: 'Apply link' }).click();
  await expect(editor.locator('a[href="https://bank.example/tariffs"]')).toHaveText('Тарифы банка');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  const saved = area.getByRole('region', { name: 'Article', exact: true });
  await expect(saved.getByRole('status').filter({ hasText: 'Saved' })).toHaveText('Saved as version 1.');
  await expect(
    area.getByRole('navigation', { name: 'Articles' }).getByRole('button', { name: `${TITLE} RU`, exact: true }),
  ).toBeVisible();

  // Another lead saves the article meanwhile (through the hub, as the administrator).
  const adminToken = await hubLogin(stack.hubUrl, stack.admin);
  const { articles } = await hubJson<{ articles: { id: string; title: string }[] }>(
    stack.hubUrl,
    adminToken,
    '/api/v1/knowledge/articles',
  );
  const articleId = articles.find((a) => a.title === TITLE)!.id;
  const theirs = await fetch(`${stack.hubUrl}/api/v1/knowledge/articles/${articleId}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      parentId: null,
      title: TITLE,
      language: 'ru',
      doc: {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Текст администратора.' }] }],
      },
      links: [],
      baseVersion: 1,
    }),
  });
  expect(theirs.status).toBe(200);

  // The lead's next save is refused, naming who saved first; the typed text stays in the editor.
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Звоните круглосуточно.');
  await saved.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(saved.getByRole('alert')).toContainText(
    'Administrator saved this article (version 2) while you were editing. Your text is still here, not saved.',
  );
  await expect(editor).toContainText('Звоните круглосуточно.');
  await saved.getByRole('button', { name: 'Save my text as the newest version' }).click();
  await expect(saved.getByRole('status').filter({ hasText: 'Saved' })).toHaveText('Saved as version 3.');
  await expect(saved.getByRole('alert')).toHaveCount(0);

  // The versions are kept: the administrator's one can be read.
  const versions = saved.getByRole('region', { name: 'Versions' });
  await expect(versions.getByRole('listitem')).toHaveCount(3);
  await versions.getByRole('button', { name: 'Read version 2' }).click();
  await expect(versions.getByRole('region', { name: 'Version 2 (read only)' })).toContainText('Текст администратора.');
  await versions.getByRole('button', { name: 'Back to editing' }).click();

  // Documents: a PDF is attached; a "PDF" that is not one is refused, naming it; a picture goes into the text.
  const attach = saved.getByLabel('Attach a document (PDF, DOCX, XLSX or a picture)');
  await attach.setInputFiles({ name: 'Тарифы.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(saved.getByRole('status').filter({ hasText: 'attached' })).toHaveText('Тарифы.pdf attached.');
  await attach.setInputFiles({ name: 'fake.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ, not a PDF') });
  await expect(saved.getByRole('alert')).toHaveText(
    'fake.pdf was not attached: its content is not what its name says (a PDF, DOCX, XLSX or picture).',
  );
  await editor.click();
  await page.keyboard.press('Control+End');
  await saved
    .locator('input[type="file"][accept^="image/"]')
    .setInputFiles({ name: 'card.png', mimeType: 'image/png', buffer: PNG });
  await expect(editor.locator('img[src^="data:image/png;base64,"]')).toBeVisible();
  await saved.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(saved.getByRole('status').filter({ hasText: 'Saved' })).toHaveText('Saved as version 4.');

  // The tree: an article inside this one; retired, it stays in the tree, marked.
  await saved.getByRole('button', { name: 'New article inside' }).click();
  const child = area.getByRole('region', { name: 'New article', exact: true });
  await child.getByLabel('Title', { exact: true }).fill('Старые тарифы');
  await expect(child.getByLabel('Inside')).toHaveValue(articleId);
  await child.getByLabel('Language').selectOption('ru');
  await editor.click();
  await page.keyboard.type('Тарифы до 2026 года.');
  await child.getByRole('button', { name: 'Save', exact: true }).click();
  const childSaved = area.getByRole('region', { name: 'Article', exact: true });
  await expect(childSaved.getByRole('status').filter({ hasText: 'Saved' })).toHaveText('Saved as version 1.');
  const tree = area.getByRole('navigation', { name: 'Articles' });
  const parentItem = tree
    .getByRole('listitem')
    .filter({ has: page.getByRole('button', { name: `${TITLE} RU`, exact: true }) });
  await expect(parentItem.getByRole('button', { name: 'Старые тарифы RU', exact: true })).toBeVisible();
  await childSaved.getByRole('button', { name: 'Retire', exact: true }).click();
  await expect(parentItem.getByRole('button', { name: 'Старые тарифы retired RU', exact: true })).toBeVisible();
  await expect(childSaved.getByText('Retired: agents no longer see this article.')).toBeVisible();
  await area.getByRole('button', { name: 'Close' }).first().click();
  await page.getByRole('button', { name: 'Sign out' }).click();

  // A customer writes; the agent opens the chat and takes it.
  const customer = await customerWrites(browser, 'Мне заблокировали карту, что делать?');
  await fillSignIn(page, 'anna', 'password-123');
  await page.getByRole('combobox', { name: 'Show' }).selectOption('groups');
  await page
    .getByRole('list', { name: 'Queue' })
    .getByRole('button', { name: /заблокировали карту/ })
    .click();
  await expect(page.getByRole('log', { name: 'Messages' })).toContainText('Мне заблокировали карту');
  await page.getByRole('button', { name: 'Take' }).click();
  await expect(page.getByRole('button', { name: 'Take' })).toBeHidden();

  // The article is also suggested under the reply box.
  await expect(
    page.getByRole('region', { name: 'Suggested articles' }).getByRole('button', { name: `Read “${TITLE}”` }),
  ).toBeVisible();

  // She searches the knowledge base by a form ("карту") the article does not contain ("карта").
  await page.getByRole('button', { name: 'Knowledge base', exact: true }).click();
  const panel = page.getByRole('complementary', { name: 'Knowledge base' });
  const search = panel.getByRole('searchbox', { name: 'Search articles' });
  await expect(search).toBeFocused();
  await search.fill('карту');
  await panel.getByRole('button', { name: `Open “${TITLE}”` }).click();
  const article = panel.getByRole('article', { name: TITLE });
  await expect(article.getByRole('heading', { name: 'Что делать' })).toBeVisible();
  await expect(article.locator('.article-body').getByRole('listitem')).toHaveText([
    'Проверьте последние операции',
    'Закажите перевыпуск',
  ]);
  const link = article.getByRole('link', { name: 'Тарифы банка (opens in your browser)' });
  await expect(link).toHaveAttribute('href', 'https://bank.example/tariffs');
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(article).toContainText('Звоните круглосуточно.');
  await expect(article).not.toContainText('Текст администратора.');
  // The picture is the article's own document, shown from a data: URL; the PDF is downloaded.
  await expect(article.getByRole('img', { name: 'Picture card.png' })).toHaveAttribute(
    'src',
    /^data:image\/png;base64,/,
  );
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    article.getByRole('button', { name: 'Download Тарифы.pdf' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('Тарифы.pdf');

  // The conversation stays usable beside the panel: she answers.
  const reply = page.getByRole('textbox', { name: 'Reply' });
  await reply.fill('Карту можно перевыпустить, сейчас расскажу как.');
  await reply.press('Enter');
  await expect(customer.getByRole('log', { name: 'Conversation' })).toContainText(
    'Карту можно перевыпустить, сейчас расскажу как.',
  );

  // The contact's history shows that the article was opened, and which version.
  await page.getByText('History', { exact: true }).click();
  await expect(page.getByRole('list', { name: 'History' })).toContainText(
    `Anna Agent opened the article “${TITLE}” (version 4)`,
  );
  await expect(panel).toBeVisible();

  // Closing the panel gives the customer card its place back (a narrow window shows one of the two).
  await panel.getByRole('button', { name: 'Close the knowledge base' }).click();
  await expect(panel).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Knowledge base', exact: true })).toBeFocused();
  await expect(page.getByRole('complementary', { name: 'Customer card' })).toBeVisible();
});

test('offline, the agent searches and reads the copy kept on the computer, and is told so', async ({ browser }) => {
  test.setTimeout(120_000);
  // A stack of its own, with a proxy between the core and the hub that the test can cut.
  const cut = await startStack({ faultProxy: true });
  const link = async (state: 'offline' | 'online') => {
    const response = await fetch(`${cut.proxyControlUrl}/${state}`, { method: 'POST' });
    expect(response.status).toBe(204);
  };
  try {
    await addLeadAndAgent(cut.hubUrl, cut.admin);
    const token = await hubLogin(cut.hubUrl, cut.admin);
    await hubJson(cut.hubUrl, token, '/api/v1/knowledge/articles', {
      parentId: null,
      title: 'Перевыпуск карты',
      language: 'ru',
      doc: {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Перевыпуск занимает пять рабочих дней.' }] }],
      },
      links: [{ title: 'Тарифы', url: 'https://bank.example/tariffs' }],
    });

    const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await page.goto(cut.agentUrl);
    await fillSignIn(page, 'anna', 'password-123');
    await page.getByRole('button', { name: 'Knowledge base', exact: true }).click();
    const panel = page.getByRole('complementary', { name: 'Knowledge base' });
    const search = panel.getByRole('searchbox', { name: 'Search articles' });
    const result = panel.getByRole('button', { name: 'Open “Перевыпуск карты”' });
    // Online: from the hub, nothing said about a copy.
    await search.fill('перевыпуска');
    await expect(result).toBeVisible();
    await expect(panel.getByText('Offline: found in the copy saved on this computer.')).toHaveCount(0);

    await link('offline');
    await expect(page.getByRole('status').filter({ hasText: /Offline since \d{1,2}:\d{2}/ })).toBeVisible({
      timeout: 15_000,
    });
    await search.fill('перевыпуском');
    await expect(
      panel.getByRole('status').filter({ hasText: 'Offline: found in the copy saved on this computer.' }),
    ).toBeVisible();
    await result.click();
    const article = panel.getByRole('article', { name: 'Перевыпуск карты' });
    await expect(article.getByRole('status')).toHaveText('Offline: this is the copy saved on this computer.');
    await expect(article).toContainText('Перевыпуск занимает пять рабочих дней.');
    await expect(article.getByRole('link', { name: 'Тарифы (opens in your browser)' })).toHaveAttribute(
      'href',
      'https://bank.example/tariffs',
    );
    await link('online');
  } finally {
    await cut.stop();
  }
});
