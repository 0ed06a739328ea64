import type { Migration } from './migration.js';

/** Call recordings: policy per group, recordings, pauses, settings (issue 16). */
export const recording: Migration = {
  version: 19,
  name: 'recording',
  up() {},
};
