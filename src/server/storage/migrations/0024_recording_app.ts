import type { Migration } from './migration.js';

/** Templates marked sensitive (the recorder pauses while one is on screen) (issue 16). */
export const recordingApp: Migration = {
  version: 24,
  name: 'recording app',
  up() {},
};
