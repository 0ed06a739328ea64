import type { Migration } from './migration.js';

/** Quality scoring forms and scores (issue 16). */
export const qa: Migration = {
  version: 23,
  name: 'qa',
  up() {},
};
