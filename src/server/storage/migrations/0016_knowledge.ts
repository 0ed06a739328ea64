import type { Migration } from './migration.js';

/** The knowledge base: articles, versions, documents, search (issue 15, decision 0032). */
export const knowledge: Migration = {
  version: 16,
  name: 'knowledge',
  up() {},
};
