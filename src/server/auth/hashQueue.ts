/**
 * Password hashing is the one thing a sign-in flood can make the hub spend: each scrypt takes
 * ~0.4 s of a core and 128 MiB. Hashes run at most `concurrency` at a time, at most `maxWaiting`
 * wait behind them, and one beyond that is refused at once (HashQueueFull) instead of waiting
 * for ever — so a flood costs the hub a fixed amount of CPU and memory and gets quick refusals.
 */
import { OknoError } from '../../shared/errors.js';

export interface HashQueueOptions {
  /** Hashes running at once; default 2 (libuv has 4 threads, the rest stay free for files). */
  concurrency?: number;
  /** Hashes allowed to wait; default 16 (a team signing in at 9:00 waits a few seconds at most). */
  maxWaiting?: number;
}

/** The hub is hashing as many passwords as it will: try again in a few seconds (HTTP 503 + Retry-After). */
export class HashQueueFull extends OknoError {
  readonly retryAfterSeconds = 2;

  constructor() {
    super(
      'hub_busy',
      'the hub is checking too many passwords at once; this one was not checked — try again in a few seconds',
      undefined,
      { seconds: 2 },
    );
  }
}

export class HashQueue {
  private readonly concurrency: number;
  private readonly maxWaiting: number;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(options: HashQueueOptions = {}) {
    this.concurrency = options.concurrency ?? 2;
    this.maxWaiting = options.maxWaiting ?? 16;
  }

  /** Runs `job` when a slot is free; throws HashQueueFull at once when the queue is full. */
  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) throw new HashQueueFull();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await job();
    } finally {
      // The slot passes straight to the next waiter, so `running` never drops below what is running.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }

  /** Running and waiting, for tests and logs. */
  load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}
