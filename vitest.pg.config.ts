import { defineConfig } from 'vitest/config';

/**
 * The hub suite again, on PostgreSQL: every hub the tests start keeps its data in its own database
 * on one server started for the run (tests/support/vitestPostgres.ts). SQLite-only tests (the
 * SQLite migrations, file backups) skip there with their reason.
 */
export default defineConfig({
  test: {
    include: ['tests/integration/**/*.test.ts'],
    exclude: [
      // SQLite's own migrations and file backups: PostgreSQL starts at 24 and is backed up by its tools.
      'tests/integration/hub-migration-*.test.ts',
      'tests/integration/hub-backup.test.ts',
      // These start their own PostgreSQL server in the first pass already; a second run adds nothing.
      'tests/integration/hub-cluster.test.ts',
      'tests/integration/hub-leases.test.ts',
      'tests/integration/hub-pg-*.test.ts',
      'tests/integration/hub-to-postgres.test.ts',
    ],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['tests/support/vitestPostgres.ts'],
  },
});
