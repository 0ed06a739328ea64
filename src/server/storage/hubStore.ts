/**
 * Opens the hub's database, brings it to the newest schema and wires the repositories once: the
 * embedded `<dataDir>/hub.sqlite` by default, PostgreSQL when a database URL is given. The data
 * folder holds the hub's secret key and files either way.
 */
import { createKeyedHash, type KeyedHash } from '../customers/keyedHash.js';
import { loadSecretKey } from '../gateways/secretSeal.js';
import { CustomerDocumentsRepo } from './customerDocumentsRepo.js';
import { CustomerProfilesRepo } from './customerProfilesRepo.js';
import { DeskAuditRepo } from './deskAuditRepo.js';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { uuidv7 } from '../../shared/ids.js';
import type { Logger } from '../../shared/log.js';
import { ChangeFeed } from '../sync/changeFeed.js';
import { ActivitiesRepo } from './activitiesRepo.js';
import { AgentsRepo } from './agentsRepo.js';
import { BlocklistRepo } from './blocklistRepo.js';
import { ChangeLog } from './changeLog.js';
import { CustomersRepo } from './customersRepo.js';
import { LinesRepo } from './linesRepo.js';
import { MessagesRepo } from './messagesRepo.js';
import { KnowledgeRepo } from './knowledgeRepo.js';
import { MetaRepo } from './metaRepo.js';
import { migrate } from './migrate.js';
import { MutationsRepo } from './mutationsRepo.js';
import { PromptsRepo } from './promptsRepo.js';
import { QaRepo } from './qaRepo.js';
import { QueueCallsRepo } from './queueCallsRepo.js';
import { RecordingsRepo } from './recordingsRepo.js';
import { RegisterRepo } from './registerRepo.js';
import { RoutingRepo } from './routingRepo.js';
import { RulesRepo } from './rulesRepo.js';
import { SessionsRepo } from './sessionsRepo.js';
import type { Database } from './database.js';
import { openPostgres } from './postgres/openPostgres.js';
import { openSqlite } from './sqlite.js';
import { TemplatesRepo } from './templatesRepo.js';
import { TopicsRepo } from './topicsRepo.js';
import { ThreadsRepo } from './threadsRepo.js';
import { VisitorsRepo } from './visitorsRepo.js';
import { DerivedRows } from './derivedRows.js';
import { createWriter, type Write } from './writer.js';

export const HUB_DB_FILE = 'hub.sqlite';

export interface HubStoreOptions {
  /** postgres://… to keep the hub's data in PostgreSQL; absent: SQLite in the data folder. */
  databaseUrl?: string;
}

export interface HubStore {
  readonly db: Database;
  /** The folder with the hub's secret key, files and (with SQLite) its database. */
  readonly dataDir: string;
  /** Identifies this database; sync cursors are meaningful only together with it. */
  readonly hubId: string;
  readonly changeLog: ChangeLog;
  readonly feed: ChangeFeed;
  /** Rows each write derives inside its own transaction (the stats rows). */
  readonly derivedRows: DerivedRows;
  readonly write: Write;
  readonly agents: AgentsRepo;
  readonly sessions: SessionsRepo;
  readonly customers: CustomersRepo;
  readonly visitors: VisitorsRepo;
  readonly threads: ThreadsRepo;
  readonly messages: MessagesRepo;
  readonly mutations: MutationsRepo;
  readonly meta: MetaRepo;
  readonly routing: RoutingRepo;
  readonly rules: RulesRepo;
  readonly templates: TemplatesRepo;
  readonly lines: LinesRepo;
  readonly blocklist: BlocklistRepo;
  readonly queueCalls: QueueCallsRepo;
  readonly prompts: PromptsRepo;
  /** Keyed hashes of card/passport/account numbers and code words (decision 0031). */
  readonly keyedHash: KeyedHash;
  readonly documents: CustomerDocumentsRepo;
  readonly profiles: CustomerProfilesRepo;
  readonly audit: DeskAuditRepo;
  /** Planned activities (decision 0036). */
  readonly activities: ActivitiesRepo;
  /** The topic tree, its history and the topics set at wrap-up (decision 0032). */
  readonly topics: TopicsRepo;
  /** The knowledge base: articles, their versions, documents and search (decision 0034). */
  readonly knowledge: KnowledgeRepo;
  /** The complaints and requests register (decision 0035). */
  readonly register: RegisterRepo;
  /** Call recordings and their settings (decision 0037). */
  readonly recordings: RecordingsRepo;
  /** Quality scoring: forms, scores, the report (decision 0042). */
  readonly qa: QaRepo;
  close(): void;
}

function openSqliteStore(dataDir: string, log: Logger): Database {
  const db = openSqlite(path.join(dataDir, HUB_DB_FILE));
  for (const file of [HUB_DB_FILE, `${HUB_DB_FILE}-wal`, `${HUB_DB_FILE}-shm`]) {
    const full = path.join(dataDir, file);
    if (existsSync(full)) chmodSync(full, 0o600);
  }
  try {
    migrate(db, log);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

export function openHubStore(dataDir: string, now: () => number, log: Logger, options: HubStoreOptions = {}): HubStore {
  // Customers' messages and sealed secrets live here: only the hub's own user may read them.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const db = options.databaseUrl ? openPostgres(options.databaseUrl, log) : openSqliteStore(dataDir, log);
  try {
    const meta = new MetaRepo(db);
    let hubId = meta.get('hub_id');
    if (!hubId) {
      hubId = uuidv7(now());
      meta.set('hub_id', hubId);
    }
    const changeLog = new ChangeLog(db);
    const feed = new ChangeFeed(changeLog.maxSeq());
    const derivedRows = new DerivedRows();
    const keyedHash = createKeyedHash(loadSecretKey(dataDir));
    return {
      db,
      dataDir,
      hubId,
      changeLog,
      feed,
      derivedRows,
      write: createWriter(db, changeLog, feed, derivedRows, now, log),
      agents: new AgentsRepo(db),
      sessions: new SessionsRepo(db),
      customers: new CustomersRepo(db),
      visitors: new VisitorsRepo(db),
      threads: new ThreadsRepo(db),
      messages: new MessagesRepo(db),
      mutations: new MutationsRepo(db),
      meta,
      routing: new RoutingRepo(db),
      rules: new RulesRepo(db),
      templates: new TemplatesRepo(db),
      lines: new LinesRepo(db),
      blocklist: new BlocklistRepo(db),
      queueCalls: new QueueCallsRepo(db),
      prompts: new PromptsRepo(db),
      keyedHash,
      documents: new CustomerDocumentsRepo(db, keyedHash),
      profiles: new CustomerProfilesRepo(db),
      audit: new DeskAuditRepo(db),
      activities: new ActivitiesRepo(db),
      topics: new TopicsRepo(db),
      knowledge: new KnowledgeRepo(db),
      register: new RegisterRepo(db),
      recordings: new RecordingsRepo(db),
      qa: new QaRepo(db),
      close: () => {
        if (db.open) db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
