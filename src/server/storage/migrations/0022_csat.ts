import type { Migration } from './migration.js';

/** Ratings in every channel (issue 16). */
export const csat: Migration = {
  version: 22,
  name: 'csat',
  up() {},
};
