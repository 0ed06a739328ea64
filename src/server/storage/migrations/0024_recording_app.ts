import type { Migration } from './migration.js';

/**
 * Templates marked sensitive (the recorder pauses while one is on screen) (issue 16). The flag lives in
 * template_json like the rest of the template; the column mirrors it (as folder and title do) so the hub
 * can ask which templates are sensitive without parsing the library.
 */
export const recordingApp: Migration = {
  version: 24,
  name: 'recording app',
  up(db) {
    db.exec(`
      ALTER TABLE templates ADD COLUMN sensitive INTEGER NOT NULL DEFAULT 0 CHECK (sensitive IN (0, 1));
      CREATE INDEX templates_sensitive ON templates(sensitive) WHERE sensitive = 1;
    `);
  },
};
