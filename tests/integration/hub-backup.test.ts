/**
 * Backups on a real hub: an online backup taken while customers write restores to a hub that an
 * agent signs in to and syncs with; a damaged or foreign file is refused before anything is replaced.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupHub, listBackups, restoreHub } from '../../src/server/storage/backup.js';
import { HUB_DB_FILE } from '../../src/server/storage/hubStore.js';
import { openSqlite } from '../../src/server/storage/sqlite.js';
import { SYNC_API } from '../../src/shared/sync.js';
import { addAgent, startAgent, waitFor } from './agent-harness.js';
import {
  ADMIN_PASSWORD,
  api,
  closeAll,
  customerSays,
  login,
  openWidget,
  removeTempDirs,
  startHub,
  tempDir,
  type Loose,
} from './hub-harness.js';

afterAll(() => removeTempDirs());

describe('hub backup and restore', () => {
  it('restores a backup taken during traffic to a hub an agent syncs with', async () => {
    const hub = await startHub();
    const token = await login(hub.url);
    const backups = tempDir('okno-backups-');
    // Customers keep writing while the backup runs on its own connection (as `npm run backup` does).
    // Paced under the widget's per-visitor limit; only what the hub acknowledged counts.
    const visitors = await Promise.all([1, 2, 3].map(() => openWidget(hub.url)));
    const acked: string[][] = [[], [], []];
    let stop = false;
    const traffic = Promise.all(
      visitors.map(async ({ widget }, v) => {
        for (let i = 0; i < 40 && !stop; i += 1) {
          const text = `visitor ${v} message ${i}`;
          const frame = (await customerSays(widget, text)) as Loose;
          if (frame.type === 'message') acked[v]!.push(text);
          await new Promise((resolve) => setTimeout(resolve, 150));
        }
      }),
    );
    await waitFor('traffic under way', async () => acked.flat().length >= 9);
    const before = acked.flat().length;
    const db = openSqlite(path.join(hub.dataDir, HUB_DB_FILE));
    const file = await backupHub(db, backups, Date.now(), 2);
    db.close();
    stop = true;
    await traffic;
    closeAll(...visitors.map((v) => v.widget));
    await addAgent(hub.url, token, 'olga', 'Olga');
    await hub.close();
    expect(listBackups(backups)).toEqual([file]);

    const restoredDir = tempDir('okno-restored-');
    const { previous } = restoreHub(file, restoredDir, Date.now());
    expect(previous).toBeNull();
    const restored = await startHub({ dataDir: restoredDir });
    try {
      expect(restored.hubId).not.toBe(hub.hubId); // apps pull anew instead of trusting old cursors
      const admin = await login(restored.url, 'admin', ADMIN_PASSWORD);
      const pull = await api(restored.url, `${SYNC_API.pull}?after=0&limit=5000`, { token: admin });
      const changes = pull.body.changes as Loose[];
      const messages = changes.filter((c) => c.entity === 'message').map((c) => c.data);
      const threads = new Set(changes.filter((c) => c.entity === 'thread').map((c) => c.data.id));
      expect(messages.length).toBeGreaterThanOrEqual(before);
      expect(messages.length).toBeLessThanOrEqual(acked.flat().length);
      for (const message of messages) expect(threads.has(message.threadId)).toBe(true);
      // Every visitor's messages are a prefix of what the hub acknowledged: a consistent cut, nothing torn.
      for (const v of [0, 1, 2]) {
        const mine = messages.filter((m) => m.text.startsWith(`visitor ${v} `)).map((m) => m.text);
        expect(mine).toEqual(acked[v]!.slice(0, mine.length));
      }

      await addAgent(restored.url, admin, 'petr', 'Petr');
      const agent = await startAgent(restored.url, 'petr', 'petr-password');
      try {
        // The agent's cache fills from the restored hub: every thread with every message of the backup.
        for (const threadId of threads) {
          const expected = messages.filter((m) => m.threadId === threadId).length;
          await waitFor(`thread ${threadId} synced`, async () => (await agent.messages(threadId)).length === expected);
        }
      } finally {
        await agent.close();
      }
    } finally {
      await restored.close();
    }
  }, 60_000);

  it('refuses a file that is not a hub database, naming it, and replaces nothing', async () => {
    const junk = path.join(tempDir('okno-junk-'), 'junk.sqlite');
    writeFileSync(junk, 'this is not sqlite');
    const dataDir = tempDir('okno-target-');
    expect(() => restoreHub(junk, dataDir, Date.now())).toThrow(/junk\.sqlite (cannot be opened|is damaged|is not)/);
  });
});
