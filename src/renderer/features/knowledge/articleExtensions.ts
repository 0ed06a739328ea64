/**
 * The editor's schema: StarterKit cut down to what an article keeps (headings 1–4, lists, quotes,
 * bold, italic, links, hard breaks) and a picture node that points at one of the article's documents
 * by id — never at an outside address (the app's CSP and decision 0034).
 */
import { mergeAttributes, type Extensions } from '@tiptap/core';
import Image from '@tiptap/extension-image';
import { ReactNodeViewRenderer } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { isSafeHref } from './articleLinks.js';
import { EditorImageView } from './EditorImageView.js';

export const ArticleImage = Image.extend({
  addAttributes() {
    return {
      documentId: {
        default: null,
        parseHTML: (element: HTMLElement) => element.getAttribute('data-document-id'),
        renderHTML: (attributes: Record<string, unknown>) =>
          typeof attributes.documentId === 'string' ? { 'data-document-id': attributes.documentId } : {},
      },
    };
  },
  parseHTML() {
    // Only our own pictures come back from a copy inside the editor; pasted web pictures are dropped.
    return [{ tag: 'img[data-document-id]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['img', mergeAttributes(HTMLAttributes)];
  },
  addNodeView() {
    return ReactNodeViewRenderer(EditorImageView);
  },
}).configure({ inline: false, allowBase64: false });

export function articleExtensions(): Extensions {
  return [
    StarterKit.configure({
      heading: { levels: [1, 2, 3, 4] },
      code: false,
      codeBlock: false,
      strike: false,
      underline: false,
      horizontalRule: false,
      link: {
        openOnClick: false,
        // No autolink: an autolinked mark is inclusive, so words typed after a link would join it.
        autolink: false,
        linkOnPaste: true,
        protocols: ['mailto'],
        isAllowedUri: (url) => isSafeHref(url),
        HTMLAttributes: { rel: 'noopener noreferrer', target: null },
      },
    }),
    ArticleImage,
  ];
}
