/** The shape every ProseMirror JSON node has; ArticleDoc (src/shared/knowledge/articleDoc.ts) is a stricter form of it. */
export interface DocNode {
  type: string;
  attrs?: Record<string, unknown> | undefined;
  content?: readonly DocNode[] | undefined;
  text?: string | undefined;
  marks?: readonly { type: string; attrs?: Record<string, unknown> | undefined }[] | undefined;
}
