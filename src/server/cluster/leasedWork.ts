/**
 * Work that must run on exactly one hub instance (polling a Telegram bot, IMAP IDLE, the clock
 * that fires deadlines): each piece runs only while this instance holds its lease, renewed every
 * third of its lifetime. When the holder dies its lease expires and another instance starts the
 * work within a lifetime (decision 0047). A hub that runs alone holds every lease at once.
 */
import type { Logger } from '../../shared/log.js';

/** Where leases are kept: the database for a cluster (LeasesRepo), nowhere for a hub alone. */
export interface LeaseStore {
  claim(name: string, holder: string, now: number, ttlMs: number): boolean;
  release(name: string, holder: string): void;
}

/** A hub that runs alone holds every lease, without writing it anywhere. */
export const SOLO_LEASES: LeaseStore = { claim: () => true, release: () => undefined };

export interface Job {
  start(): void | Promise<void>;
  stop(): void | Promise<void>;
}

export const LEASE_MS = 6000;

export class LeasedWork {
  private readonly jobs = new Map<string, { job: Job; running: boolean }>();
  private timer: NodeJS.Timeout | null = null;
  private busy: Promise<void> = Promise.resolve();

  constructor(
    private readonly leases: LeaseStore,
    private readonly holder: string,
    private readonly now: () => number,
    private readonly log: Logger,
    private readonly ttlMs = LEASE_MS,
  ) {}

  add(name: string, job: Job): void {
    this.jobs.set(name, { job, running: false });
  }

  /** Which leases this instance holds now (for health and tests). */
  held(): string[] {
    return [...this.jobs].filter(([, state]) => state.running).map(([name]) => name);
  }

  async start(): Promise<void> {
    await this.renew();
    this.timer = setInterval(() => void this.renew(), Math.max(50, Math.floor(this.ttlMs / 3)));
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.busy;
    for (const [name, state] of this.jobs) {
      if (!state.running) continue;
      state.running = false;
      await this.safely(name, () => state.job.stop());
      try {
        this.leases.release(name, this.holder);
      } catch (error) {
        this.log.warn('lease not released; it expires', { name, error: String(error) });
      }
    }
  }

  /** Claims or renews every lease now, starting or stopping work (the timer does this every ttl/3). */
  renew(): Promise<void> {
    this.busy = this.busy.then(() => this.claimAll());
    return this.busy;
  }

  private async claimAll(): Promise<void> {
    for (const [name, state] of this.jobs) {
      let held: boolean;
      try {
        held = this.leases.claim(name, this.holder, this.now(), this.ttlMs);
      } catch (error) {
        // The database is away: the lease will expire elsewhere too; stop rather than run twice.
        this.log.warn('lease not renewed', { name, error: String(error) });
        held = false;
      }
      if (held && !state.running) {
        this.log.info('lease taken: starting', { name, holder: this.holder });
        state.running = true;
        await this.safely(name, () => state.job.start());
      } else if (!held && state.running) {
        this.log.warn('lease lost: stopping', { name, holder: this.holder });
        state.running = false;
        await this.safely(name, () => state.job.stop());
      }
    }
  }

  private async safely(name: string, work: () => void | Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.log.error('leased work failed', { name, error: String(error) });
    }
  }
}
