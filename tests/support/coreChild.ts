/**
 * The agent core as a separate process, for the fault-injection suite: it opens the core on a
 * data folder, signs in (or resumes the saved sign-in) and then, in "chaos" mode, types replies
 * into the given threads as fast as an agent on caffeine, printing one line per message the
 * core accepted. The parent kills it with SIGKILL whenever it likes and starts it again on the
 * same folder. In "settle" mode it types nothing and says "settled" once the outbox is empty and
 * the link is up. Commands on stdin: `exit` closes it in order; `diskfull on` / `diskfull off` cap
 * its cache at the size it has (tests/support/diskCap.ts): a reply refused with `disk_full` is
 * typed again once there is room, as an agent would.
 *
 * Run: node --import tsx tests/support/coreChild.ts '<json ChildConfig>'
 * Lines on stdout: `ready`, `typed <threadIndex> <k> <messageId>`, `status <ready|not_ready>`, `settled`,
 * `refused disk_full`, `diskfull on <connections>`, `diskfull off <connections>`.
 */
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createAgentCore, createFileKeySecretBox, type AgentCore } from '../../src/main/core/index.js';
import { openSqlite } from '../../src/main/core/store/sqlite.js';
import { STORE_FILE } from '../../src/main/core/store/localStore.js';
import type { ConnectionState, RequestName, SessionState } from '../../src/shared/contract.js';
import { dispatch } from '../../src/shared/contractWire.js';
import { setLogLevel } from '../../src/shared/log.js';
import { watchDisk } from './diskCap.js';
import { cacheKeyOf } from './cacheKey.js';

export interface ChildConfig {
  dataDir: string;
  hubUrl: string;
  login: string;
  password: string;
  threadIds: string[];
  mode: 'chaos' | 'settle';
  /** Pause between two typed messages, picked in [min, max] ms. */
  typeEveryMs: [number, number];
}

/** The text of the k-th reply typed into thread t; the parent checks them back by this shape. */
export function replyText(threadIndex: number, k: number): string {
  return `fz ${threadIndex} ${k}`;
}

const REPLY = /^fz (\d+) (\d+)$/;

const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
setLogLevel('error');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const say = (line: string) => process.stdout.write(`${line}\n`);

const disk = watchDisk(config.dataDir);
let exitRequested: () => void = () => undefined;
const exitWanted = new Promise<void>((resolve) => {
  exitRequested = resolve;
});
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'diskfull on') say(`diskfull on ${disk.fill()}`);
  else if (line === 'diskfull off') say(`diskfull off ${disk.free()}`);
  else if (line === 'exit') exitRequested();
});

async function call<T>(core: AgentCore, name: RequestName, input: unknown = {}): Promise<T> {
  const result = await dispatch(core.handlers, name, input);
  if (!result.ok) throw Object.assign(new Error(`${result.error.code}: ${result.error.message}`), result.error);
  return result.output as T;
}

/** As `call`, but a write the full disk refused is made again once there is room (nothing of it was kept). */
async function persist<T>(core: AgentCore, name: RequestName, input: unknown): Promise<T> {
  for (;;) {
    try {
      return await call<T>(core, name, input);
    } catch (error) {
      if ((error as { code?: string }).code !== 'disk_full') throw error;
      say('refused disk_full');
      await sleep(25);
    }
  }
}

async function signedIn(core: AgentCore): Promise<void> {
  for (;;) {
    const session = await call<SessionState>(core, 'session.get');
    if (session.signedIn) return;
    try {
      await call(core, 'session.signIn', { hubUrl: config.hubUrl, login: config.login, password: config.password });
      return;
    } catch {
      await sleep(100);
    }
  }
}

/** The highest k already typed into each thread, read from the local store the core keeps. */
function typedSoFar(): number[] {
  const db = openSqlite(path.join(config.dataDir, STORE_FILE), cacheKeyOf(config.dataDir));
  try {
    const rows = db.prepare("SELECT thread_id, text FROM messages WHERE direction = 'out'").all() as {
      thread_id: string;
      text: string;
    }[];
    const highest = config.threadIds.map(() => 0);
    for (const row of rows) {
      const match = REPLY.exec(row.text);
      const index = config.threadIds.indexOf(row.thread_id);
      if (!match || index < 0 || Number(match[1]) !== index) continue;
      highest[index] = Math.max(highest[index]!, Number(match[2]));
    }
    return highest;
  } finally {
    db.close();
  }
}

async function chaos(core: AgentCore): Promise<void> {
  // A reply needs its thread in the cache: until the first sync brought it, there is nothing to type into.
  for (const threadId of config.threadIds) {
    for (;;) {
      try {
        await call(core, 'thread.get', { threadId });
        break;
      } catch {
        await sleep(50);
      }
    }
  }
  const highest = typedSoFar();
  const [min, max] = config.typeEveryMs;
  for (let n = 0; ; n++) {
    const index = n % config.threadIds.length;
    const k = highest[index]! + 1;
    const message = await persist<{ id: string }>(core, 'message.send', {
      threadId: config.threadIds[index],
      text: replyText(index, k),
    });
    highest[index] = k;
    say(`typed ${index} ${k} ${message.id}`);
    if (n % 17 === 16) {
      const status = n % 34 === 16 ? 'not_ready' : 'ready';
      await persist(core, 'agent.setStatus', status === 'not_ready' ? { status, reason: 'break' } : { status });
      say(`status ${status}`);
    }
    await sleep(min + Math.random() * (max - min));
  }
}

async function settle(core: AgentCore): Promise<void> {
  for (;;) {
    const state = await call<ConnectionState>(core, 'connection.get');
    if (state.status === 'online' && state.pendingMutations === 0) break;
    await sleep(50);
  }
  say('settled');
  await exitWanted;
  await core.close();
  process.exit(0);
}

async function main(): Promise<void> {
  const core = await createAgentCore({
    dataDir: config.dataDir,
    host: 'browser',
    secretBox: createFileKeySecretBox(config.dataDir),
    syncTiming: {
      heartbeatMs: 400,
      backoffBaseMs: 50,
      backoffMaxMs: 800,
      requestTimeoutMs: 2500,
      pullPageSize: 100,
    },
  });
  await signedIn(core);
  say('ready');
  if (config.mode === 'settle') await settle(core);
  else await chaos(core);
}

void main().catch((error: unknown) => {
  process.stderr.write(
    `core child failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
