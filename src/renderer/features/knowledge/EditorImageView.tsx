import { NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { DocumentImage } from './DocumentImage.js';

/** A picture inside the editor: drawn from the article's document like in the article view. */
export function EditorImageView({ node, selected }: ReactNodeViewProps) {
  const documentId: unknown = node.attrs.documentId;
  return (
    <NodeViewWrapper className={selected ? 'article-editor-image selected' : 'article-editor-image'}>
      {typeof documentId === 'string' ? <DocumentImage documentId={documentId} name="" /> : null}
    </NodeViewWrapper>
  );
}
