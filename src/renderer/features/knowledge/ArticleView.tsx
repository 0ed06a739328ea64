/**
 * An article's body drawn from its JSON document into React elements, node by node. Nothing is ever
 * parsed as HTML (no innerHTML): a node or mark the view does not know is not drawn, a link whose
 * address is not http(s) or mailto stays plain text, and pictures come only from the article's own
 * documents. Headings sit two levels under the article's title (doc level 1 → <h3>).
 */
import { createElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isSafeHref } from './articleLinks.js';
import { DocumentImage } from './DocumentImage.js';

/** The shape every ProseMirror JSON node has; ArticleDoc (src/shared/knowledge/articleDoc.ts) is a stricter form. */
export interface DocNode {
  type: string;
  attrs?: Record<string, unknown> | undefined;
  content?: readonly DocNode[] | undefined;
  text?: string | undefined;
  marks?: readonly { type: string; attrs?: Record<string, unknown> | undefined }[] | undefined;
}

export interface ArticleDocumentInfo {
  id: string;
  name: string;
}

export function ArticleView({
  doc,
  documents,
  label,
}: {
  doc: DocNode;
  documents: readonly ArticleDocumentInfo[];
  label?: string;
}) {
  return (
    <div className="article-body" aria-label={label}>
      {renderChildren(doc.content, { documents })}
    </div>
  );
}

interface Context {
  documents: readonly ArticleDocumentInfo[];
}

function renderChildren(content: readonly DocNode[] | undefined, context: Context): ReactNode[] {
  return (content ?? []).map((node, index) => renderNode(node, index, context));
}

function renderNode(node: DocNode, key: number, context: Context): ReactNode {
  const children = () => renderChildren(node.content, context);
  switch (node.type) {
    case 'paragraph':
      return <p key={key}>{children()}</p>;
    case 'heading': {
      const level = typeof node.attrs?.level === 'number' ? Math.min(4, Math.max(1, Math.round(node.attrs.level))) : 1;
      return createElement(`h${level + 2}`, { key }, children());
    }
    case 'bulletList':
      return <ul key={key}>{children()}</ul>;
    case 'orderedList': {
      const start = typeof node.attrs?.start === 'number' && node.attrs.start > 1 ? node.attrs.start : undefined;
      return (
        <ol key={key} start={start}>
          {children()}
        </ol>
      );
    }
    case 'listItem':
      return <li key={key}>{children()}</li>;
    case 'blockquote':
      return <blockquote key={key}>{children()}</blockquote>;
    case 'hardBreak':
      return <br key={key} />;
    case 'image': {
      const documentId = node.attrs?.documentId;
      if (typeof documentId !== 'string') return null;
      const name = context.documents.find((d) => d.id === documentId)?.name ?? '';
      return <DocumentImage key={key} documentId={documentId} name={name} />;
    }
    case 'text':
      return <TextRun key={key} node={node} />;
    default:
      // Not an allowed node (the hub refuses them): drawn as nothing.
      return null;
  }
}

function TextRun({ node }: { node: DocNode }) {
  const { t } = useTranslation();
  let element: ReactNode = node.text ?? '';
  const marks = node.marks ?? [];
  // Bold and italic wrap the text first; a link wraps the whole run, so its name is the whole text.
  for (const mark of marks) {
    if (mark.type === 'bold') element = <strong>{element}</strong>;
    else if (mark.type === 'italic') element = <em>{element}</em>;
  }
  const link = marks.find((mark) => mark.type === 'link');
  const href = link?.attrs?.href;
  if (link && isSafeHref(href)) {
    element = (
      <a href={href.trim()} target="_blank" rel="noopener noreferrer" title={href.trim()}>
        {element}
        <span className="visually-hidden"> {t('knowledge.opensOutside')}</span>
      </a>
    );
  }
  return <>{element}</>;
}
