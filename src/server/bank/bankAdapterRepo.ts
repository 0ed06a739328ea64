/**
 * The bank adapter's address, bearer token and timeout (migration 0014). The token is sealed with the
 * hub's secret key like a channel secret (src/server/gateways/secretSeal.ts): it goes in, is used by
 * the hub, and never comes back out of the API.
 */
import {
  BANK_TIMEOUT_DEFAULT_MS,
  type BankAdapterInput,
  type BankAdapterView,
} from '../../shared/hubApi/identificationApi.js';
import type { SecretSeal } from '../gateways/secretSeal.js';
import type { Database } from '../storage/database.js';

/** What the client needs to ask the bank. */
export interface BankAdapterConfig {
  url: string;
  token: string | null;
  timeoutMs: number;
}

interface Row {
  url: string;
  sealed_token: string | null;
  timeout_ms: number;
}

export class BankAdapterRepo {
  private readonly getStmt;
  private readonly saveStmt;

  constructor(
    db: Database,
    private readonly seal: SecretSeal,
  ) {
    this.getStmt = db.prepare('SELECT url, sealed_token, timeout_ms FROM bank_adapter WHERE id = 1');
    this.saveStmt = db.prepare(
      `INSERT INTO bank_adapter (id, url, sealed_token, timeout_ms, updated_at) VALUES (1, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET url = excluded.url, sealed_token = excluded.sealed_token,
         timeout_ms = excluded.timeout_ms, updated_at = excluded.updated_at`,
    );
  }

  view(): BankAdapterView {
    const row = this.row();
    return {
      url: row?.url || null,
      tokenSet: (row?.sealed_token ?? null) !== null,
      timeoutMs: row?.timeout_ms ?? BANK_TIMEOUT_DEFAULT_MS,
    };
  }

  /** The adapter to ask, or null when no address is set. */
  config(): BankAdapterConfig | null {
    const row = this.row();
    if (!row?.url) return null;
    return {
      url: row.url,
      token: row.sealed_token === null ? null : (this.seal.open(row.sealed_token).token ?? null),
      timeoutMs: row.timeout_ms,
    };
  }

  save(input: BankAdapterInput, now: number): BankAdapterView {
    const sealed =
      input.token === undefined
        ? (this.row()?.sealed_token ?? null)
        : input.token === ''
          ? null
          : this.seal.seal({ token: input.token });
    this.saveStmt.run(input.url, sealed, input.timeoutMs, now);
    return this.view();
  }

  private row(): Row | undefined {
    return this.getStmt.get() as Row | undefined;
  }
}
