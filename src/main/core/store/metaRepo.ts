import { Agent } from '../../../shared/domain.js';
import type { SqliteDatabase } from './sqlite.js';

/**
 * Keys of the meta table: which hub the replica came from, how far it is synced, who is signed in;
 * the cache's own settings and its last clean-up (they describe this file, so they live in it).
 */
export type MetaKey =
  | 'hub_id'
  | 'cursor'
  | 'agent'
  | 'agent_seq'
  | 'cache_settings'
  | 'cache_maintenance'
  /** When and why the cache was started afresh (openCache.ts). */
  | 'cache_fresh_start';

export interface MetaRepo {
  get(key: MetaKey): string | null;
  set(key: MetaKey, value: string): void;
  remove(key: MetaKey): void;
  hubId(): string | null;
  cursor(): number;
  setCursor(cursor: number): void;
  /** The signed-in (or last signed-in) agent, as the replica knows it. */
  agent(): Agent | null;
  setAgent(agent: Agent): void;
}

export function createMetaRepo(db: SqliteDatabase): MetaRepo {
  const select = db.prepare('SELECT value FROM meta WHERE key = ?');
  const upsert = db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const del = db.prepare('DELETE FROM meta WHERE key = ?');

  const get = (key: MetaKey): string | null => (select.get(key) as { value: string } | undefined)?.value ?? null;
  const set = (key: MetaKey, value: string): void => void upsert.run(key, value);

  return {
    get,
    set,
    remove: (key) => void del.run(key),
    hubId: () => get('hub_id'),
    cursor: () => Number(get('cursor') ?? 0),
    setCursor: (cursor) => set('cursor', String(cursor)),
    agent() {
      const raw = get('agent');
      if (raw === null) return null;
      const parsed = Agent.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    },
    setAgent: (agent) => set('agent', JSON.stringify(agent)),
  };
}
