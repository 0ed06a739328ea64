/**
 * Group commit of inbound channel messages (decision 0051), on a real hub database (SQLite file, or
 * PostgreSQL under `npm run test:pg`): messages handed over together are one write transaction,
 * counted as the change frames the hub publishes (one per committed transaction); a message the
 * database refuses (a trigger made for the test) fails alone and the others are stored; a
 * Telegram page is one transaction with its offset; a webhook is answered only after its commit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, setLogLevel } from '../../src/shared/log.js';
import type { Message, Thread } from '../../src/shared/domain.js';
import { openChannelStore, type ChannelStore } from '../../src/server/gateways/channelStore.js';
import type { ChannelRecord, IngestOutcome } from '../../src/server/gateways/gateway.js';
import { InboundBatcher } from '../../src/server/gateways/inboundBatcher.js';
import { ingestInbound, type InboundItem } from '../../src/server/gateways/ingestInbound.js';
import { sign } from '../../src/server/gateways/webhook/signature.js';
import type { Database } from '../../src/server/storage/database.js';
import { openHubStore, type HubStore } from '../../src/server/storage/hubStore.js';
import type { Tx } from '../../src/server/storage/writer.js';
import type { ChangesFrame } from '../../src/server/sync/changeFeed.js';
import type { InboundHook } from '../../src/server/webchat/webchatGateway.js';
import { createChannel, deadLetters, waitFor } from '../support/channelHarness.js';
import { FakeTelegram } from '../support/fakeTelegram.js';
import { openHubDatabase, testDatabase, testEngine } from '../support/testDatabase.js';
import { login, openLive, removeTempDirs, startHub, tempDir, type Loose } from './hub-harness.js';

const POISON = 'poison: the database refuses this message';

/** A trigger that makes the database refuse a message with the POISON text, on either engine. */
function refusePoison(db: Database): void {
  if (testEngine() === 'postgres') {
    db.exec(`
      CREATE OR REPLACE FUNCTION refuse_poison() RETURNS trigger AS $$
      BEGIN
        IF NEW.text = '${POISON}' THEN RAISE EXCEPTION 'poisoned message refused'; END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql;
      DROP TRIGGER IF EXISTS refuse_poison ON messages;
      CREATE TRIGGER refuse_poison BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION refuse_poison();`);
  } else {
    db.exec(`
      CREATE TRIGGER IF NOT EXISTS refuse_poison BEFORE INSERT ON messages
      WHEN NEW.text = '${POISON}' BEGIN SELECT RAISE(ABORT, 'poisoned message refused'); END;`);
  }
}

function acceptPoison(db: Database): void {
  db.exec(testEngine() === 'postgres' ? 'DROP TRIGGER refuse_poison ON messages' : 'DROP TRIGGER refuse_poison');
}

afterAll(() => removeTempDirs());

