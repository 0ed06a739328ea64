/**
 * Team settings → Knowledge base: the article tree on the left (order, retire, restore, new articles at
 * any level) and the selected article's editor on the right. Leads only (the hub enforces it too).
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { ArticleSummary } from '../../../shared/knowledge/knowledgeContract.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { ArticleForm } from './ArticleForm.js';
import { buildTree, stepMove, type ArticleBranch } from './articleTree.js';
import { selectKnowledge } from './knowledgeSlice.js';
import { loadArticleTree, moveArticle, retireArticle } from './knowledgeThunks.js';
import './knowledge.css';

/** What the right side shows: an article, or a new one under a parent. */
type Editing = { kind: 'article'; id: string } | { kind: 'new'; parentId: string | null } | null;

export function KnowledgeTab() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { revision } = useAppSelector(selectKnowledge);
  const [articles, setArticles] = useState<ArticleSummary[] | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [showRetired, setShowRetired] = useState(true);
  const [dirty, setDirty] = useState(false);
  // A new form for every choice in the tree; saving a new article keeps its form (and its "Saved" note).
  const [formKey, setFormKey] = useState(0);

  const reload = useCallback(async () => {
    const action = await dispatch(loadArticleTree());
    if (loadArticleTree.fulfilled.match(action)) {
      setArticles(action.payload.articles);
      setError(null);
    } else setError(action.payload ?? { code: 'internal', message: action.error.message ?? '' });
  }, [dispatch]);

  useEffect(() => {
    void reload();
  }, [reload, revision]);

  function choose(next: Editing) {
    if (dirty && !window.confirm(t('knowledge.form.leaveUnsaved'))) return;
    setDirty(false);
    setEditing(next);
    setFormKey((key) => key + 1);
  }

  async function move(article: ArticleSummary, step: -1 | 1) {
    if (!articles) return;
    const input = stepMove(articles, article, step);
    if (!input) return;
    const action = await dispatch(moveArticle(input));
    if (!moveArticle.fulfilled.match(action))
      return setError(action.payload ?? { code: 'internal', message: action.error.message ?? '' });
    await reload();
  }

  async function retire(article: ArticleSummary) {
    const action = await dispatch(retireArticle({ articleId: article.id, retired: !article.retired }));
    if (!retireArticle.fulfilled.match(action))
      return setError(action.payload ?? { code: 'internal', message: action.error.message ?? '' });
    await reload();
  }

  const tree = articles ? buildTree(articles, showRetired) : [];
  const selectedId = editing?.kind === 'article' ? editing.id : null;

  return (
    <div className="knowledge-admin">
      <nav className="knowledge-tree" aria-label={t('knowledge.tab.tree')}>
        <div className="knowledge-tree-actions">
          <button type="button" className="button" onClick={() => choose({ kind: 'new', parentId: null })}>
            {t('knowledge.tab.newRoot')}
          </button>
          <label className="checkbox">
            <input type="checkbox" checked={showRetired} onChange={(e) => setShowRetired(e.target.checked)} />
            {t('knowledge.tab.showRetired')}
          </label>
        </div>
        <ErrorMessage error={error} />
        {articles === null && !error ? <p role="status">{t('knowledge.loading')}</p> : null}
        {articles && articles.length === 0 ? <p className="hint">{t('knowledge.tab.empty')}</p> : null}
        {tree.length > 0 ? (
          <TreeLevel
            branches={tree}
            articles={articles ?? []}
            selectedId={selectedId}
            onSelect={(id) => choose({ kind: 'article', id })}
            onMove={(a, step) => void move(a, step)}
          />
        ) : null}
      </nav>
      <div className="knowledge-editor-side">
        {editing === null ? (
          <p className="hint">{t('knowledge.tab.select')}</p>
        ) : (
          <ArticleForm
            key={formKey}
            articleId={editing.kind === 'article' ? editing.id : null}
            newParentId={editing.kind === 'new' ? editing.parentId : null}
            articles={articles ?? []}
            onDirty={setDirty}
            onSaved={(article) => {
              setDirty(false);
              setEditing({ kind: 'article', id: article.id });
              void reload();
            }}
            onNewChild={(parentId) => choose({ kind: 'new', parentId })}
            onRetire={(article) => void retire(article)}
          />
        )}
      </div>
    </div>
  );
}

function TreeLevel({
  branches,
  articles,
  selectedId,
  onSelect,
  onMove,
}: {
  branches: ArticleBranch[];
  articles: ArticleSummary[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  onMove: (article: ArticleSummary, step: -1 | 1) => void;
}) {
  const { t } = useTranslation();
  return (
    <ul className="knowledge-tree-level">
      {branches.map(({ article, children }, index) => (
        <li key={article.id}>
          <div className={article.id === selectedId ? 'knowledge-tree-row selected' : 'knowledge-tree-row'}>
            <button
              type="button"
              className="knowledge-tree-title"
              aria-current={article.id === selectedId ? 'true' : undefined}
              onClick={() => onSelect(article.id)}
            >
              {article.title || t('knowledge.tab.untitled')}
              {article.retired ? <span className="tag">{t('knowledge.retired')}</span> : null}
              <span className="tag subtle">{article.language.toUpperCase()}</span>
            </button>
            <button
              type="button"
              className="button subtle icon"
              aria-label={t('knowledge.tab.moveUp', { title: article.title })}
              title={t('knowledge.tab.moveUp', { title: article.title })}
              disabled={index === 0}
              onClick={() => onMove(article, -1)}
            >
              ↑
            </button>
            <button
              type="button"
              className="button subtle icon"
              aria-label={t('knowledge.tab.moveDown', { title: article.title })}
              title={t('knowledge.tab.moveDown', { title: article.title })}
              disabled={index === branches.length - 1}
              onClick={() => onMove(article, 1)}
            >
              ↓
            </button>
          </div>
          {children.length > 0 ? (
            <TreeLevel
              branches={children}
              articles={articles}
              selectedId={selectedId}
              onSelect={onSelect}
              onMove={onMove}
            />
          ) : null}
        </li>
      ))}
    </ul>
  );
}
