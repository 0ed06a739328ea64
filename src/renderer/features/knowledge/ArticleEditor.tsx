/**
 * The article editor (TipTap): a formatting toolbar (WAI-ARIA toolbar: buttons with aria-pressed) over
 * a rich-text box named "Article text". It reports every change as the editor's JSON; the form turns
 * it into an article document when it saves. Remount it (key) to load another article.
 */
import type { JSONContent } from '@tiptap/core';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import { useId, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isSafeHref } from './articleLinks.js';
import { articleExtensions } from './articleExtensions.js';
import { INLINE_IMAGE_TYPES } from './documentFiles.js';

export function ArticleEditor({
  initial,
  onChange,
  onInsertImage,
  canInsertImage,
}: {
  initial: JSONContent;
  onChange: (json: JSONContent) => void;
  /** Uploads the picture as the article's document; its id, or null when it was refused (the form says why). */
  onInsertImage: (file: File) => Promise<string | null>;
  canInsertImage: boolean;
}) {
  const { t } = useTranslation();
  const editor = useEditor({
    extensions: articleExtensions(),
    content: initial,
    // The app's CSP has no 'unsafe-inline' styles: knowledge.css carries the editor's few rules.
    injectCSS: false,
    editorProps: {
      attributes: {
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': t('knowledge.editor.body'),
        class: 'article-editor-content',
        spellcheck: 'true',
      },
    },
    onUpdate: ({ editor: current }) => onChange(current.getJSON()),
  });
  return (
    <div className="article-editor">
      <Toolbar editor={editor} onInsertImage={onInsertImage} canInsertImage={canInsertImage} />
      <EditorContent editor={editor} />
    </div>
  );
}

function Toolbar({
  editor,
  onInsertImage,
  canInsertImage,
}: {
  editor: Editor;
  onInsertImage: (file: File) => Promise<string | null>;
  canInsertImage: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [linking, setLinking] = useState<string | null>(null);
  const [linkProblem, setLinkProblem] = useState<string | null>(null);
  const [imageProblem, setImageProblem] = useState<string | null>(null);
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      link: e.isActive('link'),
      paragraph: e.isActive('paragraph'),
      h1: e.isActive('heading', { level: 1 }),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      h4: e.isActive('heading', { level: 4 }),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      blockquote: e.isActive('blockquote'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const chain = () => editor.chain().focus();
  const headingActive = [state.h1, state.h2, state.h3, state.h4];

  // Arrow keys move between the toolbar's buttons (WAI-ARIA toolbar pattern).
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    event.preventDefault();
    buttons[(index + (event.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
  }

  function applyLink() {
    const href = (linking ?? '').trim();
    if (!isSafeHref(href)) return setLinkProblem(t('knowledge.editor.badLink'));
    chain().extendMarkRange('link').setLink({ href }).run();
    setLinking(null);
    setLinkProblem(null);
  }

  async function pickImage(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (!(INLINE_IMAGE_TYPES as readonly string[]).includes(file.type)) {
      return setImageProblem(t('knowledge.editor.notImage', { name: file.name }));
    }
    setImageProblem(null);
    const documentId = await onInsertImage(file);
    if (documentId) chain().insertContent({ type: 'image', attrs: { documentId } }).run();
  }

  const button = (label: string, pressed: boolean | undefined, run: () => void, disabled = false) => (
    <button
      type="button"
      className={pressed ? 'button subtle pressed' : 'button subtle'}
      aria-pressed={pressed}
      disabled={disabled}
      onMouseDown={(event) => event.preventDefault()}
      onClick={run}
      title={label}
    >
      {label}
    </button>
  );

  return (
    <>
      <div className="article-toolbar" role="toolbar" aria-label={t('knowledge.editor.toolbar')} onKeyDown={onKeyDown}>
        {button(t('knowledge.editor.bold'), state.bold, () => chain().toggleBold().run())}
        {button(t('knowledge.editor.italic'), state.italic, () => chain().toggleItalic().run())}
        {button(t('knowledge.editor.paragraph'), state.paragraph, () => chain().setParagraph().run())}
        {([1, 2, 3, 4] as const).map((level) => (
          <span key={level}>
            {button(t('knowledge.editor.heading', { level }), headingActive[level - 1], () =>
              chain().toggleHeading({ level }).run(),
            )}
          </span>
        ))}
        {button(t('knowledge.editor.bulletList'), state.bulletList, () => chain().toggleBulletList().run())}
        {button(t('knowledge.editor.orderedList'), state.orderedList, () => chain().toggleOrderedList().run())}
        {button(t('knowledge.editor.blockquote'), state.blockquote, () => chain().toggleBlockquote().run())}
        {button(t('knowledge.editor.link'), state.link, () => {
          setLinkProblem(null);
          setLinking(String(editor.getAttributes('link').href ?? ''));
        })}
        {button(
          t('knowledge.editor.unlink'),
          undefined,
          () => chain().extendMarkRange('link').unsetLink().run(),
          !state.link,
        )}
        {button(t('knowledge.editor.image'), undefined, () => fileRef.current?.click(), !canInsertImage)}
        {button(t('knowledge.editor.undo'), undefined, () => chain().undo().run(), !state.canUndo)}
        {button(t('knowledge.editor.redo'), undefined, () => chain().redo().run(), !state.canRedo)}
        <input
          ref={fileRef}
          type="file"
          hidden
          accept={INLINE_IMAGE_TYPES.join(',')}
          aria-label={t('knowledge.editor.image')}
          onChange={(event) => void pickImage(event)}
        />
      </div>
      {!canInsertImage ? <p className="hint">{t('knowledge.editor.imageAttachFirst')}</p> : null}
      {imageProblem ? (
        <p className="error" role="alert">
          {imageProblem}
        </p>
      ) : null}
      {linking !== null ? (
        // Not a <form>: the editor sits inside the article's form, and forms do not nest.
        <div className="article-link-form" role="group" aria-label={t('knowledge.editor.link')}>
          <label htmlFor={`${id}-href`}>{t('knowledge.editor.linkPrompt')}</label>
          <input
            id={`${id}-href`}
            type="url"
            value={linking}
            autoFocus
            onChange={(event) => setLinking(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                applyLink();
              }
              if (event.key === 'Escape') {
                event.preventDefault();
                setLinking(null);
                editor.commands.focus();
              }
            }}
            aria-invalid={linkProblem ? true : undefined}
            aria-describedby={linkProblem ? `${id}-problem` : undefined}
          />
          <button type="button" className="button" onClick={applyLink}>
            {t('knowledge.editor.linkApply')}
          </button>
          <button type="button" className="button subtle" onClick={() => setLinking(null)}>
            {t('knowledge.editor.linkCancel')}
          </button>
          {linkProblem ? (
            <p className="error" role="alert" id={`${id}-problem`}>
              {linkProblem}
            </p>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
