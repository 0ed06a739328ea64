/** The article body's schema (decision 0034): allowed TipTap nodes and marks pass; anything else is named. */
import { describe, expect, it } from 'vitest';
import {
  ArticleDoc,
  checkArticleDoc,
  docImageIds,
  docLinkHrefs,
  docPlainText,
  isAllowedHref,
} from '../../src/shared/knowledge/articleDoc.js';

const IMG = '0190a000-0000-7000-8000-00000000000a';

/** A document as TipTap's StarterKit + Image (documentId) writes it. */
const full = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 1, textAlign: null }, content: [{ type: 'text', text: 'Card blocked' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Read ' },
        {
          type: 'text',
          text: 'the rules',
          marks: [
            { type: 'bold' },
            {
              type: 'link',
              attrs: {
                href: 'https://bank.example/r',
                target: '_blank',
                rel: 'noopener noreferrer nofollow',
                class: null,
              },
            },
          ],
        },
        { type: 'hardBreak' },
        {
          type: 'text',
          text: 'write',
          marks: [{ type: 'italic' }, { type: 'link', attrs: { href: 'mailto:help@bank.example' } }],
        },
      ],
    },
    {
      type: 'orderedList',
      attrs: { start: 1, type: null },
      content: [
        {
          type: 'listItem',
          content: [
            { type: 'paragraph', content: [{ type: 'text', text: 'one' }] },
            {
              type: 'bulletList',
              content: [
                { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'nested' }] }] },
              ],
            },
          ],
        },
      ],
    },
    { type: 'blockquote', content: [{ type: 'paragraph' }] },
    { type: 'image', attrs: { documentId: IMG, alt: 'card', title: null } },
  ],
};

function messages(value: unknown): string[] {
  return checkArticleDoc(value).map((p) => p.message);
}

describe('ArticleDoc', () => {
  it('takes every allowed node and mark as TipTap writes them', () => {
    expect(checkArticleDoc(full)).toEqual([]);
    expect(ArticleDoc.safeParse(full).success).toBe(true);
    expect(docPlainText(full as never)).toBe('Card blocked\nRead the rules\nwrite\none\nnested\ncard');
    expect(docLinkHrefs(full as never)).toEqual(['https://bank.example/r', 'mailto:help@bank.example']);
    expect(docImageIds(full as never)).toEqual([IMG]);
  });

  it('names a script node and where it is', () => {
    const doc = {
      type: 'doc',
      content: [{ type: 'paragraph' }, { type: 'blockquote', content: [{ type: 'script', content: [] }] }],
    };
    expect(messages(doc)).toEqual([
      "content[1].content[0]: node 'script' is not allowed (allowed: paragraph, heading, bulletList, orderedList, listItem, blockquote, hardBreak, image, text)",
    ]);
    const parsed = ArticleDoc.safeParse(doc);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path).toEqual(['content', 1, 'content', 0, 'type']);
  });

  it('refuses javascript:, data: and relative links, and unknown marks', () => {
    for (const href of [
      'javascript:alert(1)',
      ' JAVASCRIPT:alert(1)',
      'data:text/html,<b>',
      '/relative',
      'vbscript:x',
    ]) {
      expect(isAllowedHref(href)).toBe(false);
      const doc = {
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href } }] }] },
        ],
      };
      expect(messages(doc)).toEqual([
        'content[0].content[0].marks[0].attrs.href: href must be an http(s) or mailto address',
      ]);
    }
    const code = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'code' }] }] }],
    };
    expect(messages(code)).toEqual([
      "content[0].content[0].marks[0]: mark 'code' is not allowed (allowed: bold, italic, link)",
    ]);
  });

  it('refuses unknown attributes and fields, outside images, wrong heading levels and misplaced nodes', () => {
    expect(messages({ type: 'doc', content: [{ type: 'paragraph', attrs: { style: 'x' } }] })).toEqual([
      "content[0].attrs.style: unknown attribute 'style' on 'paragraph'",
    ]);
    expect(messages({ type: 'doc', content: [{ type: 'image', attrs: { src: 'https://x/y.png' } }] })).toEqual([
      "content[0].attrs.src: unknown attribute 'src' on 'image'",
      "content[0].attrs.documentId: 'image' needs documentId",
    ]);
    expect(messages({ type: 'doc', content: [{ type: 'heading', attrs: { level: 5 } }] })).toEqual([
      'content[0].attrs.level: level must be 1, 2, 3 or 4',
    ]);
    expect(messages({ type: 'doc', content: [{ type: 'text', text: 'loose' }] })).toEqual([
      'content[0]: text is not allowed here (only inside a paragraph or heading)',
    ]);
    expect(messages({ type: 'doc', content: [{ type: 'bulletList', content: [{ type: 'paragraph' }] }] })).toEqual([
      "content[0].content[0]: node 'paragraph' is not allowed here",
    ]);
    expect(messages({ type: 'doc', content: [{ type: 'paragraph', html: '<b>' }] })).toEqual([
      "content[0].html: unknown field 'html' on 'paragraph'",
    ]);
    expect(messages('<p>hi</p>')).toEqual(["the article's body must be a document (type 'doc')"]);
  });

  it('refuses a document nested too deep or too long', () => {
    let node: unknown = { type: 'paragraph' };
    for (let i = 0; i < 30; i++) node = { type: 'blockquote', content: [node] };
    expect(messages({ type: 'doc', content: [node] })[0]).toMatch(/nested deeper than 24 levels/);
    const long = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x'.repeat(400_001) }] }],
    };
    expect(messages(long)[0]).toMatch(/the document is too long/);
  });
});
