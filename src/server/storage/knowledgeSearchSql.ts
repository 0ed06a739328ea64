/**
 * The knowledge search statement on each engine. SQLite ranks with FTS5's bm25; PostgreSQL with
 * ts_rank over a tsvector of the same index terms (kb_search.doc, title weighted A, body B). Both
 * pick the best `limit` rows inside the index before joining them to their text.
 */
import { BODY_WEIGHT, TITLE_WEIGHT } from '../../shared/knowledge/knowledgeSearch.js';
import type { Engine } from './database.js';

const COLUMNS = `a.pk, a.id, a.parent_id, a.position, a.title, a.language, a.version, a.retired_at, a.updated_at,
               a.change_seq, v.plain_text`;

export function knowledgeSearchSql(engine: Engine): string {
  if (engine === 'postgres') {
    // ts_rank's weights are {D, C, B, A}; higher is better, so the order is the reverse of bm25's.
    return `
        SELECT ${COLUMNS}
        FROM (SELECT rowid, ts_rank('{0, 0, ${BODY_WEIGHT / TITLE_WEIGHT}, 1}', doc, q) AS score
              FROM kb_search, to_tsquery('simple', ?) q
              WHERE doc @@ q ORDER BY score DESC LIMIT ?) h
        JOIN kb_articles a ON a.pk = h.rowid
        JOIN kb_article_versions v ON v.article_id = a.id AND v.version = a.version
        WHERE a.retired_at IS NULL
        ORDER BY h.score DESC, a.pk`;
  }
  return `
        SELECT ${COLUMNS}
        FROM (SELECT rowid, bm25(kb_search, ${TITLE_WEIGHT}.0, ${BODY_WEIGHT}.0) AS score FROM kb_search
              WHERE kb_search MATCH ? ORDER BY score LIMIT ?) h
        JOIN kb_articles a ON a.pk = h.rowid
        JOIN kb_article_versions v ON v.article_id = a.id AND v.version = a.version
        WHERE a.retired_at IS NULL
        ORDER BY h.score, a.pk`;
}

/**
 * The FTS5 expression ftsQuery()/suggestionQuery() build (`("word"* OR "stem"*) AND "next"*`)
 * as a tsquery. Its terms are letters and digits only, so the rewrite is exact.
 */
export function ftsToTsquery(match: string): string {
  return match
    .replace(/"([\p{L}\p{N}]+)"\*/gu, "'$1':*")
    .replace(/ AND /g, ' & ')
    .replace(/ OR /g, ' | ');
}
