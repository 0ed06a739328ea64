/**
 * Hub migration 24 (recording in the app): templates saved before it keep their text and are not
 * sensitive; the flag round-trips through the repository (column and JSON agree), and end to end
 * through a real hub and the core's own clients: a lead marks a shared template sensitive, the agent's
 * library lists it so, and an edit from an app that does not send the flag keeps it.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/log.js';
import { migrate, schemaVersion } from '../../src/server/storage/migrate.js';
import { MIGRATIONS } from '../../src/server/storage/migrations/index.js';
import { openSqlite } from '../../src/server/storage/sqlite.js';
import { TemplatesRepo } from '../../src/server/storage/templatesRepo.js';
import { createTemplateLibrary } from '../../src/main/core/templates/templateLibrary.js';
import { createTemplatesService } from '../../src/main/core/templates/templatesService.js';
import { api, removeTempDirs, tempDir } from './hub-harness.js';
import { startTeamHub } from './hub-routing-support.js';

const log = createLogger('test');
afterAll(() => removeTempDirs());

const T1 = '01900000-0000-7000-8000-0000000000e1';
const T2 = '01900000-0000-7000-8000-0000000000e2';
const body = (text: string) => [{ language: 'en' as const, channel: null, text }];

describe('hub migration 24: sensitive templates', () => {
  it('keeps older templates (not sensitive) and stores the flag in the column and the JSON alike', () => {
    const db = openSqlite(path.join(tempDir(), 'hub.sqlite'));
    migrate(db, log, MIGRATIONS, 23);
    const old = { id: T1, scope: 'shared', ownerId: null, folder: 'Cards', title: 'Old', tags: [], hotkey: null };
    db.prepare(
      `INSERT INTO templates (id, scope, owner_id, folder, title, template_json, updated_at)
       VALUES (?, 'shared', NULL, 'Cards', 'Old', ?, 5)`,
    ).run(T1, JSON.stringify({ ...old, bodies: body('Hello'), updatedAt: 5 }));

    migrate(db, log, MIGRATIONS, 24);
    expect(schemaVersion(db)).toBe(24);
    const repo = new TemplatesRepo(db);
    expect(repo.byId(T1)).toMatchObject({ title: 'Old', bodies: body('Hello') });
    expect(repo.byId(T1)?.sensitive).toBeUndefined();
    expect(repo.sensitiveIds()).toEqual([]);

    const card = { ...old, id: T2, title: 'Card number', bodies: body('Please say the card number'), updatedAt: 9 };
    repo.save({ ...card, scope: 'shared', sensitive: true });
    expect(repo.byId(T2)?.sensitive).toBe(true);
    expect(repo.sensitiveIds()).toEqual([T2]);
    repo.save({ ...card, scope: 'shared', sensitive: false });
    expect(repo.sensitiveIds()).toEqual([]);
    expect(() => db.prepare('UPDATE templates SET sensitive = 2 WHERE id = ?').run(T1)).toThrow(/CHECK/);
  });

  it('round-trips through a real hub and the core: set by a lead, read by an agent, kept by an edit without it', async () => {
    const { hub, lead, agent } = await startTeamHub();
    try {
      const link = (token: string) => () => ({ hubUrl: hub.url, token });
      const library = createTemplateLibrary({ link: link(lead.token) });
      const saved = await library.save({
        scope: 'shared',
        folder: 'Cards',
        title: 'Dictate the card',
        tags: [],
        hotkey: null,
        sensitive: true,
        bodies: body('Please dictate the card number now.'),
      });
      expect(saved.sensitive).toBe(true);

      const seen = await createTemplatesService({ link: link(agent.token) }).list();
      expect(seen.templates.find((t) => t.id === saved.id)?.sensitive).toBe(true);

      // An older app's edit (no flag) keeps it; an explicit false clears it.
      const edited = await api(hub.url, `/api/v1/templates/${saved.id}`, {
        method: 'PUT',
        token: lead.token,
        json: { title: 'Dictate the card', folder: 'Cards', bodies: body('Please dictate it.') },
      });
      expect(edited.status).toBe(200);
      expect(edited.body.sensitive).toBe(true);
      const cleared = await library.save({ ...saved, sensitive: false, bodies: body('No card now.') });
      expect(cleared.sensitive).toBe(false);
    } finally {
      await hub.close();
    }
  }, 180_000);
});
