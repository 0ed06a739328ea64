/**
 * Seeds customer desk data for identification tests straight into a hub's store (the import UI is
 * another part's): a phone thread made through the hub's API (a logged call), then the customer's
 * bank id, date of birth, address, code word and documents written with the hub's own repositories
 * on a second connection to the same SQLite file (and the same secret key, so the hashes match).
 */
import { randomUUID } from 'node:crypto';
import { parseDocument } from '../../src/shared/customers/bankKeys.js';
import { createLogger } from '../../src/shared/log.js';
import { openHubStore, type HubStore } from '../../src/server/storage/hubStore.js';
import { isSqlite } from '../../src/server/storage/sqlite.js';
import { testDatabase } from './testDatabase.js';

export interface DeskCustomer {
  name: string;
  externalId: string | null;
  birthDate: string | null;
  address: string | null;
  codeWord: string | null;
  passport: string | null;
  /** A full card number: hashed and cut to its last 4 digits by the repository, never stored. */
  card: string | null;
  account: string | null;
}

/**
 * One write transaction begun IMMEDIATE (SQLite): a deferred one that reads first fails at once (busy snapshot)
 * if the hub in the other process wrote in between, instead of waiting for the lock.
 */
export function writeImmediately(store: HubStore, work: () => void): void {
  // PostgreSQL's writers wait for each other's row locks: a plain transaction is enough there.
  if (!isSqlite(store.db)) return store.db.transaction(work)();
  store.db.exec('BEGIN IMMEDIATE');
  try {
    work();
    store.db.exec('COMMIT');
  } catch (error) {
    store.db.exec('ROLLBACK');
    throw error;
  }
}

export function openSeedStore(dataDir: string): HubStore {
  const store = openHubStore(dataDir, Date.now, createLogger('seed'), testDatabase(dataDir));
  // The hub in another process writes too: wait for its transactions rather than fail.
  if (isSqlite(store.db)) store.db.pragma('busy_timeout = 10000');
  return store;
}

/** A finished inbound call from `phone` (of a known customer, or not), as an agent's app pushes it: a new phone thread. */
export async function logCall(
  hubUrl: string,
  token: string,
  phone: string,
  customerId: string | null = null,
): Promise<string> {
  const threadId = randomUUID();
  const now = Date.now();
  const response = await fetch(`${hubUrl}/api/v1/sync/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      mutations: [
        {
          id: randomUUID(),
          kind: 'call.log',
          createdAt: now,
          threadId,
          messageId: randomUUID(),
          direction: 'inbound',
          remoteUri: `sip:${phone}@pbx.test`,
          remoteNumber: phone,
          remoteName: null,
          customerId,
          startedAt: now - 60_000,
          answeredAt: now - 55_000,
          endedAt: now - 1000,
          endedBy: 'remote',
          endReason: 'bye',
        },
      ],
    }),
  });
  const body = (await response.json()) as { results?: { outcome: string }[] };
  if (body.results?.[0]?.outcome !== 'applied') throw new Error(`call not logged: ${JSON.stringify(body)}`);
  return threadId;
}

/** Writes the desk's facts of the thread's customer; returns the customer's id. */
export function seedCustomerOf(store: HubStore, threadId: string, customer: DeskCustomer): string {
  const thread = store.threads.byId(threadId);
  if (!thread) throw new Error(`thread ${threadId} is not on the hub`);
  const customerId = thread.customerId;
  const now = Date.now();
  const documents = (['passport', 'card', 'account'] as const).flatMap((kind) => {
    const value = customer[kind];
    if (value === null) return [];
    const parsed = parseDocument(kind, value);
    if (!parsed.ok) throw new Error(parsed.message);
    return [parsed];
  });
  writeImmediately(store, () => {
    store.db.prepare('UPDATE customers SET name = ? WHERE id = ?').run(customer.name, customerId);
    store.profiles.patch(customerId, {
      externalId: customer.externalId,
      birthDate: customer.birthDate,
      address: customer.address,
    });
    if (customer.codeWord !== null)
      store.profiles.setCodeWordHash(customerId, store.keyedHash.codeWord(customer.codeWord), now);
    for (const document of documents) store.documents.put(customerId, document, now);
  });
  return customerId;
}
