/**
 * The one place a rating is issued and recorded, whatever channel carries it: a request is a random
 * token bound to one thread and to the address it went to, valid for the settings' window; an answer
 * is recorded once, as the thread's `csat` event (the record the web chat makes and the stats count),
 * with the channel it came through. Everything else is refused with its reason.
 */
import { randomBytes } from 'node:crypto';
import type { RatingLanguage, RatingRefusal } from '../../shared/csat/ratingWords.js';
import { uuidv7 } from '../../shared/ids.js';
import type { CsatRepo, RatingRequest } from '../storage/csatRepo.js';
import type { HubStore } from '../storage/hubStore.js';

export type RatingVerdict =
  | { ok: true; score: number; language: RatingLanguage; threadId: string }
  | { ok: false; reason: RatingRefusal; language: RatingLanguage };

/** HTTP statuses of the refusals (the email page answers with them). */
export const REFUSAL_STATUS: Record<RatingRefusal, number> = {
  bad_score: 400,
  another_conversation: 403,
  not_found: 404,
  already_rated: 409,
  late: 410,
};

export interface IssueRequest {
  threadId: string;
  channel: string;
  address: string | null;
  language: RatingLanguage;
  /** How long it may be answered. */
  validMs: number;
  /** Token prefix (the phone's `csat-` address). */
  prefix?: string;
}

export class RatingBook {
  constructor(
    private readonly store: HubStore,
    private readonly repo: CsatRepo,
    private readonly now: () => number,
  ) {}

  issue(request: IssueRequest): RatingRequest {
    const now = this.now();
    // 16 random bytes: a token cannot be guessed to rate a conversation that is not one's own.
    const token = `${request.prefix ?? ''}${randomBytes(16).toString('base64url')}`;
    const row = {
      token,
      threadId: request.threadId,
      channel: request.channel,
      address: request.address,
      language: request.language,
      createdAt: now,
      expiresAt: now + request.validMs,
    };
    this.repo.insert(row);
    return { ...row, answeredAt: null, score: null };
  }

  /**
   * Records `score` for the request `token`. `address`, when the channel knows who answered (a chat,
   * a VK peer), must be the one the request went to: a token replayed from another conversation is refused.
   */
  answer(token: string, score: unknown, address: string | null): RatingVerdict {
    const request = this.repo.get(token);
    const language = request?.language ?? 'ru';
    if (!request) return { ok: false, reason: 'not_found', language };
    if (address !== null && request.address !== null && address !== request.address) {
      return { ok: false, reason: 'another_conversation', language };
    }
    if (typeof score !== 'number' || !Number.isInteger(score) || score < 1 || score > 5) {
      return { ok: false, reason: 'bad_score', language };
    }
    return this.store.write((tx): RatingVerdict => {
      if (request.answeredAt !== null || this.repo.rated(request.threadId)) {
        return { ok: false, reason: 'already_rated', language };
      }
      if (tx.now > request.expiresAt) return { ok: false, reason: 'late', language };
      const thread = this.store.threads.byId(request.threadId);
      if (!thread) return { ok: false, reason: 'not_found', language };
      if (!this.repo.answer(token, score, tx.now)) return { ok: false, reason: 'already_rated', language };
      this.store.routing.addEvent({
        id: uuidv7(tx.now),
        threadId: thread.id,
        kind: 'csat',
        text: `the customer rated the conversation ${score} of 5 (${request.channel})`,
        data: { score, channel: request.channel },
        actorId: null,
        createdAt: tx.now,
      });
      // A thread change, so the live stats and the agents' apps hear of it (as for web chat).
      this.store.threads.save(tx, { ...thread, updatedAt: tx.now });
      return { ok: true, score, language, threadId: thread.id };
    }).result;
  }
}
