/**
 * Searching articles, the same on the hub and in the core's cache (decision 0034): an FTS5 table with
 * two columns, the title and the body, each holding indexTerms() of its text (the folding and Snowball
 * stemming of message search, src/shared/text/searchTerms.ts), ranked by bm25 with the title weighing
 * more. Queries come from ftsQuery (every typed word, as itself or its stem, as a prefix); suggestions
 * for a customer's message from its significant stems joined by OR.
 */
import { messageStems } from '../templates/rankTemplates.js';
import { ftsQuery, indexTerms } from '../text/searchTerms.js';
import { makeSnippet } from '../text/snippet.js';

/** The FTS5 table both sides create (the name differs; the columns and tokenizer do not). */
export function knowledgeSearchTableSql(name: string): string {
  return `CREATE VIRTUAL TABLE ${name} USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')`;
}

/** bm25 weights of (title, body): a word in the title counts as much as ten in the body. */
export const TITLE_WEIGHT = 10;
export const BODY_WEIGHT = 1;

/** What goes into the index for an article. */
export function articleIndexTerms(title: string, plainText: string): { title: string; body: string } {
  return { title: indexTerms(title), body: indexTerms(plainText) };
}

/** The MATCH expression for what someone typed, or null when nothing searchable was typed. */
export function articleQuery(input: string): string | null {
  return ftsQuery(input);
}

/** The MATCH expression for suggestions from a customer's message: any of its significant stems. */
export function suggestionQuery(message: string): string | null {
  const stems = messageStems(message)
    .filter((stem) => stem.length >= 3 && !/^\p{N}+$/u.test(stem))
    .slice(0, 16);
  return stems.length > 0 ? stems.map((stem) => `"${stem}"*`).join(' OR ') : null;
}

/** A short piece of the article around the first word matching the query (message search's snippet). */
export function articleSnippet(text: string, query: string, maxLength = 160): string {
  return makeSnippet(text, query, maxLength);
}
