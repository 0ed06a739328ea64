/**
 * Leases: a named piece of work (a gateway's polling, the clock) that must run on exactly one hub
 * instance is held by one holder until its expiry; the holder renews it, anyone may take it once it
 * has expired. One statement decides, so two instances asking at once cannot both win.
 */
import type { Database } from './database.js';

export class LeasesRepo {
  private readonly claimStmt;
  private readonly holderStmt;
  private readonly releaseStmt;

  constructor(db: Database) {
    this.claimStmt = db.prepare(
      `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE leases.holder = excluded.holder OR leases.expires_at < ?`,
    );
    this.holderStmt = db.prepare('SELECT holder, expires_at AS expiresAt FROM leases WHERE name = ?');
    this.releaseStmt = db.prepare('DELETE FROM leases WHERE name = ? AND holder = ?');
  }

  /** Takes or renews the lease until `now + ttlMs`; true when `holder` has it. */
  claim(name: string, holder: string, now: number, ttlMs: number): boolean {
    this.claimStmt.run(name, holder, now + ttlMs, now);
    return this.holder(name)?.holder === holder;
  }

  holder(name: string): { holder: string; expiresAt: number } | null {
    return (this.holderStmt.get(name) as { holder: string; expiresAt: number } | undefined) ?? null;
  }

  release(name: string, holder: string): void {
    this.releaseStmt.run(name, holder);
  }
}
