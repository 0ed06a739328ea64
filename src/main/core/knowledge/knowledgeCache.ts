/**
 * The core's copy of the knowledge base in the local cache (decision 0034, core migration 7): the
 * current version of each article, searched with the same FTS5 terms and ranking as on the hub,
 * small documents, the pull cursor and openings waiting to reach the hub.
 */
import { docPlainText, type ArticleDoc } from '../../../shared/knowledge/articleDoc.js';
import type {
  Article,
  ArticleDocument,
  ArticleLanguage,
  ArticleLink,
  ArticleSummary,
  DocumentContent,
} from '../../../shared/knowledge/knowledgeContract.js';
import { articleIndexTerms, BODY_WEIGHT, TITLE_WEIGHT } from '../../../shared/knowledge/knowledgeSearch.js';
import type { SqliteDatabase } from '../store/sqlite.js';

interface Row {
  pk: number;
  id: string;
  parent_id: string | null;
  position: number;
  title: string;
  language: ArticleLanguage;
  version: number;
  updated_at: number;
  retired: number;
  updated_by: string;
  doc: string | null;
  plain_text: string;
  links: string;
  documents: string;
}

export interface PendingOpen {
  id: string;
  hubUrl: string;
  agentId: string;
  articleId: string;
  threadId: string;
  version: number;
  openedAt: number;
}

function summaryOf(row: Row): ArticleSummary {
  return {
    id: row.id,
    parentId: row.parent_id,
    title: row.title,
    language: row.language,
    position: row.position,
    version: row.version,
    updatedAt: row.updated_at,
    retired: row.retired === 1,
  };
}

export interface KnowledgeCache {
  /** Stores articles as the hub sent them (current versions); retired ones lose their text. */
  apply(articles: readonly Article[], cursor: number): void;
  tree(): ArticleSummary[];
  /** The cached article, or null (unknown, or retired so not kept). */
  article(id: string): Article | null;
  summary(id: string): ArticleSummary | null;
  /** `match` from articleQuery()/suggestionQuery(); best first, retired left out. */
  search(match: string, limit: number): { article: ArticleSummary; plainText: string }[];
  cursor(): number;
  /** The hub the copy came from; another hub means starting over. */
  hubUrl(): string | null;
  /** Forgets the copy (articles, index, documents, cursor) for `hubUrl`; pending openings stay. */
  reset(hubUrl: string): void;
  document(id: string): DocumentContent | null;
  putDocument(id: string, content: DocumentContent, now: number): void;
  addOpen(open: PendingOpen): void;
  pendingOpens(): PendingOpen[];
  removeOpen(id: string): void;
  countOpens(): number;
}

