import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../../shared/log.js';
import { createApplyChanges, type ApplyChanges } from './applyChanges.js';
import { createAttachmentsRepo, type AttachmentsRepo } from './attachmentsRepo.js';
import { createRetention, type Retention } from './retention.js';
import { createCustomersRepo, type CustomersRepo } from './customersRepo.js';
import { openEncrypted } from './encryptedFile.js';
import { createMessageSearchRepo, type MessageSearchRepo } from './messageSearchRepo.js';
import { createMessagesRepo, type MessagesRepo } from './messagesRepo.js';
import { createMetaRepo, type MetaRepo } from './metaRepo.js';
import { migrate } from './migrate.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';
import { createOutboxRepo, type OutboxRepo } from './outboxRepo.js';
import { createThreadReachRepo, type ThreadReachRepo } from './reachRepo.js';
import { withSlowQueryLog } from './slowQueryLog.js';
import { openSqlite, type SqliteDatabase } from './sqlite.js';
import { createThreadsRepo, type ThreadsRepo } from './threadsRepo.js';

export const STORE_FILE = 'okno.sqlite';

/** The local cache: a replica of the hub's state plus the outbox of what the agent did. */
export interface LocalStore {
  readonly db: SqliteDatabase;
  readonly meta: MetaRepo;
  readonly customers: CustomersRepo;
  readonly threads: ThreadsRepo;
  readonly messages: MessagesRepo;
  readonly search: MessageSearchRepo;
  readonly outbox: OutboxRepo;
  readonly attachments: AttachmentsRepo;
  readonly retention: Retention;
  /** Which threads are here only partly, or only for the outbox (the agent's reach, decision 0031). */
  readonly reach: ThreadReachRepo;
  applyChanges: ApplyChanges;
  /**
   * Forgets the replica (customers, threads, messages, cursor, hub id) but keeps the outbox.
   * `keepLocal` also keeps the messages written here and not yet on the hub (pending or failed),
   * so a replica rebuilt under the same agent shows everything they wrote.
   */
  clearReplica(options?: { keepLocal?: boolean }): void;
  transaction<R>(fn: () => R): R;
  close(): void;
}

export interface OpenStoreOptions {
  log?: Logger;
  /** Tests pass a shorter list to stop at an older schema. */
  migrations?: readonly Migration[];
  /**
   * 32 bytes: the file is encrypted at rest with it (the core always passes one, see openCache.ts;
   * unit tests and benches may leave the file plain). A plain file is encrypted in place first.
   */
  key?: Buffer;
}

export function openLocalStore(dataDir: string, options: OpenStoreOptions = {}): LocalStore {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, STORE_FILE);
  const opened = options.key ? openEncrypted(file, options.key, options.log) : openSqlite(file);
  const db = options.log ? withSlowQueryLog(opened, options.log) : opened;
  try {
    // Takes effect only on a new, still empty file (hence before journal_mode, which writes the
    // header); older files switch at their first compaction (cache/compaction.ts). Lets retention
    // give pages back without a full VACUUM.
    db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, options.migrations ?? MIGRATIONS, options.log);
  } catch (error) {
    db.close();
    throw error;
  }

  const meta = createMetaRepo(db);
  const customers = createCustomersRepo(db);
  const threads = createThreadsRepo(db);
  const search = createMessageSearchRepo(db);
  const messages = createMessagesRepo(db, search);
  const outbox = createOutboxRepo(db);
  const attachments = createAttachmentsRepo(db);
  const retention = createRetention(db, search);
  const reach = createThreadReachRepo(db, search);

  const clearReplica = db.transaction((keepLocal: boolean) => {
    if (keepLocal) messages.clearSynced();
    else messages.clear();
    attachments.removeOrphans();
    retention.clear();
    reach.clear();
    threads.clear();
    customers.clear();
    meta.remove('hub_id');
    meta.setCursor(0);
  });

  return {
    db,
    meta,
    customers,
    threads,
    messages,
    search,
    outbox,
    attachments,
    retention,
    reach,
    applyChanges: createApplyChanges(db, { meta, customers, threads, messages, outbox, reach }),
    clearReplica: (options) => clearReplica(options?.keepLocal ?? false),
    transaction: <R>(fn: () => R): R => db.transaction(fn)(),
    close: () => {
      if (db.open) db.close();
    },
  };
}
