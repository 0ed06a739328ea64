/**
 * Between the TipTap editor's JSON and the stored article document. The editor may carry more than an
 * article keeps (TipTap's default attributes, a pasted picture from an outside address, a pasted
 * underline); `articleDocOf` keeps exactly the allowed nodes, attributes and marks, so what is saved is
 * what the view draws. The hub validates the result again (src/shared/knowledge/articleDoc.ts) and names
 * whatever it still refuses.
 */
import type { JSONContent } from '@tiptap/core';
import { isSafeHref } from './articleLinks.js';
import type { ArticleDoc } from '../../../shared/knowledge/articleDoc.js';
import type { DocNode } from './docNode.js';

type Mark = NonNullable<DocNode['marks']>[number];

/** The editor's document as an article document (only allowed nodes, attributes and marks). */
export function articleDocOf(json: JSONContent): ArticleDoc {
  const content = blocksOf(json.content);
  // The nodes built below are exactly ArticleDoc's (the hub checks it again with checkArticleDoc).
  return { type: 'doc', content: content.length > 0 ? content : [{ type: 'paragraph' }] } as ArticleDoc;
}

function blocksOf(nodes: readonly JSONContent[] | undefined): DocNode[] {
  const out: DocNode[] = [];
  for (const node of nodes ?? []) {
    const block = blockOf(node);
    if (block) out.push(block);
  }
  return out;
}

function blockOf(node: JSONContent): DocNode | null {
  switch (node.type) {
    case 'paragraph':
      return withContent({ type: 'paragraph' }, inlinesOf(node.content));
    case 'heading': {
      const raw = Number(node.attrs?.level);
      const level = Number.isInteger(raw) ? Math.min(4, Math.max(1, raw)) : 1;
      return withContent({ type: 'heading', attrs: { level } }, inlinesOf(node.content));
    }
    case 'bulletList':
    case 'orderedList': {
      const items = (node.content ?? []).filter((item) => item.type === 'listItem').map(listItemOf);
      if (items.length === 0) return null;
      const start = Number(node.attrs?.start);
      const attrs = node.type === 'orderedList' && Number.isInteger(start) && start > 1 ? { attrs: { start } } : {};
      return { type: node.type, ...attrs, content: items };
    }
    case 'blockquote': {
      const inner = blocksOf(node.content);
      return { type: 'blockquote', content: inner.length > 0 ? inner : [{ type: 'paragraph' }] };
    }
    case 'image':
      return imageOf(node);
    default:
      return null;
  }
}

function listItemOf(node: JSONContent): DocNode {
  const inner = blocksOf(node.content);
  return { type: 'listItem', content: inner.length > 0 ? inner : [{ type: 'paragraph' }] };
}

function imageOf(node: JSONContent): DocNode | null {
  const documentId = node.attrs?.documentId;
  // A picture that is not one of the article's documents (pasted from a web page) is not kept.
  return typeof documentId === 'string' && documentId.length > 0 ? { type: 'image', attrs: { documentId } } : null;
}

function inlinesOf(nodes: readonly JSONContent[] | undefined): DocNode[] {
  const out: DocNode[] = [];
  for (const node of nodes ?? []) {
    if (node.type === 'hardBreak') out.push({ type: 'hardBreak' });
    else if (node.type === 'text' && typeof node.text === 'string' && node.text.length > 0) {
      const marks = marksOf(node.marks);
      out.push(marks.length > 0 ? { type: 'text', text: node.text, marks } : { type: 'text', text: node.text });
    }
  }
  return out;
}

function marksOf(marks: JSONContent['marks']): Mark[] {
  const out: Mark[] = [];
  for (const mark of marks ?? []) {
    if ((mark.type === 'bold' || mark.type === 'italic') && !out.some((m) => m.type === mark.type)) {
      out.push({ type: mark.type });
    } else if (mark.type === 'link' && isSafeHref(mark.attrs?.href) && !out.some((m) => m.type === 'link')) {
      out.push({ type: 'link', attrs: { href: String(mark.attrs?.href).trim() } });
    }
  }
  return out;
}

function withContent(node: DocNode, content: DocNode[]): DocNode {
  return content.length > 0 ? { ...node, content } : node;
}

/** The article's plain words (to tell an empty article from a written one). */
export function plainTextOf(node: DocNode): string {
  if (node.type === 'text') return node.text ?? '';
  return (node.content ?? []).map(plainTextOf).join(node.type === 'doc' ? '\n' : ' ');
}

/** True when the document holds no words and no pictures. */
export function isEmptyDoc(node: DocNode): boolean {
  const hasImage = (n: DocNode): boolean => n.type === 'image' || (n.content ?? []).some(hasImage);
  return plainTextOf(node).trim().length === 0 && !hasImage(node);
}
