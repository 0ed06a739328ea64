/**
 * Rating requests on closed email, Telegram and VK threads (issue 16): when a thread of a channel the
 * settings name closes unrated, its customer is asked once — a link to the hub's rating page by email,
 * the messenger's own buttons on Telegram and VK — and what they press comes back here through their
 * gateway. A send that fails is logged and not retried: a rating request is a courtesy, not a reply.
 */
import { RATED_CHANNELS, type RatedChannel } from '../../shared/csat/csat.js';
import { languageOfText, RATING_WORDS } from '../../shared/csat/ratingWords.js';
import type { Thread } from '../../shared/domain.js';
import { uuidv7 } from '../../shared/ids.js';
import type { Logger } from '../../shared/log.js';
import type { ChannelStore } from '../gateways/channelStore.js';
import type { Gateway, RatingPress } from '../gateways/gateway.js';
import type { CsatRepo } from '../storage/csatRepo.js';
import type { HubStore } from '../storage/hubStore.js';
import type { RatingBook } from './ratingBook.js';

const HOUR_MS = 3_600_000;

export interface ChannelRatingsDeps {
  store: HubStore;
  channels: ChannelStore;
  repo: CsatRepo;
  book: RatingBook;
  gateway: (channelId: string) => Gateway | undefined;
  now: () => number;
  log: Logger;
}

/** The path of the email rating page for a token (the feature's public route). */
export const ratingPagePath = (token: string) => `/rate/${encodeURIComponent(token)}`;

export class ChannelRatings {
  private unsubscribe: (() => void) | null = null;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly deps: ChannelRatingsDeps) {}

  start(): void {
    this.unsubscribe ??= this.deps.store.feed.subscribe((frame) => {
      for (const change of frame.changes) {
        if (change.entity === 'thread') this.closed(change.data);
      }
    });
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    await Promise.allSettled([...this.inFlight]);
  }

  /** A press that came through a gateway, answered in the request's language. */
  rate(press: RatingPress): { ok: boolean; text: string } {
    const verdict = this.deps.book.answer(press.token, press.score, press.address);
    const words = RATING_WORDS[verdict.language];
    if (!verdict.ok) this.deps.log.info('rating refused', { reason: verdict.reason });
    return verdict.ok
      ? { ok: true, text: words.thanks(verdict.score) }
      : { ok: false, text: words.refused[verdict.reason] };
  }

  private closed(thread: Thread): void {
    if (thread.status !== 'closed' || !(RATED_CHANNELS as readonly string[]).includes(thread.channel)) return;
    const { repo, log } = this.deps;
    const channel = thread.channel as RatedChannel;
    const settings = repo.settings();
    if (!settings.channels.includes(channel) || repo.rated(thread.id) || repo.asked(thread.id, channel)) return;
    const link = this.deps.channels.inbound.threadChannel(thread.id);
    const gateway = link ? this.deps.gateway(link.channelId) : undefined;
    if (!link || !gateway) {
      log.warn('rating request not sent: the thread has no running channel', { threadId: thread.id });
      return;
    }
    if (channel === 'email' && !settings.linkBase) {
      log.warn('rating request not sent: no link address in the ratings settings', { threadId: thread.id });
      return;
    }
    const language = languageOfText(repo.customerText(thread.id));
    const request = this.deps.book.issue({
      threadId: thread.id,
      channel,
      address: link.address,
      language,
      validMs: settings.validityHours * HOUR_MS,
    });
    const words = RATING_WORDS[language];
    const send = async () => {
      if (channel !== 'email') {
        if (!gateway.askRating) throw new Error(`the ${channel} gateway cannot ask for ratings`);
        await gateway.askRating({ address: link.address, token: request.token, text: words.ask });
        return;
      }
      const url = `${settings.linkBase!.replace(/\/+$/, '')}${ratingPagePath(request.token)}`;
      await gateway.send({
        messageId: uuidv7(this.deps.now()),
        threadId: thread.id,
        text: words.emailBody(url),
        html: null,
        attachments: [],
        address: link.address,
        subject: link.subject ?? thread.subject,
        references: this.deps.channels.inbound.keysOf(thread.id, link.channelId),
        authorName: 'Okno',
        automatic: true,
      });
    };
    const task = send()
      .then(() => log.info('rating request sent', { threadId: thread.id, channel }))
      .catch((error: unknown) =>
        log.warn('rating request not sent', { threadId: thread.id, channel, error: String(error) }),
      )
      .finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
  }
}
