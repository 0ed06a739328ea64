/**
 * IMAP inbound with imapflow: IDLE where the server has it (imapflow falls back to NOOP polling
 * where it does not), plus a safety sync every poll interval. Each message is parsed and stored in
 * the same transaction as the channel's last seen UID, so a restart neither loses nor repeats one
 * (a run of messages shares one transaction, decision 0051);
 * a new UIDVALIDITY starts over from the first UID and Message-IDs keep that from duplicating.
 */
import { ImapFlow } from 'imapflow';
import type { EmailSecrets, EmailSettings } from '../channelConfig.js';
import type { GatewayContext, IngestOutcome, ReplayOutcome } from '../gateway.js';
import { parseEmail, type ParsedEmail } from './parseEmail.js';

const UID_KEY = 'imap.lastUid';
const VALIDITY_KEY = 'imap.uidValidity';
/** Whole messages above this are not downloaded; their headers are kept as a dead letter. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** A run of messages fetched, parsed and stored together: at most this many, and this many bytes. */
const RUN_MESSAGES = 100;
const RUN_BYTES = 32 * 1024 * 1024;

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

  /**
   * Takes every message above the last stored UID, oldest first, a run of them at a time: their
   * sources fetched in one command and parsed, then handed over together, so a run is stored in one
   * transaction (decision 0051).
   */
  private async sync(client: ImapFlow): Promise<void> {
    const lastUid = Number(this.context.loadState(UID_KEY) ?? '0');
    const fresh = (await client.fetchAll(`${lastUid + 1}:*`, { uid: true, size: true }, { uid: true }))
      .filter((m) => m.uid > lastUid)
      .sort((a, b) => a.uid - b.uid);
    let index = 0;
    while (index < fresh.length) {
      if (this.stopping.signal.aborted) return;
      const first = fresh[index]!;
      if ((first.size ?? 0) > MAX_MESSAGE_BYTES) {
        await this.keepTooLarge(client, first.uid, first.size ?? 0);
        index++;
        continue;
      }
      const run: number[] = [];
      let bytes = 0;
      for (; index < fresh.length && run.length < RUN_MESSAGES && bytes < RUN_BYTES; index++) {
        const size = fresh[index]!.size ?? 0;
        if (size > MAX_MESSAGE_BYTES) break;
        run.push(fresh[index]!.uid);
        bytes += size;
      }
      await this.takeRun(client, run);
    }
  }

  /** Over the cap: only the headers are fetched, kept as a dead letter, and the UID moved past it. */
  private async keepTooLarge(client: ImapFlow, uid: number, size: number): Promise<void> {
    const head = await client.fetchOne(String(uid), { uid: true, headers: true }, { uid: true });
    this.context.deadLetter(
      'too_large',
      `message UID ${uid} is ${size} bytes, over ${MAX_MESSAGE_BYTES}`,
      head ? (head.headers ?? '') : '',
    );
    this.context.saveState(UID_KEY, String(uid));
  }

  /**
   * A run of messages in UID order: each parsed, the messages handed over with their UIDs without
   * waiting for their commit, the others kept as dead letters once what came before them is stored
   * (so the last seen UID only moves forward). One that cannot be stored is kept as a dead letter.
   */
  private async takeRun(client: ImapFlow, uids: number[]): Promise<void> {
    const { context } = this;
    const fetched = await client.fetchAll(uids.join(','), { uid: true, source: true }, { uid: true });
    const sources = new Map(fetched.map((m) => [m.uid, m.source ?? Buffer.alloc(0)]));
    const parsed: { uid: number; source: Buffer; parsed: ParsedEmail | Error }[] = [];
    for (const uid of uids) {
      const source = sources.get(uid) ?? Buffer.alloc(0);
      const options = { ownAddress: this.settings.address, maxAttachmentBytes: this.settings.maxAttachmentBytes };
      parsed.push({ uid, source, parsed: await parseEmail(source, options).catch((error: unknown) => error as Error) });
    }
    let handedOver: { uid: number; source: Buffer; attachments: number; stored: Promise<IngestOutcome | Error> }[] = [];
    const settle = async (): Promise<void> => {
      const group = handedOver;
      handedOver = [];
      let failed = false;
      for (const { uid, source, attachments, stored } of group) {
        const result = await stored;
        if (result instanceof Error) {
          context.deadLetter('unparseable', `UID ${uid}: ${result.message}`, source);
          failed = true;
        } else {
          context.log.info('email taken', { uid, outcome: result.outcome, attachments });
        }
      }
      // A message that was not stored did not save its UID: save the group's last one.
      const last = group.at(-1);
      if (failed && last) context.saveState(UID_KEY, String(last.uid));
    };
    for (const { uid, source, parsed: email } of parsed) {
      if (!(email instanceof Error) && email.kind === 'message') {
        const stored = context
          .ingest(email.message, { key: UID_KEY, value: String(uid) })
          .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
        handedOver.push({ uid, source, attachments: email.message.attachments.length, stored });
        continue;
      }
      await settle();
      if (email instanceof Error) context.deadLetter('unparseable', `UID ${uid}: ${email.message}`, source);
      else context.deadLetter(email.kind, `UID ${uid}: ${email.detail}`, source);
      context.saveState(UID_KEY, String(uid));
    }
    await settle();
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
        await context.ingest(parsed.message);
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