describe('inbound batcher on the hub database', () => {
  const channel: ChannelRecord = { id: 'ch-batch', kind: 'webhook', name: 'Batch', settings: {}, enabled: true };
  let store: HubStore;
  let channels: ChannelStore;
  let batcher: InboundBatcher;
  const frames: ChangesFrame[] = [];
  /** What the contact center's hook was shown: every message, and each commit it was flushed for. */
  const seen: { messages: string[]; flushed: Tx[]; transactions: Set<Tx> } = {
    messages: [],
    flushed: [],
    transactions: new Set(),
  };

  beforeAll(() => {
    setLogLevel('error');
    const dataDir = tempDir();
    store = openHubStore(dataDir, Date.now, createLogger('test'), testDatabase(dataDir));
    channels = openChannelStore(store.db);
    channels.channels.save({ ...channel, secretsSealed: '', createdAt: 1, updatedAt: 1 });
    store.feed.subscribe((frame) => frames.push(frame));
    const hook: InboundHook = {
      customerMessage(tx: Tx, _thread: Thread, message: Message) {
        seen.transactions.add(tx);
        seen.messages.push(message.text);
      },
      flush(tx: Tx) {
        seen.flushed.push(tx);
      },
    };
    const deps = { store, channels, hook, log: createLogger('test') };
    batcher = new InboundBatcher({ store: (items) => ingestInbound(deps, items), log: deps.log });
  });
  afterAll(() => store?.close());

  function item(externalId: string, text: string, offset: number): InboundItem {
    return {
      channel,
      message: {
        externalId,
        sender: { kind: 'webhook', value: `batch:${externalId.split('-')[0]}`, name: null },
        text,
        html: null,
        attachments: [],
        replyAddress: 'conversation',
        inReplyTo: [],
        subject: null,
      },
      state: { key: 'offset', value: String(offset) },
    };
  }

  function storedTexts(): string[] {
    return (
      store.db.prepare("SELECT text FROM messages WHERE author_kind = 'customer' ORDER BY text").all() as {
        text: string;
      }[]
    ).map((row) => row.text);
  }

  it('stores messages handed over together in one transaction, a repeat within it once', async () => {
    const framesBefore = frames.length;
    const outcomes = await Promise.all([
      batcher.submit(item('a-1', 'First', 1)),
      batcher.submit(item('b-1', 'Second', 2)),
      batcher.submit(item('a-1', 'First', 3)),
    ]);
    expect(outcomes.map((o) => o.outcome)).toEqual(['stored', 'stored', 'duplicate']);
    expect(outcomes[2]!.messageId).toBe(outcomes[0]!.messageId);
    expect(outcomes[2]!.threadId).toBe(outcomes[0]!.threadId);
    expect(storedTexts()).toEqual(['First', 'Second']);
    expect(channels.channels.state(channel.id, 'offset')).toBe('3');
    // One commit: one change frame, and the hook flushed once, for the transaction it saw both messages in.
    expect(frames.length - framesBefore).toBe(1);
    expect(seen.messages).toEqual(['First', 'Second']);
    expect(seen.flushed).toHaveLength(1);
    expect(seen.transactions.has(seen.flushed[0]!)).toBe(true);
  });

  it('keeps one thread’s messages of a batch in the order they came', async () => {
    const texts = Array.from({ length: 30 }, (_, i) => `In order ${String(i).padStart(2, '0')}`);
    const outcomes = await Promise.all(texts.map((text, i) => batcher.submit(item(`c-${i}`, text, 10 + i))));
    const threadId = outcomes[0]!.threadId;
    expect(new Set(outcomes.map((o) => o.threadId))).toEqual(new Set([threadId]));
    const thread = store.messages.pageOf(threadId, undefined, 100).messages.map((m) => m.text);
    expect(thread).toEqual(texts);
  });

  it('stores the others when one message of a batch fails, and rejects only that one', async () => {
    refusePoison(store.db);
    try {
      const framesBefore = frames.length;
      const flushedBefore = seen.flushed.length;
      const results = await Promise.allSettled([
        batcher.submit(item('d-1', 'Before the bad one', 41)),
        batcher.submit(item('e-1', POISON, 42)),
        batcher.submit(item('d-2', 'After the bad one', 43)),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(String((results[1] as PromiseRejectedResult).reason)).toContain('poisoned message refused');
      expect((results[0] as PromiseFulfilledResult<IngestOutcome>).value.outcome).toBe('stored');
      expect((results[2] as PromiseFulfilledResult<IngestOutcome>).value.outcome).toBe('stored');
      expect(storedTexts()).toEqual(expect.arrayContaining(['Before the bad one', 'After the bad one']));
      expect(storedTexts()).not.toContain(POISON);
      expect(channels.inbound.messageByKey(channel.id, 'e-1')).toBeNull();
      // Offsets commit with their own messages, in order.
      expect(channels.channels.state(channel.id, 'offset')).toBe('43');
      // The batch rolled back whole; then one transaction per message, the bad one rolled back too.
      expect(frames.length - framesBefore).toBe(2);
      expect(seen.flushed.length - flushedBefore).toBe(2);
    } finally {
      acceptPoison(store.db);
    }
    // Nothing of the refused message stuck: sent again, it is stored.
    expect((await batcher.submit(item('e-1', POISON, 44))).outcome).toBe('stored');
  });
});

describe('Telegram pages and webhooks through a hub', () => {
  const TOKEN = '4242:group-commit';
  let fake: FakeTelegram;
  let hub: Awaited<ReturnType<typeof startHub>>;
  let token: string;
  let db: Database;
  let telegramId: string;
  let live: Awaited<ReturnType<typeof openLive>>['live'];

  beforeAll(async () => {
    setLogLevel('error');
    fake = await new FakeTelegram(TOKEN).start();
    hub = await startHub();
    token = await login(hub.url);
    db = openHubDatabase(hub.dataDir);
    ({ live } = await openLive(hub.url, token));
    const channel = await createChannel(hub.url, token, {
      kind: 'telegram',
      name: 'Page bot',
      settings: { apiBase: fake.url, mode: 'polling', pollTimeoutSec: 1, retryDelayMs: 50 },
      secrets: { botToken: TOKEN },
    });
    telegramId = channel.id;
    await waitFor('the first long poll', async () => fake.offsetsAsked.length > 0);
  });
  afterAll(async () => {
    live?.socket.terminate();
    db?.close();
    await hub?.close();
    await fake?.stop();
  });

  function storedOffset(): number {
    const row = db
      .prepare("SELECT value FROM channel_state WHERE channel_id = ? AND key = 'offset'")
      .get(telegramId) as { value: string } | undefined;
    return Number(row?.value ?? '0');
  }

  /** The change frames that carry a message with one of `texts`. */
  function framesWith(texts: string[]): Loose[] {
    return live.frames.filter(
      (f: Loose) =>
        f.type === 'changes' && f.changes.some((c: Loose) => c.entity === 'message' && texts.includes(c.data.text)),
    );
  }

  it('stores a page of updates in one transaction, with its offset', async () => {
    const texts = ['Page one', 'Page two', 'Page three', 'Page four', 'Page five'];
    let last = 0;
    // Pushed together, they come back as one getUpdates page.
    texts.forEach((text, i) => {
      last = fake.pushMessage({ id: 8100 + (i % 3), first_name: `Customer ${i % 3}` }, { text });
    });
    const [frame] = await waitFor('the page’s messages', async () => {
      const carrying = framesWith(texts);
      const count = carrying.flatMap((f) => f.changes).filter((c: Loose) => c.entity === 'message').length;
      return count === texts.length ? carrying : null;
    });
    expect(framesWith(texts)).toHaveLength(1);
    const inFrame = frame.changes.filter((c: Loose) => c.entity === 'message').map((c: Loose) => c.data.text);
    expect(inFrame).toEqual(texts);
    expect(storedOffset()).toBe(last + 1);
    await waitFor('the next long poll from past the page', async () => fake.offsetsAsked.at(-1) === last + 1);
  });

  it('keeps a message that cannot be stored as a dead letter and stores the rest of its page', async () => {
    refusePoison(db);
    try {
      const texts = ['Good before', POISON, 'Good after'];
      let last = 0;
      texts.forEach((text) => {
        last = fake.pushMessage({ id: 8200, first_name: 'Mixed' }, { text });
      });
      await waitFor('the good messages', async () => {
        const carrying = framesWith(texts).flatMap((f) => f.changes);
        return carrying.filter((c: Loose) => c.entity === 'message').length === 2;
      });
      const letter = await waitFor('the dead letter', async () =>
        (await deadLetters(hub.url, token)).find((l) => l.channelId === telegramId && l.reason === 'failed'),
      );
      expect(letter.detail).toContain('poisoned message refused');
      await waitFor('the offset past the page', async () => storedOffset() === last + 1);
      await waitFor('the next long poll from past the page', async () => fake.offsetsAsked.at(-1) === last + 1);
    } finally {
      acceptPoison(db);
    }
  });

  it('answers a webhook only once its message is committed: 500 for one that is not, 200 for the others', async () => {
    const secret = 'group-commit-signing-secret-000';
    const channel = await createChannel(hub.url, token, {
      kind: 'webhook',
      name: 'Bot',
      settings: {},
      secrets: { signingSecret: secret },
    });
    const post = async (id: string, text: string) => {
      const body = JSON.stringify({ type: 'message', id, conversationId: `c-${id}`, sender: { id: `u-${id}` }, text });
      const at = Math.floor(Date.now() / 1000);
      const response = await fetch(`${hub.url}${channel.webhookPath}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-okno-signature': sign(secret, at, body),
          'x-okno-timestamp': String(at),
        },
        body,
      });
      const answer = (await response.json()) as Loose;
      // Read from another connection as soon as the answer is here: a 200's message is committed.
      const row = answer.messageId ? db.prepare('SELECT text FROM messages WHERE id = ?').get(answer.messageId) : null;
      return { status: response.status, answer, row };
    };
    refusePoison(db);
    try {
      const [good, bad, again, repeat] = await Promise.all([
        post('w-1', 'Webhook one'),
        post('w-2', POISON),
        post('w-3', 'Webhook three'),
        post('w-1', 'Webhook one'),
      ]);
      expect([good.status, bad.status, again.status, repeat.status]).toEqual([200, 500, 200, 200]);
      expect(good.row).toEqual({ text: 'Webhook one' });
      expect(again.row).toEqual({ text: 'Webhook three' });
      expect([good.answer.duplicate, repeat.answer.duplicate].sort()).toEqual([false, true]);
      expect(repeat.answer.messageId).toBe(good.answer.messageId);
    } finally {
      acceptPoison(db);
    }
    // The refused call, sent again as its sender would, is stored.
    expect((await post('w-2', POISON)).status).toBe(200);
  });
});
