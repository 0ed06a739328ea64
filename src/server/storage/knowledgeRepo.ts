/**
 * The knowledge base's tables (decision 0034): the article tree, every saved version, the documents
 * and the FTS5 index of current versions. Versions are only ever added.
 */
import type { ArticleDoc } from '../../shared/knowledge/articleDoc.js';
import type {
  ArticleDocument,
  ArticleLanguage,
  ArticleLink,
  ArticleSummary,
  ArticleVersion,
} from '../../shared/knowledge/knowledgeContract.js';
import { articleIndexTerms } from '../../shared/knowledge/knowledgeSearch.js';
import { ftsToTsquery, knowledgeSearchSql } from './knowledgeSearchSql.js';
import type { Database } from './database.js';

interface ArticleRow {
  pk: number;
  id: string;
  parent_id: string | null;
  position: number;
  title: string;
  language: ArticleLanguage;
  version: number;
  retired_at: number | null;
  updated_at: number;
  change_seq: number;
}

interface VersionRow {
  article_id: string;
  version: number;
  title: string;
  language: ArticleLanguage;
  doc: string;
  plain_text: string;
  links: string;
  saved_by: string | null;
  saved_by_name: string;
  saved_at: number;
}

export interface StoredArticle extends ArticleSummary {
  pk: number;
  changeSeq: number;
}

export interface StoredVersion {
  articleId: string;
  version: number;
  title: string;
  language: ArticleLanguage;
  doc: ArticleDoc;
  plainText: string;
  links: ArticleLink[];
  savedBy: string | null;
  savedByName: string;
  savedAt: number;
}

export interface SearchRow {
  article: StoredArticle;
  plainText: string;
}

function toArticle(row: ArticleRow): StoredArticle {
  return {
    pk: row.pk,
    id: row.id,
    parentId: row.parent_id,
    title: row.title,
    language: row.language,
    position: row.position,
    version: row.version,
    updatedAt: row.updated_at,
    retired: row.retired_at !== null,
    changeSeq: row.change_seq,
  };
}

function toVersion(row: VersionRow): StoredVersion {
  return {
    articleId: row.article_id,
    version: row.version,
    title: row.title,
    language: row.language,
    doc: JSON.parse(row.doc) as ArticleDoc,
    plainText: row.plain_text,
    links: JSON.parse(row.links) as ArticleLink[],
    savedBy: row.saved_by,
    savedByName: row.saved_by_name,
    savedAt: row.saved_at,
  };
}

/** An article's summary as the contract has it (no storage keys). */
export function summaryOf(article: StoredArticle): ArticleSummary {
  return {
    id: article.id,
    parentId: article.parentId,
    title: article.title,
    language: article.language,
    position: article.position,
    version: article.version,
    updatedAt: article.updatedAt,
    retired: article.retired,
  };
}

export class KnowledgeRepo {
  private readonly s;

