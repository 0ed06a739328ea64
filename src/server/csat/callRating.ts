/**
 * The rating after a call (issue 16). Kamailio cannot keep a caller after the agent's BYE, so the
 * agent's app transfers the caller to a one-time address `csat-<token>` instead of hanging up; that
 * INVITE reaches the queue route and this hook claims its `arrived` event. The caller hears rate_call
 * (in the line's language) on the queue leg, presses one digit 1–5, the rating is recorded on the
 * call's thread (channel phone) and rating_thanks is said; no digit in time → goodbye, nothing recorded.
 * The call then ends with a final answer to the suspended INVITE (it was never answered).
 */
import { RATING_ADDRESS_PREFIX } from '../../shared/csat/csat.js';
import { QUEUE_MEDIA_PREFIX, type PbxEvent } from '../../shared/calls/pbxProtocol.js';
import type { Logger } from '../../shared/log.js';
import type { CallControl } from '../calls/callQueue.js';
import type { CallHook } from '../calls/callHooks.js';
import type { PromptPlayer } from '../calls/promptPlayer.js';
import type { QueueCall } from '../storage/queueCallsRepo.js';
import type { CsatRepo } from '../storage/csatRepo.js';
import type { HubStore } from '../storage/hubStore.js';
import type { RatingBook } from './ratingBook.js';

/** How long the caller has to press a digit once the question was said. */
export const DIGIT_WAIT_MS = 10_000;

interface Rating {
  token: string;
  callId: string;
  fromTag: string;
  tindex: number;
  tlabel: number;
  language: 'en' | 'ru';
  timer: ReturnType<typeof setTimeout> | null;
  done: boolean;
}

export class CallRating implements CallHook {
  private readonly calls = new Map<string, Rating>();

  constructor(
    private readonly deps: {
      store: HubStore;
      repo: CsatRepo;
      book: RatingBook;
      control: CallControl;
      player: PromptPlayer;
      now: () => number;
      log: Logger;
      digitWaitMs?: number;
    },
  ) {}

  onEvent(event: PbxEvent): boolean {
    if (event.event === 'arrived' && event.to.startsWith(RATING_ADDRESS_PREFIX)) {
      this.arrived(event);
      return true;
    }
    if (!('callId' in event)) return false;
    const rating = this.calls.get(event.callId);
    if (!rating) return false;
    // The caller hung up while being asked (CANCEL): nothing to end.
    if (event.event === 'abandoned' || event.event === 'ended') this.forget(rating);
    return true;
  }

  onDigit(callId: string, digit: string): boolean {
    const rating = this.calls.get(callId);
    if (!rating) return false;
    if (rating.done || !/^[1-5]$/.test(digit)) return true;
    rating.done = true;
    this.clearTimer(rating);
    const verdict = this.deps.book.answer(rating.token, Number(digit), null);
    if (!verdict.ok) this.deps.log.info('call rating refused', { callId, reason: verdict.reason });
    else this.deps.log.info('call rated', { callId, threadId: verdict.threadId, score: verdict.score });
    void this.sayAndEnd(rating, verdict.ok ? 'rating_thanks' : 'goodbye', 'Rated');
    return true;
  }

  /**
   * The agent's leg ended. After a transfer to the rating the caller usually rated before this (the
   * transfer's outcome comes first), so the call's record was written after the rating without a
   * thread change: touch the thread so the stats derive the contact again, rating included.
   */
  ended(call: QueueCall): void {
    if (!this.deps.repo.rated(call.threadId)) return;
    const { store } = this.deps;
    store.write((tx) => {
      const thread = store.threads.byId(call.threadId);
      if (thread) store.threads.save(tx, { ...thread, updatedAt: tx.now });
    });
  }

  stop(): void {
    for (const rating of this.calls.values()) this.clearTimer(rating);
    this.calls.clear();
  }

  private arrived(event: Extract<PbxEvent, { event: 'arrived' }>): void {
    if (this.calls.has(event.callId)) return; // a repeated event
    const token = event.to;
    const request = this.deps.repo.get(token);
    const refusal = !request
      ? 'unknown'
      : request.channel !== 'phone'
        ? 'not a call rating'
        : request.answeredAt !== null
          ? 'already rated'
          : this.deps.now() > request.expiresAt
            ? 'expired'
            : null;
    if (!request || refusal) {
      this.deps.log.warn('rating address refused', { callId: event.callId, reason: refusal });
      this.deps.control.send({
        cmd: 'reject',
        callId: event.callId,
        tindex: event.tindex,
        tlabel: event.tlabel,
        code: 404,
        reason: 'Not Found',
      });
      return;
    }
    const rating: Rating = {
      token,
      callId: event.callId,
      fromTag: event.fromTag,
      tindex: event.tindex,
      tlabel: event.tlabel,
      language: request.language,
      timer: null,
      done: false,
    };
    this.calls.set(event.callId, rating);
    this.deps.log.info('caller stays for the rating', { callId: event.callId, threadId: request.threadId });
    void this.deps.player.play(this.target(rating), ['rate_call']).then(() => {
      if (rating.done || !this.calls.has(rating.callId)) return;
      rating.timer = setTimeout(() => {
        rating.done = true;
        void this.sayAndEnd(rating, 'goodbye', 'No Rating');
      }, this.deps.digitWaitMs ?? DIGIT_WAIT_MS);
    });
  }

  private async sayAndEnd(rating: Rating, prompt: string, reason: string): Promise<void> {
    await this.deps.player.play(this.target(rating), [prompt]);
    if (this.calls.get(rating.callId) !== rating) return; // the caller left meanwhile
    this.forget(rating);
    this.deps.control.send({
      cmd: 'reject',
      callId: rating.callId,
      tindex: rating.tindex,
      tlabel: rating.tlabel,
      code: 480,
      reason,
    });
  }

  private forget(rating: Rating): void {
    this.clearTimer(rating);
    this.calls.delete(rating.callId);
    this.deps.player.forget(rating.callId);
  }

  private clearTimer(rating: Rating): void {
    if (rating.timer) clearTimeout(rating.timer);
    rating.timer = null;
  }

  private target(rating: Rating) {
    return {
      callId: rating.callId,
      mediaCallId: `${QUEUE_MEDIA_PREFIX}${rating.callId}`,
      fromTag: rating.fromTag,
      language: rating.language,
    };
  }
}
