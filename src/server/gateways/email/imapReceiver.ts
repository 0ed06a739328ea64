/**
 * IMAP inbound with imapflow: IDLE where the server has it (imapflow falls back to NOOP polling
 * where it does not), plus a safety sync every poll interval. Each message is parsed and stored in
 * the same transaction as the channel's last seen UID, so a restart neither loses nor repeats one;
 * a new UIDVALIDITY starts over from the first UID and Message-IDs keep that from duplicating.
 */
import { ImapFlow } from 'imapflow';
import type { EmailSecrets, EmailSettings } from '../channelConfig.js';
import type { GatewayContext, ReplayOutcome } from '../gateway.js';
import { parseEmail } from './parseEmail.js';

const UID_KEY = 'imap.lastUid';
const VALIDITY_KEY = 'imap.uidValidity';
/** Whole messages above this are not downloaded; their headers are kept as a dead letter. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export class ImapReceiver {
  private readonly stopping = new AbortController();
  private loop: Promise<void> | null = null;
  private client: ImapFlow | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly context: GatewayContext,
    private readonly settings: EmailSettings,
    private readonly secrets: EmailSecrets,
  ) {}

  start(): void {
    this.loop ??= this.run().catch((error: unknown) =>
      this.context.log.error('imap receiver stopped', { error: String(error) }),
    );
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    this.wake?.();
    const client = this.client;
    if (client) await client.logout().catch(() => client.close());
    await this.loop;
  }

  private async run(): Promise<void> {
    const { log } = this.context;
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      const client = new ImapFlow({
        host: this.settings.imap.host,
        port: this.settings.imap.port,
        secure: this.settings.imap.secure,
        auth: { user: this.settings.imap.user ?? this.settings.address, pass: this.secrets.imapPassword },
        tls: { rejectUnauthorized: !this.settings.allowInsecureTls },
        logger: false,
        autoIdleDelay: 500,
        maxIdleTime: this.settings.pollIntervalMs,
        missingIdleCommand: 'NOOP',
      });
      this.client = client;
      let changed = true;
      client.on('exists', () => {
        changed = true;
        this.wake?.();
      });
      client.on('error', (error: Error) => log.warn('imap connection error', { error: error.message }));
      try {
        await client.connect();
        const mailbox = await client.mailboxOpen(this.settings.imap.mailbox);
        log.info('imap connected', { mailbox: mailbox.path, idle: client.capabilities.has('IDLE') });
        const validity = String(mailbox.uidValidity);
        if (this.context.loadState(VALIDITY_KEY) !== validity) {
          this.context.saveState(VALIDITY_KEY, validity);
          this.context.saveState(UID_KEY, '0');
        }
        while (!signal.aborted && client.usable) {
          if (changed) {
            changed = false;
            await this.sync(client);
          }
          await this.sleep(this.settings.pollIntervalMs);
          changed = true;
        }
      } catch (error) {
        if (!signal.aborted) log.warn('imap session failed; reconnecting', { error: (error as Error).message });
      } finally {
        this.client = null;
        if (client.usable) await client.logout().catch(() => client.close());
      }
      if (!signal.aborted) await this.sleep(Math.min(this.settings.pollIntervalMs, 5000));
    }
  }

  /** Takes every message above the last stored UID, oldest first. */
  private async sync(client: ImapFlow): Promise<void> {
    const lastUid = Number(this.context.loadState(UID_KEY) ?? '0');
    const fresh = (await client.fetchAll(`${lastUid + 1}:*`, { uid: true, size: true }, { uid: true }))
      .filter((m) => m.uid > lastUid)
      .sort((a, b) => a.uid - b.uid);
    for (const item of fresh) {
      if (this.stopping.signal.aborted) return;
      await this.takeOne(client, item.uid, item.size ?? 0);
    }
  }

  private async takeOne(client: ImapFlow, uid: number, size: number): Promise<void> {
    const { context } = this;
    const state = { key: UID_KEY, value: String(uid) };
    if (size > MAX_MESSAGE_BYTES) {
      const head = await client.fetchOne(String(uid), { uid: true, headers: true }, { uid: true });
      context.deadLetter(
        'too_large',
        `message UID ${uid} is ${size} bytes, over ${MAX_MESSAGE_BYTES}`,
        head ? (head.headers ?? '') : '',
      );
      context.saveState(state.key, state.value);
      return;
    }
    const fetched = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
    const source = fetched && fetched.source ? fetched.source : Buffer.alloc(0);
    try {
      const parsed = await parseEmail(source, {
        ownAddress: this.settings.address,
        maxAttachmentBytes: this.settings.maxAttachmentBytes,
      });
      if (parsed.kind === 'message') {
        const result = context.ingest(parsed.message, state);
        context.log.info('email taken', {
          uid,
          outcome: result.outcome,
          attachments: parsed.message.attachments.length,
        });
        return;
      }
      context.deadLetter(parsed.kind, `UID ${uid}: ${parsed.detail}`, source);
    } catch (error) {
      context.deadLetter('unparseable', `UID ${uid}: ${(error as Error).message}`, source);
    }
    context.saveState(state.key, state.value);
  }

  /** A dead letter's raw message taken again (an admin's retry); no UID progress is involved. */
  async replay(source: Buffer): Promise<ReplayOutcome> {
    const { context } = this;
    try {
      const parsed = await parseEmail(source, {
        ownAddress: this.settings.address,
        maxAttachmentBytes: this.settings.maxAttachmentBytes,
      });
      if (parsed.kind === 'message') {
        context.ingest(parsed.message);
        return 'queued';
      }
      context.deadLetter(parsed.kind, `retried: ${parsed.detail}`, source);
    } catch (error) {
      context.deadLetter('unparseable', `retried: ${(error as Error).message}`, source);
    }
    return 'dead_letter';
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
