/**
 * An article's JSON document drawn as React elements, node by node (decision 0034). Nothing is ever
 * parsed as HTML (no innerHTML): a node or mark this does not know is not drawn, a link whose address
 * is not http(s) or mailto stays plain text, and pictures come only from the article's own documents
 * (the caller draws them). Headings sit two levels under the article's title (doc level 1 → <h3>).
 * Plain TypeScript (createElement), so it is tested without a DOM.
 */
import { createElement, Fragment, type ReactNode } from 'react';
import { isSafeHref } from './articleLinks.js';
import type { DocNode } from './docNode.js';

export interface DrawContext {
  /** The picture for one of the article's documents. */
  image: (documentId: string, key: number) => ReactNode;
  /** Said after a link's text to screen readers: "(opens in your browser)". */
  opensOutside: string;
}

export function articleElements(doc: DocNode, context: DrawContext): ReactNode[] {
  return children(doc.content, context);
}

function children(content: readonly DocNode[] | undefined, context: DrawContext): ReactNode[] {
  return (content ?? []).map((node, index) => drawNode(node, index, context));
}

function drawNode(node: DocNode, key: number, context: DrawContext): ReactNode {
  const inner = () => children(node.content, context);
  switch (node.type) {
    case 'paragraph':
      return createElement('p', { key }, ...inner());
    case 'heading': {
      const raw = node.attrs?.level;
      const level = typeof raw === 'number' ? Math.min(4, Math.max(1, Math.round(raw))) : 1;
      return createElement(`h${level + 2}`, { key }, ...inner());
    }
    case 'bulletList':
      return createElement('ul', { key }, ...inner());
    case 'orderedList': {
      const start = node.attrs?.start;
      return createElement(
        'ol',
        { key, start: typeof start === 'number' && start > 1 ? start : undefined },
        ...inner(),
      );
    }
    case 'listItem':
      return createElement('li', { key }, ...inner());
    case 'blockquote':
      return createElement('blockquote', { key }, ...inner());
    case 'hardBreak':
      return createElement('br', { key });
    case 'image': {
      const documentId = node.attrs?.documentId;
      return typeof documentId === 'string' ? context.image(documentId, key) : null;
    }
    case 'text':
      return drawText(node, key, context);
    default:
      // Not an allowed node (the hub refuses them): drawn as nothing.
      return null;
  }
}

function drawText(node: DocNode, key: number, context: DrawContext): ReactNode {
  let element: ReactNode = node.text ?? '';
  const marks = node.marks ?? [];
  // Bold and italic wrap the text first; a link wraps the whole run, so its name is the whole text.
  for (const mark of marks) {
    if (mark.type === 'bold') element = createElement('strong', null, element);
    else if (mark.type === 'italic') element = createElement('em', null, element);
  }
  const link = marks.find((mark) => mark.type === 'link');
  const href = link?.attrs?.href;
  if (link && isSafeHref(href)) {
    element = createElement(
      'a',
      { href: href.trim(), target: '_blank', rel: 'noopener noreferrer', title: href.trim() },
      element,
      createElement('span', { className: 'visually-hidden' }, ` ${context.opensOutside}`),
    );
  }
  return createElement(Fragment, { key }, element);
}
