import type { Migration } from './migration.js';

/** Call quality figures per call (issue 16). */
export const callQuality: Migration = {
  version: 21,
  name: 'call quality',
  up() {},
};
