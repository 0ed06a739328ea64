/**
 * The knowledge base in the renderer: an article's JSON document drawn as React elements (safe by
 * construction), the editor's JSON trimmed to what an article keeps (and accepted by the hub's own
 * check), the tree's order and moves, the conflict answer read for the lead, and the panel's state.
 */
import { createElement, Fragment } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { checkArticleDoc } from '../../src/shared/knowledge/articleDoc.js';
import type { ArticleSummary } from '../../src/shared/knowledge/knowledgeContract.js';
import { uuidv7 } from '../../src/shared/ids.js';
import { knowledgeChanged, sessionChanged } from '../../src/renderer/app/coreEvents.js';
import { createAppStore } from '../../src/renderer/app/store.js';
import { conflictOf } from '../../src/renderer/features/knowledge/articleConflict.js';
import { articleElements } from '../../src/renderer/features/knowledge/articleElements.js';
import { isSafeHref, isWebUrl } from '../../src/renderer/features/knowledge/articleLinks.js';
import { buildTree, parentChoices, stepMove } from '../../src/renderer/features/knowledge/articleTree.js';
import type { DocNode } from '../../src/renderer/features/knowledge/docNode.js';
import { base64Of, bytesOf, imageDataUrl, mimeOf } from '../../src/renderer/features/knowledge/documentFiles.js';
import { articleDocOf, isEmptyDoc } from '../../src/renderer/features/knowledge/editorDoc.js';
import {
  articleClosed,
  articleShown,
  knowledgePanelToggled,
  knowledgeQueryChanged,
} from '../../src/renderer/features/knowledge/knowledgeSlice.js';
import { openArticle, saveArticle } from '../../src/renderer/features/knowledge/knowledgeThunks.js';
import { createI18n } from '../../src/renderer/i18n/index.js';
import { FakePlatform } from './renderer-fixtures.js';

const IMAGE_ID = '01900000-0000-7000-8000-0000000000aa';

function render(doc: DocNode, language: 'en' | 'ru' = 'en'): string {
  const t = createI18n(language).t;
  const elements = articleElements(doc, {
    opensOutside: t('knowledge.opensOutside'),
    // The view draws the article's own document here (DocumentImage); the test marks where it goes.
    image: (documentId, key) => createElement('span', { key, 'data-document': documentId }),
  });
  return renderToStaticMarkup(createElement(Fragment, null, ...elements));
}

const sample: DocNode = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Блокировка карты' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Позвоните ' },
        { type: 'text', text: 'сразу', marks: [{ type: 'bold' }] },
        { type: 'hardBreak' },
        {
          type: 'text',
          text: 'правила',
          marks: [{ type: 'italic' }, { type: 'link', attrs: { href: 'https://bank.example/rules' } }],
        },
      ],
    },
    {
      type: 'orderedList',
      attrs: { start: 3 },
      content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'шаг' }] }] }],
    },
    {
      type: 'bulletList',
      content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'пункт' }] }] }],
    },
    { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'цитата' }] }] },
    { type: 'image', attrs: { documentId: IMAGE_ID } },
  ],
};

describe('the article view', () => {
  it('draws headings under the title, lists, quotes, marks, links out and pictures from the article', () => {
    const html = render(sample);
    expect(html).toContain('<h3>Блокировка карты</h3>');
    expect(html).toContain('<strong>сразу</strong>');
    expect(html).toContain('<br/>');
    expect(html).toMatch(
      /<a href="https:\/\/bank.example\/rules" target="_blank" rel="noopener noreferrer"[^>]*><em>правила<\/em><span class="visually-hidden"> \(opens in your browser\)<\/span><\/a>/,
    );
    expect(html).toContain('<ol start="3"><li><p>шаг</p></li></ol>');
    expect(html).toContain('<ul><li><p>пункт</p></li></ul>');
    expect(html).toContain('<blockquote><p>цитата</p></blockquote>');
    // The picture is the article's document, drawn by the view; never an outside address.
    expect(html).toContain(`<span data-document="${IMAGE_ID}"></span>`);
    expect(html).not.toContain('<img');
  });

  it('never draws a script, an unknown node, raw HTML or a javascript: link', () => {
    const hostile = {
      type: 'doc',
      content: [
        { type: 'script', content: [{ type: 'text', text: 'alert(1)' }] },
        { type: 'html', attrs: { html: '<img src=x onerror=alert(1)>' } },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: '<b>not bold</b>' },
            { type: 'text', text: 'click', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] },
            {
              type: 'text',
              text: 'data',
              marks: [{ type: 'link', attrs: { href: 'data:text/html,<script>x</script>' } }],
            },
            { type: 'text', text: 'under', marks: [{ type: 'underline' }] },
          ],
        },
        { type: 'image', attrs: { src: 'https://tracker.example/pixel.gif' } },
      ],
    } as DocNode;
    const html = render(hostile);
    expect(html).not.toMatch(/<script|<img|onerror|javascript:|data:text|tracker|data-document/);
    expect(html).not.toContain('<a ');
    // Text is text: markup inside it is escaped, not interpreted.
    expect(html).toContain('&lt;b&gt;not bold&lt;/b&gt;');
    expect(html).toContain('click');
    expect(html).toContain('under');
  });

  it('says "opens in your browser" in Russian for a Russian agent', () => {
    expect(render(sample, 'ru')).toContain('(откроется в браузере)');
  });
});

