import type { Migration } from './migration.js';

/** Live monitoring sessions (issue 16). */
export const monitoring: Migration = {
  version: 20,
  name: 'monitoring',
  up() {},
};
