import type { Migration } from './migration.js';

/** Planned activities (issue 15, decision 0032). */
export const activities: Migration = {
  version: 18,
  name: 'activities',
  up() {},
};
