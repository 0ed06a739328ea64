/**
 * The app contract's part for the knowledge base (issue 15, decision 0034): the shapes both sides use
 * and the requests and events. The core forwards to the hub (src/shared/hubApi/knowledgeApi.ts) and,
 * when the hub is away, answers tree/search/open from its local cache (`source: 'cache'`).
 *
 * The article body is an `ArticleDoc` (./articleDoc.ts): TipTap JSON limited to doc, paragraph,
 * heading 1–4, bulletList, orderedList, listItem, blockquote, hardBreak, image {documentId}, text with
 * bold, italic and link {href http(s)/mailto}. The editor must turn off everything else StarterKit
 * brings (code, codeBlock, strike, underline, horizontalRule…) and give images a `documentId` attribute
 * (one of the article's uploaded documents) instead of `src`.
 */
import { z } from 'zod';
import { Id } from '../domain.js';
import { ArticleDoc } from './articleDoc.js';

export { ArticleDoc } from './articleDoc.js';

export const ArticleLanguage = z.enum(['en', 'ru']);
export type ArticleLanguage = z.infer<typeof ArticleLanguage>;

export const ARTICLE_TITLE_MAX = 200;
export const ARTICLE_LINKS_MAX = 50;
/**
 * The largest document an article may carry: it travels base64 in one contract frame and one hub
 * request (1 MiB each), so about 700 KiB of bytes.
 */
export const KNOWLEDGE_DOCUMENT_MAX_BYTES = 700 * 1024;
export const KNOWLEDGE_DOCUMENT_MAX_BASE64 = Math.ceil(KNOWLEDGE_DOCUMENT_MAX_BYTES / 3) * 4;
/** What an article's document may be (the content is checked by its first bytes, not only the name). */
export const KNOWLEDGE_DOCUMENT_MIMES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
] as const;
export const KnowledgeDocumentMime = z.enum(KNOWLEDGE_DOCUMENT_MIMES);
export type KnowledgeDocumentMime = z.infer<typeof KnowledgeDocumentMime>;
export const SEARCH_LIMIT_MAX = 50;
export const KNOWLEDGE_QUERY_MAX = 200;

/** Where an answer came from: the hub, or the core's local copy while the hub is away. */
export const KnowledgeSource = z.enum(['hub', 'cache']);
export type KnowledgeSource = z.infer<typeof KnowledgeSource>;

export const ArticleSummary = z.object({
  id: Id,
  parentId: Id.nullable(),
  title: z.string(),
  language: ArticleLanguage,
  position: z.number().int().nonnegative(),
  /** The current version (1 for a new article; every save adds one). */
  version: z.number().int().positive(),
  updatedAt: z.number().int().nonnegative(),
  retired: z.boolean(),
});
export type ArticleSummary = z.infer<typeof ArticleSummary>;

/** An outside link: a title and an http(s) address. */
export const ArticleLink = z.object({
  title: z.string().trim().min(1, 'a link needs a title').max(ARTICLE_TITLE_MAX),
  url: z
    .string()
    .trim()
    .max(2000)
    .refine((url) => /^https?:\/\/[^\s/]+/i.test(url), 'a link must start with http:// or https://'),
});
export type ArticleLink = z.infer<typeof ArticleLink>;

export const ArticleDocument = z.object({
  id: Id,
  name: z.string(),
  mime: z.string(),
  size: z.number().int().nonnegative(),
});
export type ArticleDocument = z.infer<typeof ArticleDocument>;

export const Article = ArticleSummary.extend({
  doc: ArticleDoc,
  links: z.array(ArticleLink),
  documents: z.array(ArticleDocument),
  /** The name of who saved this version. */
  updatedBy: z.string(),
});
export type Article = z.infer<typeof Article>;

export const ArticleVersion = z.object({
  version: z.number().int().positive(),
  savedAt: z.number().int().nonnegative(),
  /** The name of who saved it. */
  savedBy: z.string(),
  title: z.string(),
});
export type ArticleVersion = z.infer<typeof ArticleVersion>;

export const SearchResult = z.object({
  article: ArticleSummary,
  /** Plain text around the first match (no markup); the renderer may highlight the query's words. */
  snippet: z.string(),
});
export type SearchResult = z.infer<typeof SearchResult>;

