/**
 * The hub's API for the knowledge base (decision 0034). Read by the hub's routes and the core's client
 * alike (src/shared/hubApi/endpoint.ts). Everyone reads; leads and admins write.
 */
import { z } from 'zod';
import { Id } from '../domain.js';
import {
  Article,
  ArticleDocument,
  ArticleMoveInput,
  ArticleSaveInput,
  ArticleSummary,
  ArticleVersion,
  DocumentContent,
  DocumentUploadInput,
  KNOWLEDGE_QUERY_MAX,
  SEARCH_LIMIT_MAX,
  SearchResult,
} from '../knowledge/knowledgeContract.js';
import { ALL, ById, endpoint, LEADS, None } from './endpoint.js';

/** The most articles one page of the cache's pull carries. */
export const KNOWLEDGE_PULL_MAX = 200;

export const knowledgeApi = {
  tree: endpoint({
    method: 'GET',
    path: '/api/v1/knowledge/articles',
    params: None,
    input: None,
    output: z.object({ articles: z.array(ArticleSummary) }),
    roles: ALL,
  }),
  search: endpoint({
    method: 'GET',
    path: '/api/v1/knowledge/search',
    params: None,
    input: z.object({
      query: z.string().max(KNOWLEDGE_QUERY_MAX),
      limit: z.coerce.number().int().min(1).max(SEARCH_LIMIT_MAX).default(20),
    }),
    output: z.object({ results: z.array(SearchResult) }),
    roles: ALL,
  }),
  /** Articles for the thread's last customer message; the thread must be in the caller's reach. */
  suggest: endpoint({
    method: 'GET',
    path: '/api/v1/knowledge/suggest',
    params: None,
    input: z.object({ threadId: Id, limit: z.coerce.number().int().min(1).max(10).default(3) }),
    output: z.object({ articles: z.array(ArticleSummary) }),
    roles: ALL,
  }),
  /** The article at its current version, or at `version`; `latestVersion` says which is current. */
  article: endpoint({
    method: 'GET',
    path: '/api/v1/knowledge/articles/:id',
    params: ById,
    input: z.object({ version: z.coerce.number().int().positive().optional() }),
    output: z.object({ article: Article, latestVersion: z.number().int().positive() }),
    roles: ALL,
  }),
  /**
   * An agent opened the article for a contact: recorded once per `openId` (made by the core, so an open
   * remembered offline and sent twice is recorded once) as the thread event `article_opened`.
   */
  opened: endpoint({
    method: 'POST',
    path: '/api/v1/knowledge/articles/:id/opened',
    params: ById,
    input: z.object({
      openId: Id,
      threadId: Id,
      version: z.number().int().positive(),
      /** When the agent opened it (an open made offline arrives later); the hub never records a future time. */
      openedAt: z.number().int().nonnegative(),
    }),
    output: z.object({ recorded: z.boolean() }),
    roles: ALL,
  }),
  versions: endpoint({
    method: 'GET',
    path: '/api/v1/knowledge/articles/:id/versions',
    params: ById,
    input: None,
    output: z.object({ versions: z.array(ArticleVersion) }),
    roles: ALL,
  }),
  create: endpoint({
    method: 'POST',
    path: '/api/v1/knowledge/articles',
    params: None,
    input: ArticleSaveInput.omit({ id: true, baseVersion: true }),
    output: Article,
    roles: LEADS,
  }),
  /** A new version; `baseVersion` is the one the edit started from (409 naming who saved meanwhile). */
  update: endpoint({
    method: 'PUT',
    path: '/api/v1/knowledge/articles/:id',
    params: ById,
    input: ArticleSaveInput.omit({ id: true }).extend({ baseVersion: z.number().int().positive() }),
    output: Article,
    roles: LEADS,
  }),
  move: endpoint({
    method: 'POST',
    path: '/api/v1/knowledge/articles/:id/move',
    params: ById,
    input: ArticleMoveInput.omit({ articleId: true }),
    output: ArticleSummary,
    roles: LEADS,
  }),
  retire: endpoint({
    method: 'POST',
    path: '/api/v1/knowledge/articles/:id/retire',
    params: ById,
    input: z.object({ retired: z.boolean() }),
    output: ArticleSummary,
    roles: LEADS,
  }),
  upload: endpoint({
    method: 'POST',
    path: '/api/v1/knowledge/articles/:id/documents',
    params: ById,
    input: DocumentUploadInput.omit({ articleId: true }),
    output: ArticleDocument,
    roles: LEADS,
  }),
  document: endpoint({
    method: 'GET',
    path: '/api/v1/knowledge/documents/:id',
    params: ById,
    input: None,
    output: DocumentContent,
    roles: ALL,
  }),
  /**
   * The core's cache pull: articles changed after `after` (a change sequence), oldest change first, with
   * their current version; retired ones too (the cache drops their text). `cursor` is where to go on from.
   */
  changes: endpoint({
    method: 'GET',
    path: '/api/v1/knowledge/changes',
    params: None,
    input: z.object({
      after: z.coerce.number().int().nonnegative().default(0),
      limit: z.coerce.number().int().min(1).max(KNOWLEDGE_PULL_MAX).default(KNOWLEDGE_PULL_MAX),
    }),
    output: z.object({ articles: z.array(Article), cursor: z.number().int().nonnegative(), more: z.boolean() }),
    roles: ALL,
  }),
};