  constructor(private readonly db: Database) {
    const ARTICLE = 'pk, id, parent_id, position, title, language, version, retired_at, updated_at, change_seq';
    this.s = {
      all: db.prepare(`SELECT ${ARTICLE} FROM kb_articles ORDER BY parent_id IS NOT NULL, parent_id, position, pk`),
      byId: db.prepare(`SELECT ${ARTICLE} FROM kb_articles WHERE id = ?`),
      children: db.prepare(`SELECT ${ARTICLE} FROM kb_articles WHERE parent_id IS ? ORDER BY position, pk`),
      nextSeq: db.prepare('SELECT coalesce(max(change_seq), 0) + 1 AS seq FROM kb_articles'),
      insert: db.prepare(
        `INSERT INTO kb_articles (id, parent_id, position, title, language, version, retired_at, created_at, updated_at, change_seq)
         VALUES (?, ?, ?, ?, ?, 1, NULL, ?, ?, ?)`,
      ),
      setCurrent: db.prepare(
        'UPDATE kb_articles SET title = ?, language = ?, version = ?, updated_at = ?, change_seq = ? WHERE id = ?',
      ),
      setPlace: db.prepare(
        'UPDATE kb_articles SET parent_id = ?, position = ?, updated_at = ?, change_seq = ? WHERE id = ?',
      ),
      setPosition: db.prepare('UPDATE kb_articles SET position = ? WHERE id = ?'),
      setRetired: db.prepare('UPDATE kb_articles SET retired_at = ?, updated_at = ?, change_seq = ? WHERE id = ?'),
      insertVersion: db.prepare(
        `INSERT INTO kb_article_versions (article_id, version, title, language, doc, plain_text, links, saved_by, saved_by_name, saved_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      version: db.prepare('SELECT * FROM kb_article_versions WHERE article_id = ? AND version = ?'),
      versions: db.prepare(
        'SELECT version, title, saved_by_name, saved_at FROM kb_article_versions WHERE article_id = ? ORDER BY version DESC',
      ),
      documents: db.prepare(
        'SELECT id, name, mime, size FROM kb_documents WHERE article_id = ? ORDER BY uploaded_at, id',
      ),
      document: db.prepare('SELECT id, article_id, name, mime, size, data FROM kb_documents WHERE id = ?'),
      insertDocument: db.prepare(
        `INSERT INTO kb_documents (id, article_id, name, mime, size, sha256, data, uploaded_by, uploaded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      unindex: db.prepare('DELETE FROM kb_search WHERE rowid = ?'),
      index: db.prepare('INSERT INTO kb_search (rowid, title, body) VALUES (?, ?, ?)'),
      search: db.prepare(knowledgeSearchSql(db.engine)),
      changesAfter: db.prepare(`SELECT ${ARTICLE} FROM kb_articles WHERE change_seq > ? ORDER BY change_seq LIMIT ?`),
      eventExists: db.prepare('SELECT 1 FROM thread_events WHERE id = ?'),
    };
  }

  all(): StoredArticle[] {
    return (this.s.all.all() as ArticleRow[]).map(toArticle);
  }

  byId(id: string): StoredArticle | null {
    const row = this.s.byId.get(id) as ArticleRow | undefined;
    return row ? toArticle(row) : null;
  }

  children(parentId: string | null): StoredArticle[] {
    return (this.s.children.all(parentId) as ArticleRow[]).map(toArticle);
  }

  private nextSeq(): number {
    return (this.s.nextSeq.get() as { seq: number }).seq;
  }

  /** Adds an article with its first version (call inside a transaction). */
  create(
    article: { id: string; parentId: string | null; position: number; title: string; language: ArticleLanguage },
    version: Omit<StoredVersion, 'articleId' | 'version' | 'title' | 'language'>,
    now: number,
  ): void {
    this.s.insert.run(
      article.id,
      article.parentId,
      article.position,
      article.title,
      article.language,
      now,
      now,
      this.nextSeq(),
    );
    this.addVersion({
      ...version,
      articleId: article.id,
      version: 1,
      title: article.title,
      language: article.language,
    });
  }

  /** Adds a version and makes it current (call inside a transaction). */
  saveVersion(version: StoredVersion, now: number): void {
    this.addVersion(version);
    this.s.setCurrent.run(version.title, version.language, version.version, now, this.nextSeq(), version.articleId);
  }

  private addVersion(v: StoredVersion): void {
    this.s.insertVersion.run(
      v.articleId,
      v.version,
      v.title,
      v.language,
      JSON.stringify(v.doc),
      v.plainText,
      JSON.stringify(v.links),
      v.savedBy,
      v.savedByName,
      v.savedAt,
    );
  }

  place(id: string, parentId: string | null, position: number, now: number): void {
    this.s.setPlace.run(parentId, position, now, this.nextSeq(), id);
  }

  /** Numbers siblings 0, 1, 2… in the given order (positions only; not a change the caches need). */
  renumber(ids: readonly string[]): void {
    ids.forEach((id, position) => this.s.setPosition.run(position, id));
  }

  setRetired(id: string, retiredAt: number | null, now: number): void {
    this.s.setRetired.run(retiredAt, now, this.nextSeq(), id);
  }

  /** Marks an article changed (its place among siblings moved) so caches pull it again. */
  touch(id: string, now: number): void {
    const article = this.byId(id);
    if (article) this.s.setPlace.run(article.parentId, article.position, now, this.nextSeq(), id);
  }

  version(articleId: string, version: number): StoredVersion | null {
    const row = this.s.version.get(articleId, version) as VersionRow | undefined;
    return row ? toVersion(row) : null;
  }

  versions(articleId: string): ArticleVersion[] {
    return (
      this.s.versions.all(articleId) as { version: number; title: string; saved_by_name: string; saved_at: number }[]
    ).map((r) => ({ version: r.version, title: r.title, savedBy: r.saved_by_name, savedAt: r.saved_at }));
  }

  documents(articleId: string): ArticleDocument[] {
    return this.s.documents.all(articleId) as ArticleDocument[];
  }

  document(id: string): (ArticleDocument & { articleId: string; data: Buffer }) | null {
    const row = this.s.document.get(id) as
      { id: string; article_id: string; name: string; mime: string; size: number; data: Buffer } | undefined;
    return row
      ? { id: row.id, articleId: row.article_id, name: row.name, mime: row.mime, size: row.size, data: row.data }
      : null;
  }

  addDocument(
    doc: ArticleDocument & { articleId: string; sha256: string; data: Buffer },
    uploadedBy: string,
    now: number,
  ): void {
    this.s.insertDocument.run(
      doc.id,
      doc.articleId,
      doc.name,
      doc.mime,
      doc.size,
      doc.sha256,
      doc.data,
      uploadedBy,
      now,
    );
  }

  /** (Re)indexes an article's current text. */
  index(pk: number, title: string, plainText: string): void {
    const terms = articleIndexTerms(title, plainText);
    this.s.unindex.run(pk);
    this.s.index.run(pk, terms.title, terms.body);
  }

  /** Takes an article out of search (retired). */
  unindex(pk: number): void {
    this.s.unindex.run(pk);
  }

  /** `match` must come from articleQuery()/suggestionQuery(); best first, retired left out. */
  search(match: string, limit: number): SearchRow[] {
    const query = this.db.engine === 'postgres' ? ftsToTsquery(match) : match;
    return (this.s.search.all(query, limit) as (ArticleRow & { plain_text: string })[]).map((row) => ({
      article: toArticle(row),
      plainText: row.plain_text,
    }));
  }

  changesAfter(seq: number, limit: number): StoredArticle[] {
    return (this.s.changesAfter.all(seq, limit) as ArticleRow[]).map(toArticle);
  }

  /** Whether a thread event with this id exists (an opening sent twice is recorded once). */
  eventExists(id: string): boolean {
    return this.s.eventExists.get(id) !== undefined;
  }

  transaction<R>(work: () => R): R {
    return this.db.transaction(work)();
  }
}
