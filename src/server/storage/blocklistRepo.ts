/** Blocked numbers and identities, with who blocked them, why and until when. */
import type { Block } from '../../shared/calls/blocklist.js';
import type { IdentityKind } from '../../shared/domain.js';
import type { Database } from './database.js';

interface BlockRow {
  id: string;
  kind: IdentityKind;
  value: string;
  reason: string;
  added_by: string;
  added_by_name: string | null;
  added_at: number;
  expires_at: number | null;
}

const SELECT = `SELECT b.*, a.name AS added_by_name FROM blocklist b LEFT JOIN agents a ON a.id = b.added_by`;

function toBlock(row: BlockRow): Block {
  return {
    id: row.id,
    kind: row.kind,
    value: row.value,
    reason: row.reason,
    addedBy: row.added_by,
    addedByName: row.added_by_name ?? '',
    addedAt: row.added_at,
    expiresAt: row.expires_at,
  };
}

export class BlocklistRepo {
  private readonly s;

  constructor(db: Database) {
    this.s = {
      all: db.prepare(`${SELECT} ORDER BY b.added_at DESC, b.id`),
      active: db.prepare(
        `${SELECT} WHERE b.kind = ? AND b.value = ? AND (b.expires_at IS NULL OR b.expires_at > ?) ORDER BY b.added_at LIMIT 1`,
      ),
      insert: db.prepare(
        'INSERT INTO blocklist (id, kind, value, reason, added_by, added_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      delete: db.prepare('DELETE FROM blocklist WHERE id = ?'),
    };
  }

  all(): Block[] {
    return (this.s.all.all() as BlockRow[]).map(toBlock);
  }

  /** The block in force for this identity at `at`, if any. */
  activeFor(kind: IdentityKind, value: string, at: number): Block | null {
    const row = this.s.active.get(kind, value, at) as BlockRow | undefined;
    return row ? toBlock(row) : null;
  }

  add(block: Omit<Block, 'addedByName'>): void {
    this.s.insert.run(block.id, block.kind, block.value, block.reason, block.addedBy, block.addedAt, block.expiresAt);
  }

  remove(id: string): boolean {
    return this.s.delete.run(id).changes > 0;
  }
}
