/**
 * A knowledge-base article's body (decision 0034): a TipTap/ProseMirror JSON document made only of the
 * nodes and marks below. No HTML is ever stored; the renderer turns this JSON into React elements.
 * Anything else — an unknown node ('script'), a javascript: link, an unknown attribute — is refused
 * with a message naming it and where it is (the path into the document).
 */
import { z } from 'zod';

/** The longest document the hub takes (its JSON), well inside one 1 MiB contract frame. */
export const ARTICLE_DOC_MAX_CHARS = 400_000;
/** How deep lists and quotes may nest. */
export const ARTICLE_DOC_MAX_DEPTH = 24;
export const ARTICLE_TEXT_MAX_CHARS = 100_000;
export const LINK_HREF_MAX_CHARS = 2000;

export type Mark =
  | { type: 'bold' }
  | { type: 'italic' }
  | {
      type: 'link';
      attrs: {
        href: string;
        target?: string | null;
        rel?: string | null;
        class?: string | null;
        title?: string | null;
      };
    };

export interface TextNode {
  type: 'text';
  text: string;
  marks?: Mark[];
}
export interface HardBreakNode {
  type: 'hardBreak';
}
/** An image is always one of the article's uploaded documents (never an outside URL: the app's CSP). */
export interface ImageNode {
  type: 'image';
  attrs: { documentId: string; alt?: string | null; title?: string | null };
}
export type InlineNode = TextNode | HardBreakNode | ImageNode;

export interface ParagraphNode {
  type: 'paragraph';
  content?: InlineNode[];
}
export interface HeadingNode {
  type: 'heading';
  attrs: { level: 1 | 2 | 3 | 4 };
  content?: InlineNode[];
}
export interface ListItemNode {
  type: 'listItem';
  content: BlockNode[];
}
export interface BulletListNode {
  type: 'bulletList';
  content: ListItemNode[];
}
export interface OrderedListNode {
  type: 'orderedList';
  attrs?: { start?: number; type?: string | null };
  content: ListItemNode[];
}
export interface BlockquoteNode {
  type: 'blockquote';
  content: BlockNode[];
}
export type BlockNode = ParagraphNode | HeadingNode | BulletListNode | OrderedListNode | BlockquoteNode | ImageNode;

export interface ArticleDocT {
  type: 'doc';
  content: BlockNode[];
}
export type ArticleNode = ArticleDocT | BlockNode | InlineNode | ListItemNode;

