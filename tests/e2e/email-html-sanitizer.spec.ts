/**
 * The renderer's email sanitiser (src/renderer/features/conversation/sanitizeEmailHtml.ts) in a real
 * Chromium DOM, the one it runs in: the module is bundled with esbuild and loaded into a blank page.
 */
import { expect, test } from '@playwright/test';
import { buildSync } from 'esbuild';

const bundle = buildSync({
  entryPoints: ['src/renderer/features/conversation/sanitizeEmailHtml.ts'],
  bundle: true,
  format: 'iife',
  globalName: 'OknoSanitizer',
  write: false,
  platform: 'browser',
}).outputFiles[0]!.text;

const HOSTILE = `
  <p onclick="steal()">Hello <b>agent</b></p>
  <script>window.pwned = true</script>
  <img src="https://tracker.example/open.gif?id=42" width="1" height="1">
  <img src="//cdn.example/logo.png" alt="logo">
  <img src="cid:part1@mail" alt="inline">
  <img src="javascript:alert(1)">
  <a href="https://bank.example/offer" onmouseover="x()">offer</a>
  <a href="javascript:alert(2)">bad link</a>
  <iframe src="https://evil.example"></iframe>
  <form action="https://evil.example"><input name="pin"></form>
  <style>body { background: url(https://tracker.example/css.gif) }</style>
  <div style="background-image:url(https://tracker.example/bg.gif)">styled</div>
`;

test.beforeEach(async ({ page }) => {
  await page.setContent('<!doctype html><html><body></body></html>');
  await page.addScriptTag({ content: bundle });
});

test('removes scripts, handlers, frames, forms and styles, and blocks remote images until allowed', async ({
  page,
}) => {
  const result = await page.evaluate((html) => {
    const w = globalThis as unknown as {
      OknoSanitizer: {
        sanitizeEmailHtml(
          h: string,
          o: { allowRemoteImages: boolean },
        ): { html: string; blockedImages: number; remoteImageOrigins: string[] };
      };
    };
    return w.OknoSanitizer.sanitizeEmailHtml(html, { allowRemoteImages: false });
  }, HOSTILE);
  expect(result.blockedImages).toBe(2);
  // Only https:// image origins can be allowed later ("//cdn…" is taken as https).
  expect(result.remoteImageOrigins).toEqual(['https://tracker.example', 'https://cdn.example']);
  expect(result.html).toContain('Hello <b>agent</b>');
  for (const gone of [
    '<script',
    'onclick',
    'onmouseover',
    '<iframe',
    '<form',
    '<input',
    '<style',
    'style=',
    'javascript:',
    'pwned',
  ]) {
    expect(result.html).not.toContain(gone);
  }
  expect(result.html).not.toMatch(/<img[^>]+\ssrc="(https?:)?\/\//);
  expect(result.html).toContain('data-okno-blocked-src="https://tracker.example/open.gif?id=42"');
  expect(result.html).toContain('src="cid:part1@mail"');
  expect(result.html).toContain('rel="noopener noreferrer nofollow"');
  expect(await page.evaluate(() => (globalThis as unknown as { pwned?: boolean }).pwned)).toBeUndefined();

  const allowed = await page.evaluate((html) => {
    const w = globalThis as unknown as {
      OknoSanitizer: {
        sanitizeEmailHtml(h: string, o: { allowRemoteImages: boolean }): { html: string; blockedImages: number };
      };
    };
    return w.OknoSanitizer.sanitizeEmailHtml(html, { allowRemoteImages: true });
  }, HOSTILE);
  expect(allowed.blockedImages).toBe(0);
  expect(allowed.html).toContain('src="https://tracker.example/open.gif?id=42"');
  expect(allowed.html).not.toContain('<script');
});

test('rendering the sanitised HTML makes no network request while images are blocked', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.evaluate((html) => {
    const w = globalThis as unknown as {
      OknoSanitizer: { sanitizeEmailHtml(h: string, o: { allowRemoteImages: boolean }): { html: string } };
    };
    (globalThis as unknown as { document: { body: { innerHTML: string } } }).document.body.innerHTML =
      w.OknoSanitizer.sanitizeEmailHtml(html, { allowRemoteImages: false }).html;
  }, HOSTILE);
  await page.waitForTimeout(300);
  // cid: parts are the email's own attachments (the view maps them to the hub); nothing leaves for the web.
  expect(requests.filter((url) => /^(https?:|\/\/)/.test(url))).toEqual([]);
});
