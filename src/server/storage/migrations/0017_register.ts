import type { Migration } from './migration.js';

/** The complaints and requests register (issue 15, decision 0032). */
export const register: Migration = {
  version: 17,
  name: 'register',
  up() {},
};