/** A link's address: http(s) or mailto only. */
export function isAllowedHref(href: string): boolean {
  if (href.length > LINK_HREF_MAX_CHARS) return false;
  return /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i.test(href.trim());
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Kind = 'block' | 'inline' | 'listItem';
interface NodeRule {
  /** What the node may hold; null: no content. */
  content: Kind | null;
  /** Allowed attribute names with their checks (a message when wrong). */
  attrs: Record<string, (value: unknown) => string | null>;
  /** Attributes that must be present. */
  required?: string[];
}

const optionalText = (max: number) => (v: unknown) =>
  v === null || v === undefined || (typeof v === 'string' && v.length <= max)
    ? null
    : `must be text up to ${max} characters`;

const RULES: Record<string, NodeRule & { kind: Kind | 'doc' }> = {
  doc: { kind: 'doc', content: 'block', attrs: {} },
  paragraph: { kind: 'block', content: 'inline', attrs: { textAlign: optionalText(10) } },
  heading: {
    kind: 'block',
    content: 'inline',
    attrs: {
      level: (v) => ([1, 2, 3, 4].includes(v as number) ? null : 'must be 1, 2, 3 or 4'),
      textAlign: optionalText(10),
    },
    required: ['level'],
  },
  bulletList: { kind: 'block', content: 'listItem', attrs: {} },
  orderedList: {
    kind: 'block',
    content: 'listItem',
    attrs: {
      start: (v) =>
        v === undefined || (Number.isInteger(v) && (v as number) >= 0 && (v as number) < 1e6)
          ? null
          : 'must be a whole number',
      type: optionalText(10),
    },
  },
  listItem: { kind: 'listItem', content: 'block', attrs: {} },
  blockquote: { kind: 'block', content: 'block', attrs: {} },
  hardBreak: { kind: 'inline', content: null, attrs: {} },
  image: {
    kind: 'inline',
    content: null,
    attrs: {
      documentId: (v) =>
        typeof v === 'string' && UUID.test(v) ? null : "must be the id of one of the article's documents",
      alt: optionalText(500),
      title: optionalText(500),
    },
    required: ['documentId'],
  },
};

const MARK_RULES: Record<string, Record<string, (value: unknown) => string | null>> = {
  bold: {},
  italic: {},
  link: {
    href: (v) => (typeof v === 'string' && isAllowedHref(v) ? null : 'must be an http(s) or mailto address'),
    target: optionalText(20),
    rel: optionalText(100),
    class: optionalText(100),
    title: optionalText(500),
  },
};

export interface DocProblem {
  path: (string | number)[];
  message: string;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Where a path points, for messages: "content[2].content[0]". */
export function docPathText(path: (string | number)[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out || 'the document';
}

/** Every problem of a would-be article document (empty: it is fine). Stops after 20 problems. */
export function checkArticleDoc(value: unknown): DocProblem[] {
  const problems: DocProblem[] = [];
  const add = (path: (string | number)[], message: string) => {
    if (problems.length < 20) problems.push({ path, message });
  };
  if (!isObject(value) || value.type !== 'doc') {
    add(['type'], "the article's body must be a document (type 'doc')");
    return problems;
  }
  let chars: number;
  try {
    chars = JSON.stringify(value).length;
  } catch {
    add([], 'the document is not plain JSON');
    return problems;
  }
  if (chars > ARTICLE_DOC_MAX_CHARS) {
    add([], `the document is too long (${chars} characters; at most ${ARTICLE_DOC_MAX_CHARS})`);
    return problems;
  }
  const visit = (node: unknown, path: (string | number)[], expected: Kind | 'doc', depth: number): void => {
    if (problems.length >= 20) return;
    const where = docPathText(path);
    if (!isObject(node)) return add(path, `${where}: a node must be an object`);
    if (depth > ARTICLE_DOC_MAX_DEPTH) return add(path, `${where}: nested deeper than ${ARTICLE_DOC_MAX_DEPTH} levels`);
    const type = node.type;
    if (type === 'text') {
      if (expected !== 'inline')
        return add([...path, 'type'], `${where}: text is not allowed here (only inside a paragraph or heading)`);
      for (const key of Object.keys(node)) {
        if (!['type', 'text', 'marks'].includes(key))
          add([...path, key], `${docPathText([...path, key])}: unknown field '${key}' on text`);
      }
      if (typeof node.text !== 'string' || node.text.length === 0)
        add([...path, 'text'], `${where}: text must be a non-empty string`);
      if (node.marks !== undefined) {
        if (!Array.isArray(node.marks)) return add([...path, 'marks'], `${where}: marks must be a list`);
        node.marks.forEach((mark, i) => {
          const markPath = [...path, 'marks', i];
          const markWhere = docPathText(markPath);
          if (!isObject(mark) || typeof mark.type !== 'string')
            return add(markPath, `${markWhere}: a mark must be an object with a type`);
          const rule = MARK_RULES[mark.type];
          if (!rule)
            return add(
              [...markPath, 'type'],
              `${markWhere}: mark '${mark.type}' is not allowed (allowed: bold, italic, link)`,
            );
          for (const key of Object.keys(mark)) {
            if (key !== 'type' && key !== 'attrs')
              add(
                [...markPath, key],
                `${docPathText([...markPath, key])}: unknown field '${key}' on mark '${mark.type}'`,
              );
          }
          checkAttrs(
            mark.attrs,
            rule,
            mark.type === 'link' ? ['href'] : [],
            [...markPath, 'attrs'],
            `mark '${mark.type}'`,
          );
        });
      }
      return;
    }
    if (typeof type !== 'string') return add([...path, 'type'], `${where}: a node needs a type`);
    const rule = RULES[type];
    if (!rule)
      return add(
        [...path, 'type'],
        `${where}: node '${type}' is not allowed (allowed: ${Object.keys(RULES)
          .filter((t) => t !== 'doc')
          .join(', ')}, text)`,
      );
    const fits =
      rule.kind === expected ||
      // an image may stand alone as a block as well as inline
      (type === 'image' && expected === 'block');
    if (!fits) return add([...path, 'type'], `${where}: node '${type}' is not allowed here`);
    for (const key of Object.keys(node)) {
      if (!['type', 'attrs', 'content'].includes(key))
        add([...path, key], `${docPathText([...path, key])}: unknown field '${key}' on '${type}'`);
    }
    checkAttrs(node.attrs, rule.attrs, rule.required ?? [], [...path, 'attrs'], `'${type}'`);
    if (node.content !== undefined) {
      if (rule.content === null) return add([...path, 'content'], `${where}: '${type}' cannot hold content`);
      if (!Array.isArray(node.content)) return add([...path, 'content'], `${where}: content must be a list`);
      node.content.forEach((child, i) => visit(child, [...path, 'content', i], rule.content as Kind, depth + 1));
    }
  };
  const checkAttrs = (
    attrs: unknown,
    allowed: Record<string, (value: unknown) => string | null>,
    required: string[],
    path: (string | number)[],
    what: string,
  ) => {
    const where = docPathText(path);
    if (attrs === undefined || attrs === null) {
      if (required.length > 0) add(path, `${where}: ${what} needs ${required.join(', ')}`);
      return;
    }
    if (!isObject(attrs)) return add(path, `${where}: attributes must be an object`);
    for (const [key, v] of Object.entries(attrs)) {
      const check = allowed[key];
      if (!check) {
        add([...path, key], `${docPathText([...path, key])}: unknown attribute '${key}' on ${what}`);
        continue;
      }
      const wrong = check(v);
      if (wrong) add([...path, key], `${docPathText([...path, key])}: ${key} ${wrong}`);
    }
    for (const key of required) {
      if (!(key in attrs)) add([...path, key], `${docPathText([...path, key])}: ${what} needs ${key}`);
    }
  };
  visit(value, [], 'doc', 0);
  return problems;
}

/** The article body in the contract and on the wire; checked node by node (see checkArticleDoc). */
export const ArticleDoc = z.custom<ArticleDocT>().superRefine((value, ctx) => {
  for (const problem of checkArticleDoc(value)) {
    ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
  }
});
export type ArticleDoc = ArticleDocT;

/** An empty article body. */
export function emptyDoc(): ArticleDocT {
  return { type: 'doc', content: [{ type: 'paragraph' }] };
}

const BLOCKS = new Set(['paragraph', 'heading', 'listItem', 'blockquote', 'bulletList', 'orderedList']);

/** The document's plain text (blocks on their own lines), for search and snippets. */
export function docPlainText(doc: ArticleDocT): string {
  const lines: string[] = [];
  let line = '';
  const walk = (node: ArticleNode): void => {
    if (node.type === 'text') {
      line += node.text;
      return;
    }
    if (node.type === 'hardBreak') {
      line += '\n';
      return;
    }
    if (node.type === 'image') {
      if (node.attrs.alt) line += ` ${node.attrs.alt} `;
      return;
    }
    const content = (node as { content?: ArticleNode[] }).content ?? [];
    for (const child of content) walk(child);
    if (BLOCKS.has(node.type) && line.trim()) {
      lines.push(line.trim());
      line = '';
    }
  };
  walk(doc);
  if (line.trim()) lines.push(line.trim());
  return lines.join('\n').slice(0, ARTICLE_TEXT_MAX_CHARS);
}

/** The distinct link addresses the document's text points to. */
export function docLinkHrefs(doc: ArticleDocT): string[] {
  const out = new Set<string>();
  const walk = (node: ArticleNode): void => {
    if (node.type === 'text') {
      for (const mark of node.marks ?? []) if (mark.type === 'link') out.add(mark.attrs.href);
      return;
    }
    for (const child of (node as { content?: ArticleNode[] }).content ?? []) walk(child);
  };
  walk(doc);
  return [...out];
}

/** The document ids the document's images show. */
export function docImageIds(doc: ArticleDocT): string[] {
  const out = new Set<string>();
  const walk = (node: ArticleNode): void => {
    if (node.type === 'image') out.add(node.attrs.documentId);
    for (const child of (node as { content?: ArticleNode[] }).content ?? []) walk(child);
  };
  walk(doc);
  return [...out];
}
