/**
 * Rating requests and the ratings settings (issue 16, migration 0022). Whether a thread is rated is
 * read from its `csat` events, the one record the web chat also writes and the stats count.
 */
import { CsatSettings, DEFAULT_CSAT_SETTINGS } from '../../shared/csat/csat.js';
import type { RatingLanguage } from '../../shared/csat/ratingWords.js';
import type { Database } from './database.js';

export interface RatingRequest {
  token: string;
  threadId: string;
  channel: string;
  /** Where the request went (a chat id, a VK peer, the caller's number); null for an email link. */
  address: string | null;
  language: RatingLanguage;
  createdAt: number;
  expiresAt: number;
  answeredAt: number | null;
  score: number | null;
}

interface Row {
  token: string;
  thread_id: string;
  channel: string;
  address: string | null;
  language: RatingLanguage;
  created_at: number;
  expires_at: number;
  answered_at: number | null;
  score: number | null;
}

const toRequest = (r: Row): RatingRequest => ({
  token: r.token,
  threadId: r.thread_id,
  channel: r.channel,
  address: r.address,
  language: r.language,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  answeredAt: r.answered_at,
  score: r.score,
});

export class CsatRepo {
  private readonly s;

  constructor(db: Database) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO csat_requests (token, thread_id, channel, address, language, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      get: db.prepare(`SELECT * FROM csat_requests WHERE token = ?`),
      asked: db.prepare(`SELECT 1 FROM csat_requests WHERE thread_id = ? AND channel = ? LIMIT 1`),
      answer: db.prepare(`UPDATE csat_requests SET answered_at = ?, score = ? WHERE token = ? AND answered_at IS NULL`),
      rated: db.prepare(`SELECT 1 FROM thread_events WHERE thread_id = ? AND kind = 'csat' LIMIT 1`),
      customerText: db.prepare(
        `SELECT group_concat(text, ' ') AS text FROM
           (SELECT text FROM messages WHERE thread_id = ? AND author_kind = 'customer' ORDER BY created_at LIMIT 5)`,
      ),
      settings: db.prepare(`SELECT settings_json AS json FROM csat_settings WHERE id = 1`),
      saveSettings: db.prepare(
        `INSERT INTO csat_settings (id, settings_json, updated_at) VALUES (1, ?, ?)
         ON CONFLICT (id) DO UPDATE SET settings_json = excluded.settings_json, updated_at = excluded.updated_at`,
      ),
    };
  }

  insert(request: Omit<RatingRequest, 'answeredAt' | 'score'>): void {
    const r = request;
    this.s.insert.run(r.token, r.threadId, r.channel, r.address, r.language, r.createdAt, r.expiresAt);
  }

  get(token: string): RatingRequest | null {
    const row = this.s.get.get(token) as Row | undefined;
    return row ? toRequest(row) : null;
  }

  /** True when this thread was already sent a request on this channel (each close asks once). */
  asked(threadId: string, channel: string): boolean {
    return this.s.asked.get(threadId, channel) !== undefined;
  }

  /** Marks the request answered; false when it already was (the caller refuses the second answer). */
  answer(token: string, score: number, at: number): boolean {
    return this.s.answer.run(at, score, token).changes === 1;
  }

  /** The thread already holds a rating (from any channel, the web chat's included). */
  rated(threadId: string): boolean {
    return this.s.rated.get(threadId) !== undefined;
  }

  /** The customer's first words in the thread (to guess the language they are answered in). */
  customerText(threadId: string): string {
    return (this.s.customerText.get(threadId) as { text: string | null } | undefined)?.text ?? '';
  }

  settings(): CsatSettings {
    const row = this.s.settings.get() as { json: string } | undefined;
    if (!row) return DEFAULT_CSAT_SETTINGS;
    const parsed = CsatSettings.safeParse(JSON.parse(row.json));
    return parsed.success ? parsed.data : DEFAULT_CSAT_SETTINGS;
  }

  saveSettings(settings: CsatSettings, at: number): void {
    this.s.saveSettings.run(JSON.stringify(settings), at);
  }
}