describe('links an article may hold', () => {
  it('keeps http(s) and mailto, refuses anything the page could run', () => {
    expect(isSafeHref('https://bank.example/a?b=1')).toBe(true);
    expect(isSafeHref('http://bank.example')).toBe(true);
    expect(isSafeHref('mailto:help@bank.example')).toBe(true);
    for (const bad of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:text/html,x',
      'vbscript:x',
      'file:///etc/passwd',
      '/relative',
      'https://',
      42,
    ]) {
      expect(isSafeHref(bad), String(bad)).toBe(false);
    }
    expect(isWebUrl('https://bank.example/tariffs')).toBe(true);
    expect(isWebUrl('mailto:help@bank.example')).toBe(false);
    expect(isWebUrl('ftp://bank.example')).toBe(false);
  });
});

describe("the editor's JSON as an article document", () => {
  it('keeps headings, lists, quotes, bold, italic, links and our pictures, and the hub accepts it', () => {
    const fromEditor = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2, textAlign: null, id: 'x' }, content: [{ type: 'text', text: 'Title' }] },
        {
          type: 'paragraph',
          content: [
            {
              type: 'text',
              text: 'see',
              marks: [
                {
                  type: 'link',
                  attrs: {
                    href: 'https://bank.example',
                    target: null,
                    rel: 'noopener noreferrer nofollow',
                    class: null,
                  },
                },
                { type: 'bold' },
                { type: 'underline' },
                { type: 'strike' },
              ],
            },
            { type: 'hardBreak' },
            { type: 'text', text: 'evil', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] },
          ],
        },
        {
          type: 'orderedList',
          attrs: { start: 1, type: null },
          content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }],
        },
        {
          type: 'bulletList',
          content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a' }] }] }],
        },
        { type: 'codeBlock', content: [{ type: 'text', text: 'rm -rf /' }] },
        { type: 'horizontalRule' },
        { type: 'image', attrs: { src: 'https://tracker.example/p.gif', alt: null, title: null, documentId: null } },
        { type: 'image', attrs: { src: null, alt: null, title: null, documentId: IMAGE_ID } },
      ],
    };
    const doc = articleDocOf(fromEditor);
    expect(doc).toEqual({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Title' }] },
        {
          type: 'paragraph',
          content: [
            {
              type: 'text',
              text: 'see',
              marks: [{ type: 'link', attrs: { href: 'https://bank.example' } }, { type: 'bold' }],
            },
            { type: 'hardBreak' },
            { type: 'text', text: 'evil' },
          ],
        },
        { type: 'orderedList', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] },
        {
          type: 'bulletList',
          content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a' }] }] }],
        },
        { type: 'image', attrs: { documentId: IMAGE_ID } },
      ],
    });
    // The same check the hub runs on every save.
    expect(checkArticleDoc(doc)).toEqual([]);
  });

  it('gives an empty editor one empty paragraph, and knows it is empty', () => {
    const doc = articleDocOf({ type: 'doc', content: [] });
    expect(doc).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
    expect(checkArticleDoc(doc)).toEqual([]);
    expect(isEmptyDoc(doc)).toBe(true);
    expect(
      isEmptyDoc(articleDocOf({ type: 'doc', content: [{ type: 'image', attrs: { documentId: IMAGE_ID } }] })),
    ).toBe(false);
    expect(isEmptyDoc(sample)).toBe(false);
  });
});

function summary(over: Partial<ArticleSummary>): ArticleSummary {
  return {
    id: uuidv7(),
    parentId: null,
    title: 'A',
    language: 'ru',
    position: 0,
    version: 1,
    updatedAt: 1,
    retired: false,
    ...over,
  };
}

describe('the article tree', () => {
  const root1 = summary({ title: 'Cards', position: 1 });
  const root0 = summary({ title: 'Accounts', position: 0 });
  const child = summary({ title: 'Blocked card', parentId: root1.id, position: 0 });
  const grandchild = summary({ title: 'Unblock online', parentId: child.id, position: 0 });
  const retired = summary({ title: 'Old tariffs', parentId: root1.id, position: 1, retired: true });
  const articles = [grandchild, retired, root1, child, root0];

  it('nests children under parents in position order, retired ones only when asked', () => {
    const tree = buildTree(articles);
    expect(tree.map((b) => b.article.title)).toEqual(['Accounts', 'Cards']);
    expect(tree[1]!.children.map((b) => b.article.title)).toEqual(['Blocked card', 'Old tariffs']);
    expect(tree[1]!.children[0]!.children.map((b) => b.article.title)).toEqual(['Unblock online']);
    expect(buildTree(articles, false)[1]!.children.map((b) => b.article.title)).toEqual(['Blocked card']);
  });

  it('moves one place among siblings (the hub counts positions without the moved article), not past the ends', () => {
    expect(stepMove(articles, root1, -1)).toEqual({ articleId: root1.id, parentId: null, position: 0 });
    expect(stepMove(articles, root0, 1)).toEqual({ articleId: root0.id, parentId: null, position: 1 });
    expect(stepMove(articles, root0, -1)).toBeNull();
    expect(stepMove(articles, root1, 1)).toBeNull();
  });

  it('never offers an article, or anything under it, as its own new parent', () => {
    const choices = parentChoices(articles, root1.id).map((c) => c.title);
    expect(choices).toEqual(['Accounts']);
    expect(parentChoices(articles, child.id).map((c) => `${c.depth}:${c.title}`)).toEqual([
      '0:Accounts',
      '0:Cards',
      '1:Old tariffs',
    ]);
  });
});

