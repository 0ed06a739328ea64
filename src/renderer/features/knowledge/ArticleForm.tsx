/**
 * One article in Team settings: title, language, where it sits, the text (TipTap), outside links,
 * documents, and its versions (read an old one, take its text back into the editor). Saving sends the
 * version the edit started from; when someone saved meanwhile the hub refuses (conflict, naming who)
 * and the typed text stays in the editor, with a choice to save it over theirs or load theirs.
 */
import type { JSONContent } from '@tiptap/core';
import { useEffect, useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../shared/errors.js';
import {
  KNOWLEDGE_DOCUMENT_MIMES,
  type Article,
  type ArticleDocument,
  type ArticleLanguage,
  type ArticleLink,
  type ArticleSummary,
  type ArticleVersion,
  type KnowledgeDocumentMime,
} from '../../../shared/knowledge/knowledgeContract.js';
import { emptyDoc } from '../../../shared/knowledge/articleDoc.js';
import { useAppDispatch } from '../../app/hooks.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { ArticleEditor } from './ArticleEditor.js';
import { isWebUrl } from './articleLinks.js';
import { parentChoices } from './articleTree.js';
import { conflictOf, type ConflictInfo } from './articleConflict.js';
import { ArticleView } from './ArticleView.js';
import { DocumentList } from './DocumentList.js';
import { base64Of, DOCUMENT_ACCEPT, DOCUMENT_LIMIT_BYTES, mimeOf } from './documentFiles.js';
import { articleDocOf, isEmptyDoc } from './editorDoc.js';
import { loadVersions, openArticle, saveArticle, uploadDocument } from './knowledgeThunks.js';

const failure = (action: { payload?: ErrorInfo | undefined; error: { message?: string | undefined } }): ErrorInfo =>
  action.payload ?? { code: 'internal', message: action.error.message ?? '' };

export function ArticleForm({
  articleId,
  newParentId,
  articles,
  onDirty,
  onSaved,
  onNewChild,
  onRetire,
}: {
  articleId: string | null;
  newParentId: string | null;
  articles: readonly ArticleSummary[];
  onDirty: (dirty: boolean) => void;
  onSaved: (article: Article) => void;
  onNewChild: (parentId: string) => void;
  onRetire: (article: ArticleSummary) => void;
}) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const id = useId();
  const [id0, setId0] = useState<string | null>(articleId);
  const [loading, setLoading] = useState(articleId !== null);
  const [title, setTitle] = useState('');
  const [language, setLanguage] = useState<ArticleLanguage>(i18n.language === 'ru' ? 'ru' : 'en');
  const [parentId, setParentId] = useState<string | null>(newParentId);
  const [links, setLinks] = useState<ArticleLink[]>([]);
  const [documents, setDocuments] = useState<ArticleDocument[]>([]);
  const [baseVersion, setBaseVersion] = useState<number | null>(null);
  const [initial, setInitial] = useState<JSONContent>(emptyDoc() as JSONContent);
  const [editorKey, setEditorKey] = useState(0);
  const [body, setBody] = useState<JSONContent>(emptyDoc() as JSONContent);
  const [saving, setSaving] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [conflict, setConflict] = useState<ConflictInfo | null>(null);
  const [versions, setVersions] = useState<ArticleVersion[]>([]);
  const [reading, setReading] = useState<Article | null>(null);
  const [linkTitle, setLinkTitle] = useState('');
  const [linkUrl, setLinkUrl] = useState('');
  const [linkProblem, setLinkProblem] = useState<string | null>(null);
  const [uploadNote, setUploadNote] = useState<string | null>(null);
  const [uploadError, setUploadError] = useState<ErrorInfo | string | null>(null);

  function fill(article: Article) {
    setId0(article.id);
    setTitle(article.title);
    setLanguage(article.language);
    setParentId(article.parentId);
    setLinks(article.links);
    setDocuments(article.documents);
    setBaseVersion(article.version);
    setInitial(article.doc as JSONContent);
    setBody(article.doc as JSONContent);
    setEditorKey((k) => k + 1);
  }

  async function load(targetId: string) {
    setLoading(true);
    const action = await dispatch(openArticle({ articleId: targetId }));
    setLoading(false);
    if (!openArticle.fulfilled.match(action)) return setError(failure(action));
    setError(null);
    fill(action.payload.article);
    void refreshVersions(targetId);
  }

  async function refreshVersions(targetId: string) {
    const action = await dispatch(loadVersions({ articleId: targetId }));
    if (loadVersions.fulfilled.match(action))
      setVersions([...action.payload.versions].sort((a, b) => b.version - a.version));
  }

  useEffect(() => {
    if (articleId) void load(articleId);
    // Loaded once per form: the tab remounts the form (key) for another article.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const changed = () => {
    onDirty(true);
    setNote(null);
  };

  async function save(event?: FormEvent, over?: number) {
    event?.preventDefault();
    if (!title.trim()) return setProblem(t('knowledge.form.titleMissing'));
    const doc = articleDocOf(body);
    if (isEmptyDoc(doc)) return setProblem(t('knowledge.form.bodyMissing'));
    setProblem(null);
    setSaving(true);
    const base = over ?? baseVersion;
    const action = await dispatch(
      saveArticle({
        ...(id0 ? { id: id0 } : {}),
        parentId,
        title: title.trim(),
        language,
        doc,
        links,
        ...(id0 && base !== null ? { baseVersion: base } : {}),
      }),
    );
    setSaving(false);
    if (!saveArticle.fulfilled.match(action)) {
      const info = failure(action);
      const clash = conflictOf(info);
      setConflict(clash);
      setError(clash ? null : info);
      return;
    }
    const article = action.payload;
    setConflict(null);
    setError(null);
    setId0(article.id);
    setBaseVersion(article.version);
    setDocuments(article.documents);
    setNote(t('knowledge.form.saved', { version: article.version }));
    onDirty(false);
    onSaved(article);
    void refreshVersions(article.id);
  }

  async function takeTheirs() {
    if (!id0) return;
    setConflict(null);
    onDirty(false);
    await load(id0);
  }

  async function upload(file: File): Promise<ArticleDocument | null> {
    if (!id0) return null;
    const mime = mimeOf(file.name, file.type);
    if (!(KNOWLEDGE_DOCUMENT_MIMES as readonly string[]).includes(mime)) {
      setUploadError(t('knowledge.form.badType', { name: file.name }));
      return null;
    }
    if (file.size > DOCUMENT_LIMIT_BYTES) {
      setUploadError(t('knowledge.form.tooLarge', { name: file.name, limit: Math.floor(DOCUMENT_LIMIT_BYTES / 1024) }));
      return null;
    }
    setUploadError(null);
    setUploadNote(t('knowledge.form.uploading', { name: file.name }));
    const dataBase64 = base64Of(new Uint8Array(await file.arrayBuffer()));
    const action = await dispatch(
      uploadDocument({
        articleId: id0,
        name: file.name,
        mime: mime as KnowledgeDocumentMime,
        dataBase64,
      }),
    );
    if (!uploadDocument.fulfilled.match(action)) {
      setUploadNote(null);
      const info = failure(action);
      // The hub read the first bytes and they are not what the name says (or not a kind it takes).
      const content = info.code === 'bad_request' && info.issues?.some((issue) => issue.path === 'dataBase64');
      setUploadError(content ? t('knowledge.form.notWhatItSays', { name: file.name }) : info);
      return null;
    }
    setDocuments((list) => [...list, action.payload]);
    setUploadNote(t('knowledge.form.uploaded', { name: action.payload.name }));
    return action.payload;
  }

  async function attach(event: ChangeEvent<HTMLInputElement>) {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    for (const file of files) await upload(file);
  }

  function addLink(event: FormEvent) {
    event.preventDefault();
    if (!linkTitle.trim()) return setLinkProblem(t('knowledge.form.linkTitleMissing'));
    if (!isWebUrl(linkUrl)) return setLinkProblem(t('knowledge.form.badUrl'));
    setLinkProblem(null);
    setLinks((list) => [...list, { title: linkTitle.trim(), url: linkUrl.trim() }]);
    setLinkTitle('');
    setLinkUrl('');
    changed();
  }

  async function readVersion(version: number) {
    if (!id0) return;
    const action = await dispatch(openArticle({ articleId: id0, version }));
    if (!openArticle.fulfilled.match(action)) return setError(failure(action));
    setReading(action.payload.article);
  }

  if (loading) return <p role="status">{t('knowledge.loading')}</p>;
  const current = id0 ? articles.find((a) => a.id === id0) : undefined;
  const choices = parentChoices(articles, id0);

  return (
    <section className="knowledge-form" aria-labelledby={`${id}-heading`}>
      <header className="knowledge-form-header">
        <h3 id={`${id}-heading`}>{id0 ? t('knowledge.form.heading') : t('knowledge.form.newHeading')}</h3>
        {baseVersion ? <span className="tag subtle">{t('knowledge.version', { version: baseVersion })}</span> : null}
        {current ? (
          <>
            <button type="button" className="button subtle" onClick={() => onNewChild(current.id)}>
              {t('knowledge.tab.newChild')}
            </button>
            <button type="button" className="button subtle" onClick={() => onRetire(current)}>
              {current.retired ? t('knowledge.tab.restore') : t('knowledge.tab.retire')}
            </button>
          </>
        ) : null}
      </header>
      {current?.retired ? <p className="hint">{t('knowledge.tab.retiredNote')}</p> : null}
      <ErrorMessage
        error={error}
        fieldLabels={{ title: t('knowledge.form.title'), doc: t('knowledge.form.body'), links: t('knowledge.links') }}
      />
      {error?.code === 'bad_request' && error.issues?.length ? (
        <ul className="field-error">
          {error.issues.map((issue, index) => (
            <li key={index}>{`${issue.path}: ${issue.message}`}</li>
          ))}
        </ul>
      ) : null}
      {conflict ? (
        <div className="knowledge-conflict" role="alert">
          <p>
            {conflict.who
              ? t('knowledge.form.conflict', { who: conflict.who, version: conflict.version ?? '?' })
              : t('knowledge.form.conflictUnknown')}
          </p>
          <div className="knowledge-conflict-actions">
            <button
              type="button"
              className="button primary"
              disabled={conflict.version === null || saving}
              onClick={() => void save(undefined, conflict.version ?? undefined)}
            >
              {t('knowledge.form.keepMine')}
            </button>
            <button type="button" className="button" onClick={() => void takeTheirs()}>
              {t('knowledge.form.takeTheirs')}
            </button>
          </div>
        </div>
      ) : null}
      <form className="knowledge-fields" onSubmit={(e) => void save(e)}>
        <label>
          {t('knowledge.form.title')}
          <input
            type="text"
            value={title}
            maxLength={200}
            required
            onChange={(e) => {
              setTitle(e.target.value);
              changed();
            }}
          />
        </label>
        <label>
          {t('knowledge.form.language')}
          <select
            value={language}
            onChange={(e) => {
              setLanguage(e.target.value as ArticleLanguage);
              changed();
            }}
          >
            <option value="ru">{t('knowledge.language.ru')}</option>
            <option value="en">{t('knowledge.language.en')}</option>
          </select>
        </label>
        <label>
          {t('knowledge.form.parent')}
          <select
            value={parentId ?? ''}
            onChange={(e) => {
              setParentId(e.target.value || null);
              changed();
            }}
          >
            <option value="">{t('knowledge.form.noParent')}</option>
            {choices.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {`${'\u2003'.repeat(choice.depth)}${choice.title}`}
              </option>
            ))}
          </select>
        </label>
        <div className="knowledge-body-field">
          <span className="field-label">{t('knowledge.form.body')}</span>
          <ArticleEditor
            key={editorKey}
            initial={initial}
            onChange={(json) => {
              setBody(json);
              changed();
            }}
            canInsertImage={id0 !== null}
            onInsertImage={async (file) => (await upload(file))?.id ?? null}
          />
        </div>
        {problem ? (
          <p className="error" role="alert">
            {problem}
          </p>
        ) : null}
        <div className="knowledge-save">
          <button type="submit" className="button primary" disabled={saving}>
            {saving ? t('knowledge.form.saving') : t('knowledge.form.save')}
          </button>
          <p className="admin-saved" role="status">
            {note ?? ''}
          </p>
        </div>
      </form>

      <section className="knowledge-links-edit" aria-labelledby={`${id}-links`}>
        <h4 id={`${id}-links`}>{t('knowledge.links')}</h4>
        {links.length > 0 ? (
          <ul>
            {links.map((link, index) => (
              <li key={`${link.url}-${index}`}>
                <span>{link.title}</span> <span className="hint">{link.url}</span>{' '}
                <button
                  type="button"
                  className="button subtle"
                  onClick={() => {
                    setLinks((list) => list.filter((_, i) => i !== index));
                    changed();
                  }}
                >
                  {t('knowledge.form.removeLink', { title: link.title })}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <form className="knowledge-link-add" onSubmit={addLink}>
          <label>
            {t('knowledge.form.linkTitle')}
            <input type="text" value={linkTitle} maxLength={200} onChange={(e) => setLinkTitle(e.target.value)} />
          </label>
          <label>
            {t('knowledge.form.linkUrl')}
            <input type="url" value={linkUrl} maxLength={2000} onChange={(e) => setLinkUrl(e.target.value)} />
          </label>
          <button type="submit" className="button">
            {t('knowledge.form.addLink')}
          </button>
        </form>
        {linkProblem ? (
          <p className="error" role="alert">
            {linkProblem}
          </p>
        ) : null}
      </section>

      <section className="knowledge-documents-edit" aria-labelledby={`${id}-docs`}>
        <h4 id={`${id}-docs`}>{t('knowledge.documents')}</h4>
        <DocumentList documents={documents} />
        {id0 ? (
          <label className="knowledge-attach">
            {t('knowledge.form.attach')}
            <input type="file" multiple accept={DOCUMENT_ACCEPT} onChange={(e) => void attach(e)} />
          </label>
        ) : (
          <p className="hint">{t('knowledge.form.attachFirst')}</p>
        )}
        <p role="status" className="hint">
          {uploadNote ?? ''}
        </p>
        {typeof uploadError === 'string' ? (
          <p className="error" role="alert">
            {uploadError}
          </p>
        ) : (
          <ErrorMessage error={uploadError} />
        )}
      </section>

      {id0 && versions.length > 0 ? (
        <section className="knowledge-versions" aria-labelledby={`${id}-versions`}>
          <h4 id={`${id}-versions`}>{t('knowledge.form.versions')}</h4>
          <ul>
            {versions.map((v) => (
              <li key={v.version}>
                <span>
                  {t('knowledge.form.versionRow', {
                    version: v.version,
                    when: new Date(v.savedAt).toLocaleString(i18n.language),
                    who: v.savedBy,
                  })}
                </span>{' '}
                <button type="button" className="button subtle" onClick={() => void readVersion(v.version)}>
                  {t('knowledge.form.openVersion', { version: v.version })}
                </button>
              </li>
            ))}
          </ul>
          {reading ? (
            <section
              className="knowledge-old-version"
              aria-label={t('knowledge.form.readingVersion', { version: reading.version })}
            >
              <h5>{t('knowledge.form.readingVersion', { version: reading.version })}</h5>
              <p className="knowledge-old-title">{reading.title}</p>
              <ArticleView doc={reading.doc} documents={reading.documents} />
              <div className="knowledge-conflict-actions">
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    setInitial(reading.doc as JSONContent);
                    setBody(reading.doc as JSONContent);
                    setTitle(reading.title);
                    setEditorKey((k) => k + 1);
                    setReading(null);
                    changed();
                  }}
                >
                  {t('knowledge.form.restoreVersion')}
                </button>
                <button type="button" className="button subtle" onClick={() => setReading(null)}>
                  {t('knowledge.form.closeVersion')}
                </button>
              </div>
            </section>
          ) : null}
        </section>
      ) : null}
    </section>
  );
}
