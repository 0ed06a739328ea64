/**
 * /widget/demo: a small shop page that embeds the customer chat exactly as a real site would,
 * with one script tag, under a strict Content-Security-Policy (so the widget is proven to need
 * no inline script, no eval and no third-party origin). Its one inline style is allowed by hash.
 */
import { createHash } from 'node:crypto';

const STYLE = `
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1d2430; background: #f6f7f9; }
  header { background: #1d2430; color: #fff; padding: 16px 32px; }
  main { max-width: 720px; margin: 32px auto; padding: 0 16px; }
  .goods { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 16px; }
  .item { background: #fff; border-radius: 8px; padding: 16px; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.1); }
  .price { font-weight: 600; }
`;

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

export const DEMO_PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  `style-src 'self' 'sha256-${STYLE_HASH}'`,
  "img-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const DEMO_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Okno demo shop</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<header><h1>Okno demo shop</h1></header>
<main>
  <p>This page shows the Okno web chat as a customer sees it. Open the chat in the corner and write to the agents.</p>
  <p lang="ru">Это демо-магазин: откройте чат в углу страницы и напишите операторам.</p>
  <section class="goods" aria-label="Goods">
    <article class="item"><h2>Tea pot</h2><p class="price">€24</p></article>
    <article class="item"><h2>Mug</h2><p class="price">€9</p></article>
    <article class="item"><h2>Green tea</h2><p class="price">€12</p></article>
  </section>
</main>
<script src="/widget.js" async></script>
</body>
</html>
`;