describe('a save that lost the race', () => {
  it("reads who saved first and their version from the hub's conflict", () => {
    expect(
      conflictOf({
        code: 'conflict',
        message: 'saved by Lena Lead (version 4)',
        params: { savedBy: 'Lena Lead', savedAt: 1_700_000_000_000, version: 4, title: 'Cards' },
      }),
    ).toEqual({ who: 'Lena Lead', version: 4 });
    expect(conflictOf({ code: 'conflict', message: 'x' })).toEqual({ who: null, version: null });
    expect(conflictOf({ code: 'bad_request', message: 'x' })).toBeNull();
  });

  it('reaches the form as the rejected value, with nothing written to the store', async () => {
    const platform = new FakePlatform().fail('knowledge.save', {
      code: 'conflict',
      message: 'saved first',
      params: { savedBy: 'Lena Lead', savedAt: 1, version: 4 },
    });
    const store = createAppStore(platform);
    const before = JSON.stringify(store.getState());
    const doc = articleDocOf({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'мой текст' }] }],
    });
    const action = await store.dispatch(
      saveArticle({ id: IMAGE_ID, parentId: null, title: 'Cards', language: 'ru', doc, links: [], baseVersion: 3 }),
    );
    expect(saveArticle.rejected.match(action) && conflictOf(action.payload!)).toEqual({ who: 'Lena Lead', version: 4 });
    expect(platform.callsOf('knowledge.save')).toEqual([
      { id: IMAGE_ID, parentId: null, title: 'Cards', language: 'ru', doc, links: [], baseVersion: 3 },
    ]);
    expect(JSON.stringify(store.getState())).toBe(before);
  });
});

describe('the knowledge panel state', () => {
  it('opens an article for a thread, goes back, keeps the query, and reloads when the core says so', async () => {
    const thread = uuidv7();
    const article = uuidv7();
    const platform = new FakePlatform();
    const store = createAppStore(platform);
    store.dispatch(knowledgePanelToggled());
    store.dispatch(knowledgeQueryChanged('карту'));
    expect(store.getState().knowledge).toMatchObject({ open: true, query: 'карту', reading: null, revision: 0 });

    store.dispatch(knowledgePanelToggled());
    store.dispatch(articleShown({ articleId: article, threadId: thread }));
    expect(store.getState().knowledge).toMatchObject({ open: true, reading: { articleId: article, threadId: thread } });

    store.dispatch(articleClosed());
    expect(store.getState().knowledge).toMatchObject({ open: true, query: 'карту', reading: null });

    store.dispatch(knowledgeChanged({}));
    expect(store.getState().knowledge.revision).toBe(1);

    store.dispatch(sessionChanged({ signedIn: false, agent: null, hubUrl: null }));
    expect(store.getState().knowledge).toMatchObject({ open: false, query: '', reading: null });
  });

  it('asks the core to open an article for the thread, so the opening is recorded there', async () => {
    const thread = uuidv7();
    const article = uuidv7();
    const platform = new FakePlatform().fail('knowledge.open', { code: 'not_found', message: 'no such article' });
    const store = createAppStore(platform);
    const action = await store.dispatch(openArticle({ articleId: article, threadId: thread }));
    expect(action.payload).toMatchObject({ code: 'not_found' });
    expect(platform.callsOf('knowledge.open')).toEqual([{ articleId: article, threadId: thread }]);
  });
});

describe("an article's documents", () => {
  it('shows only raster pictures inline, from data: URLs', () => {
    expect(imageDataUrl('image/png', 'iVBORw0KGgo=')).toBe('data:image/png;base64,iVBORw0KGgo=');
    expect(imageDataUrl('image/svg+xml', 'PHN2Zz4=')).toBeNull();
    expect(imageDataUrl('application/pdf', 'JVBERi0=')).toBeNull();
    expect(imageDataUrl('image/png', 'not base64 "><script>')).toBeNull();
  });

  it('types files the browser left untyped by their name, and round-trips bytes through base64', () => {
    expect(mimeOf('Тарифы.DOCX', '')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(mimeOf('a.xlsx', '')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(mimeOf('a.pdf', 'application/pdf')).toBe('application/pdf');
    expect(mimeOf('a.exe', '')).toBe('application/octet-stream');
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 31) % 256);
    const encoded = base64Of(bytes);
    expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
    expect([...bytesOf(encoded)]).toEqual([...bytes]);
  });
});
