/**
 * Group commit for inbound channel messages (decision 0051). Messages handed over in the same turn
 * of the event loop — the webhook calls that arrived together, a Telegram page — wait for the end
 * of that turn and are then stored in one write transaction, so one disk sync covers them all.
 * Each caller's promise settles only after that commit: a webhook still answers once its message is
 * on disk. When the batch's transaction fails, its messages are stored one transaction each, so a
 * bad message fails alone (its own promise rejects with its own error) and the others are kept.
 */
import type { Logger } from '../../shared/log.js';
import type { IngestOutcome } from './gateway.js';
import type { InboundItem } from './ingestInbound.js';

/** Messages per transaction at most; more waiting are stored in further transactions. */
export const MAX_BATCH = 200;

export interface InboundBatcherDeps {
  /** Stores the items in one transaction and returns their outcomes in order, or throws storing none. */
  store: (items: readonly InboundItem[]) => IngestOutcome[];
  log: Logger;
  maxBatch?: number;
}

interface Waiting {
  item: InboundItem;
  resolve: (outcome: IngestOutcome) => void;
  reject: (error: unknown) => void;
}

export class InboundBatcher {
  private queue: Waiting[] = [];
  private scheduled = false;
  private readonly idle: (() => void)[] = [];
  private readonly maxBatch: number;

  constructor(private readonly deps: InboundBatcherDeps) {
    this.maxBatch = deps.maxBatch ?? MAX_BATCH;
  }

  /** Queues one message; resolves when it is committed, rejects with its own error when it cannot be. */
  submit(item: InboundItem): Promise<IngestOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After this turn's I/O callbacks: everything that arrived with this message joins it.
        setImmediate(() => this.flush());
      }
    });
  }

  /** Resolves when every message submitted so far has been stored or refused. */
  settled(): Promise<void> {
    if (!this.scheduled) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private flush(): void {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.commit(batch);
    }
    this.scheduled = false;
    for (const resolve of this.idle.splice(0)) resolve();
  }

  private commit(batch: Waiting[]): void {
    let outcomes: IngestOutcome[];
    try {
      outcomes = this.deps.store(batch.map((w) => w.item));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      // Nothing of the batch was stored: each message again, alone, so only a bad one fails.
      this.deps.log.warn('an inbound batch failed; storing its messages one by one', {
        messages: batch.length,
        error: String(error),
      });
      for (const waiting of batch) this.commit([waiting]);
      return;
    }
    batch.forEach((waiting, index) => waiting.resolve(outcomes[index]!));
  }
}
