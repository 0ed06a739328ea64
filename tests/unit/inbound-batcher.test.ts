/**
 * The inbound batcher's own rules (decision 0051), with a plain function standing for the store
 * (tests/integration/channel-group-commit.test.ts runs it on the hub database): what is handed over
 * in one turn is one batch, no batch is bigger than the cap, a batch that throws is tried message
 * by message, and settled() waits for what was handed over.
 */
import { describe, expect, it } from 'vitest';
import { createLogger, setLogLevel } from '../../src/shared/log.js';
import type { IngestOutcome } from '../../src/server/gateways/gateway.js';
import { InboundBatcher } from '../../src/server/gateways/inboundBatcher.js';
import type { InboundItem } from '../../src/server/gateways/ingestInbound.js';

function item(externalId: string): InboundItem {
  return {
    channel: { id: 'c', kind: 'webhook', name: 'c', settings: {}, enabled: true },
    message: {
      externalId,
      sender: { kind: 'webhook', value: 'u', name: null },
      text: externalId,
      html: null,
      attachments: [],
      replyAddress: 'a',
      inReplyTo: [],
      subject: null,
    },
  };
}

/** A store that keeps the batches it was given and refuses any batch holding `bad`. */
function storeRefusing(bad: string | null) {
  const batches: string[][] = [];
  const store = (items: readonly InboundItem[]): IngestOutcome[] => {
    const ids = items.map((i) => i.message.externalId);
    batches.push(ids);
    if (bad && ids.includes(bad)) throw new Error(`refused ${bad}`);
    return ids.map((id) => ({ outcome: 'stored', messageId: `m-${id}`, threadId: 't' }));
  };
  return { batches, store };
}

describe('inbound batcher', () => {
  setLogLevel('error');
  const log = createLogger('test');

  it('stores what is handed over in one turn as one batch, cut at the cap, in order', async () => {
    const { batches, store } = storeRefusing(null);
    const batcher = new InboundBatcher({ store, log, maxBatch: 3 });
    const ids = ['1', '2', '3', '4', '5', '6', '7'];
    const outcomes = await Promise.all(ids.map((id) => batcher.submit(item(id))));
    expect(batches).toEqual([['1', '2', '3'], ['4', '5', '6'], ['7']]);
    expect(outcomes.map((o) => o.messageId)).toEqual(ids.map((id) => `m-${id}`));
    // A later turn is a batch of its own.
    await batcher.submit(item('8'));
    expect(batches.at(-1)).toEqual(['8']);
  });

  it('tries a failed batch message by message: only the bad one rejects, with its own error', async () => {
    const { batches, store } = storeRefusing('b');
    const batcher = new InboundBatcher({ store, log });
    const results = await Promise.allSettled(['a', 'b', 'c'].map((id) => batcher.submit(item(id))));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toBe('Error: refused b');
    expect(batches).toEqual([['a', 'b', 'c'], ['a'], ['b'], ['c']]);
  });

  it('settles once everything handed over is stored or refused', async () => {
    const { batches, store } = storeRefusing(null);
    const batcher = new InboundBatcher({ store, log });
    await batcher.settled();
    const pending = batcher.submit(item('x'));
    expect(batches).toEqual([]);
    await batcher.settled();
    expect(batches).toEqual([['x']]);
    await pending;
  });
});
