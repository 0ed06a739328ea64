/**
 * Plays a sequence of prompts to one waiting caller through rtpengine, one after another, and can
 * be cut short: a newer sequence for the same call replaces the older one (a key pressed during a
 * question, the next announcement). A prompt that cannot be played is skipped with a log line, so
 * the caller's journey goes on even when rtpengine does not.
 */
import type { Logger } from '../../shared/log.js';

export interface MediaPlayer {
  playMedia(target: { callId: string; fromTag: string; file: string }): Promise<{ durationMs: number | null }>;
  stopMedia(target: { callId: string; fromTag: string }): Promise<void>;
}

/** Where a prompt's file is: a shipped name in the line's language, or an upload; null when there is none. */
export type PromptFiles = (language: 'en' | 'ru', prompt: string) => string | null;

export type PlayOutcome = 'played' | 'replaced' | 'failed';

/** When rtpengine does not say how long a file is: long enough for a short phrase. */
const UNKNOWN_DURATION_MS = 2500;

export class PromptPlayer {
  private readonly generation = new Map<string, number>();
  private readonly timers = new Map<string, { timer: ReturnType<typeof setTimeout>; done: () => void }>();

  constructor(
    private readonly media: MediaPlayer,
    private readonly files: PromptFiles,
    private readonly log: Logger,
  ) {}

  /**
   * Plays `prompts` in order to the caller of `callId`: `played` when all were, `replaced` when a
   * newer sequence (or stop) took over, `failed` when the media server refused one (the rest are
   * skipped: no retry storm against a media server that lost the call).
   */
  async play(
    call: { callId: string; mediaCallId: string; fromTag: string; language: 'en' | 'ru' },
    prompts: readonly string[],
  ): Promise<PlayOutcome> {
    const mine = (this.generation.get(call.callId) ?? 0) + 1;
    this.generation.set(call.callId, mine);
    this.clearTimer(call.callId);
    for (const prompt of prompts) {
      if (this.generation.get(call.callId) !== mine) return 'replaced';
      const file = this.files(call.language, prompt);
      if (!file) {
        this.log.warn('prompt missing, skipped', { prompt, language: call.language });
        continue;
      }
      let duration = UNKNOWN_DURATION_MS;
      try {
        const played = await this.media.playMedia({ callId: call.mediaCallId, fromTag: call.fromTag, file });
        duration = played.durationMs ?? UNKNOWN_DURATION_MS;
      } catch (error) {
        // The media server refused or is away: this sequence ends here (no retry storm); the caller
        // stays queued and the next announcement tries again.
        this.log.warn('playing a prompt failed', { callId: call.callId, prompt, error: String(error) });
        return this.generation.get(call.callId) === mine ? 'failed' : 'replaced';
      }
      if (this.generation.get(call.callId) !== mine) return 'replaced';
      await new Promise<void>((resolve) => {
        this.timers.set(call.callId, { timer: setTimeout(resolve, duration), done: resolve });
      });
    }
    return this.generation.get(call.callId) === mine ? 'played' : 'replaced';
  }

  /** Cuts the current sequence short (the caller pressed a key, was answered or left). */
  stop(call: { callId: string; mediaCallId: string; fromTag: string }, silence = true): void {
    this.generation.set(call.callId, (this.generation.get(call.callId) ?? 0) + 1);
    this.clearTimer(call.callId);
    if (silence) {
      this.media.stopMedia({ callId: call.mediaCallId, fromTag: call.fromTag }).catch(() => {
        // Nothing was playing, or the call is gone: either way there is nothing left to stop.
      });
    }
  }

  /** The call is over: forget it. */
  forget(callId: string): void {
    this.clearTimer(callId);
    this.generation.delete(callId);
  }

  private clearTimer(callId: string): void {
    // The waiting sequence wakes up, sees it was replaced and ends.
    const pending = this.timers.get(callId);
    this.timers.delete(callId);
    if (pending) {
      clearTimeout(pending.timer);
      pending.done();
    }
  }
}