export const ArticleSaveInput = z.object({
  /** Omitted: a new article. */
  id: Id.optional(),
  parentId: Id.nullable(),
  title: z.string().trim().min(1, 'an article needs a title').max(ARTICLE_TITLE_MAX),
  language: ArticleLanguage,
  doc: ArticleDoc,
  links: z.array(ArticleLink).max(ARTICLE_LINKS_MAX).default([]),
  /**
   * The version the edit started from (required when editing). When someone saved meanwhile the hub
   * answers `conflict` (params: savedBy, savedAt, version) and keeps nothing of this save: the editor
   * keeps the typed text.
   */
  baseVersion: z.number().int().positive().optional(),
});
export type ArticleSaveInput = z.input<typeof ArticleSaveInput>;

export const ArticleMoveInput = z.object({
  articleId: Id,
  parentId: Id.nullable(),
  position: z.number().int().nonnegative(),
});

export const DocumentUploadInput = z.object({
  articleId: Id,
  name: z.string().trim().min(1, 'the document needs a name').max(255),
  mime: KnowledgeDocumentMime,
  dataBase64: z
    .string()
    .min(1, 'the document is empty')
    .max(KNOWLEDGE_DOCUMENT_MAX_BASE64, `a document may be at most ${KNOWLEDGE_DOCUMENT_MAX_BYTES / 1024} KiB`),
});

export const DocumentContent = z.object({ name: z.string(), mime: z.string(), dataBase64: z.string() });
export type DocumentContent = z.infer<typeof DocumentContent>;

export const knowledgeRequests = {
  /** Every article (retired ones too, flagged) for the tree; from the cache when the hub is away. */
  'knowledge.tree': {
    input: z.object({}),
    output: z.object({ articles: z.array(ArticleSummary), source: KnowledgeSource }),
  },
  /** Full-text search in ru/en (same stemming as message search); titles weigh more; retired left out. */
  'knowledge.search': {
    input: z.object({
      query: z.string().max(KNOWLEDGE_QUERY_MAX),
      limit: z.number().int().min(1).max(SEARCH_LIMIT_MAX).default(20),
    }),
    output: z.object({ results: z.array(SearchResult), source: KnowledgeSource }),
  },
  /** Articles for the thread's last customer message (like templates.suggest). */
  'knowledge.suggest': {
    input: z.object({ threadId: Id, limit: z.number().int().min(1).max(10).default(3) }),
    output: z.object({ articles: z.array(ArticleSummary), source: KnowledgeSource }),
  },
  /**
   * An article (its current version, or `version`). With a threadId the opening is recorded in that
   * contact's history (thread event `article_opened`); offline the core remembers it and sends it later.
   */
  'knowledge.open': {
    input: z.object({
      articleId: Id,
      threadId: Id.nullable().optional(),
      version: z.number().int().positive().optional(),
    }),
    output: z.object({ article: Article, source: KnowledgeSource, latestVersion: z.number().int().positive() }),
  },
  'knowledge.versions': {
    input: z.object({ articleId: Id }),
    output: z.object({ versions: z.array(ArticleVersion) }),
  },
  /** Leads: creates (no id) or saves a new version of an article. */
  'knowledge.save': { input: ArticleSaveInput, output: Article },
  /** Leads: moves an article under another (or to the top) at a position; refused under itself or its descendant. */
  'knowledge.move': { input: ArticleMoveInput, output: ArticleSummary },
  /** Leads: retires (hidden from search and suggestions, kept) or restores an article. */
  'knowledge.retire': { input: z.object({ articleId: Id, retired: z.boolean() }), output: ArticleSummary },
  /** Leads: adds a document (PDF, DOCX, XLSX, PNG, JPEG, GIF, WEBP) to an article. */
  'knowledge.uploadDocument': { input: DocumentUploadInput, output: ArticleDocument },
  /** A document's bytes (from the hub, or the core's copy of a small one). */
  'knowledge.document': { input: z.object({ documentId: Id }), output: DocumentContent },
};

export const knowledgeEvents = {
  /** The core's copy of the knowledge base was refreshed from the hub. */
  'knowledge.changed': z.object({}),
};