export function createKnowledgeCache(db: SqliteDatabase): KnowledgeCache {
  const s = {
    byId: db.prepare('SELECT * FROM kb_articles WHERE id = ?'),
    all: db.prepare(
      `SELECT pk, id, parent_id, position, title, language, version, updated_at, retired, updated_by, NULL AS doc,
              '' AS plain_text, '[]' AS links, '[]' AS documents
       FROM kb_articles ORDER BY parent_id IS NOT NULL, parent_id, position, pk`,
    ),
    upsert: db.prepare(`
      INSERT INTO kb_articles (id, parent_id, position, title, language, version, updated_at, retired, updated_by, doc,
                               plain_text, links, documents)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, position = excluded.position,
        title = excluded.title, language = excluded.language, version = excluded.version,
        updated_at = excluded.updated_at, retired = excluded.retired, updated_by = excluded.updated_by,
        doc = excluded.doc, plain_text = excluded.plain_text, links = excluded.links, documents = excluded.documents
      RETURNING pk`),
    unindex: db.prepare('DELETE FROM kb_search WHERE rowid = ?'),
    index: db.prepare('INSERT INTO kb_search (rowid, title, body) VALUES (?, ?, ?)'),
    // The best `limit` rows are picked inside FTS5 first; only they are read (retired ones are never indexed).
    search: db.prepare(`
      SELECT a.pk, a.id, a.parent_id, a.position, a.title, a.language, a.version, a.updated_at, a.retired,
             a.updated_by, NULL AS doc, a.plain_text, '[]' AS links, '[]' AS documents
      FROM (SELECT rowid, bm25(kb_search, ${TITLE_WEIGHT}.0, ${BODY_WEIGHT}.0) AS score FROM kb_search
            WHERE kb_search MATCH ? ORDER BY score LIMIT ?) h
      JOIN kb_articles a ON a.pk = h.rowid
      WHERE a.retired = 0
      ORDER BY h.score, a.pk`),
    getState: db.prepare('SELECT value FROM kb_state WHERE key = ?'),
    setState: db.prepare(
      'INSERT INTO kb_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
    clearArticles: db.prepare('DELETE FROM kb_articles'),
    clearSearch: db.prepare('DELETE FROM kb_search'),
    clearDocuments: db.prepare('DELETE FROM kb_documents'),
    document: db.prepare('SELECT name, mime, data FROM kb_documents WHERE id = ?'),
    putDocument: db.prepare(
      'INSERT OR REPLACE INTO kb_documents (id, name, mime, data, cached_at) VALUES (?, ?, ?, ?, ?)',
    ),
    addOpen: db.prepare(
      `INSERT OR IGNORE INTO kb_pending_opens (id, hub_url, agent_id, article_id, thread_id, version, opened_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    opens: db.prepare('SELECT * FROM kb_pending_opens ORDER BY position'),
    removeOpen: db.prepare('DELETE FROM kb_pending_opens WHERE id = ?'),
    countOpens: db.prepare('SELECT count(*) AS n FROM kb_pending_opens'),
  };
  const state = (key: string): string | null => (s.getState.get(key) as { value: string } | undefined)?.value ?? null;

  const toArticle = (row: Row): Article | null =>
    row.doc === null || row.retired === 1
      ? null
      : {
          ...summaryOf(row),
          doc: JSON.parse(row.doc) as ArticleDoc,
          links: JSON.parse(row.links) as ArticleLink[],
          documents: JSON.parse(row.documents) as ArticleDocument[],
          updatedBy: row.updated_by,
        };

  return {
    apply: db.transaction((articles: readonly Article[], cursor: number) => {
      for (const article of articles) {
        const plain = article.retired ? '' : docPlainText(article.doc);
        const { pk } = s.upsert.get(
          article.id,
          article.parentId,
          article.position,
          article.title,
          article.language,
          article.version,
          article.updatedAt,
          article.retired ? 1 : 0,
          article.updatedBy,
          article.retired ? null : JSON.stringify(article.doc),
          plain,
          article.retired ? '[]' : JSON.stringify(article.links),
          article.retired ? '[]' : JSON.stringify(article.documents),
        ) as { pk: number };
        s.unindex.run(pk);
        if (!article.retired) {
          const terms = articleIndexTerms(article.title, plain);
          s.index.run(pk, terms.title, terms.body);
        }
      }
      s.setState.run('cursor', String(cursor));
    }),
    tree: () => (s.all.all() as Row[]).map(summaryOf),
    article(id) {
      const row = s.byId.get(id) as Row | undefined;
      return row ? toArticle(row) : null;
    },
    summary(id) {
      const row = s.byId.get(id) as Row | undefined;
      return row ? summaryOf(row) : null;
    },
    search: (match, limit) =>
      (s.search.all(match, limit) as Row[]).map((row) => ({ article: summaryOf(row), plainText: row.plain_text })),
    cursor: () => Number(state('cursor') ?? 0),
    hubUrl: () => state('hub_url'),
    reset: db.transaction((hubUrl: string) => {
      s.clearArticles.run();
      s.clearSearch.run();
      s.clearDocuments.run();
      s.setState.run('cursor', '0');
      s.setState.run('hub_url', hubUrl);
    }),
    document(id) {
      const row = s.document.get(id) as { name: string; mime: string; data: Buffer } | undefined;
      return row ? { name: row.name, mime: row.mime, dataBase64: Buffer.from(row.data).toString('base64') } : null;
    },
    putDocument(id, content, now) {
      s.putDocument.run(id, content.name, content.mime, Buffer.from(content.dataBase64, 'base64'), now);
    },
    addOpen(open) {
      s.addOpen.run(open.id, open.hubUrl, open.agentId, open.articleId, open.threadId, open.version, open.openedAt);
    },
    pendingOpens: () =>
      (
        s.opens.all() as {
          id: string;
          hub_url: string;
          agent_id: string;
          article_id: string;
          thread_id: string;
          version: number;
          opened_at: number;
        }[]
      ).map((r) => ({
        id: r.id,
        hubUrl: r.hub_url,
        agentId: r.agent_id,
        articleId: r.article_id,
        threadId: r.thread_id,
        version: r.version,
        openedAt: r.opened_at,
      })),
    removeOpen: (id) => void s.removeOpen.run(id),
    countOpens: () => (s.countOpens.get() as { n: number }).n,
  };
}
