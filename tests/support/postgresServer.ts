/**
 * A real PostgreSQL 15 (Debian's postgresql package) started by a test on a loopback port it
 * picks, in its own temporary folder, stopped by its PID: no system service is assumed. As root
 * the server runs as the `postgres` user through setpriv, which execs, so the child's PID is the
 * postmaster's; --pdeathsig stops it even when the test process is killed. fsync and synchronous
 * commit are off: these databases are thrown away (production keeps both on).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './freePort.js';

const PG_BIN = process.env.OKNO_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const IS_ROOT = process.getuid?.() === 0;

export interface PostgresServer {
  port: number;
  /** postgres://postgres@127.0.0.1:port/postgres */
  url: string;
  pid: number;
  dir: string;
  /** A URL to another database on this server. */
  urlOf(database: string): string;
  /** Immediate shutdown (SIGQUIT): connections cut, no checkpoint, crash recovery on the next start. */
  kill(): Promise<void>;
  /** Starts the server again on the same folder and port (after kill). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Why PostgreSQL tests cannot run here, or null when they can. */
export function postgresMissing(): string | null {
  return existsSync(path.join(PG_BIN, 'postgres')) ? null : `PostgreSQL is not installed (${PG_BIN}/postgres)`;
}

function ids(user: string): [number, number] {
  return [Number(execFileSync('id', ['-u', user]).toString()), Number(execFileSync('id', ['-g', user]).toString())];
}

function asPostgres(bin: string, args: string[]): [string, string[]] {
  const drop = IS_ROOT ? ['--reuid=postgres', '--regid=postgres', '--init-groups'] : [];
  return ['setpriv', ['--pdeathsig', 'INT', ...drop, path.join(PG_BIN, bin), ...args]];
}

async function waitReady(url: string, child: ChildProcess, log: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited:\n${log()}`);
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
    }
    if (Date.now() > deadline) throw new Error(`postgres not ready after ${timeoutMs} ms:\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function startPostgres(options: { port?: number } = {}): Promise<PostgresServer> {
  const port = options.port ?? (await freePort());
  const dir = mkdtempSync(path.join(tmpdir(), 'okno-pg-'));
  if (IS_ROOT) chownSync(dir, ...ids('postgres'));
  const data = path.join(dir, 'data');
  const [initCmd, initArgs] = asPostgres('initdb', [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
    '--no-instructions',
  ]);
  execFileSync(initCmd, initArgs, { stdio: 'pipe' });
  const [cmd, args] = asPostgres('postgres', [
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=400',
  ]);
  let log = '';
  const launch = () => {
    const started = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    started.stderr!.on('data', (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-20_000);
    });
    return started;
  };
  let child = launch();
  const urlOf = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  await waitReady(urlOf('postgres'), child, () => log);
  return {
    port,
    url: urlOf('postgres'),
    pid: child.pid!,
    dir,
    urlOf,
    kill: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGQUIT');
      await exited;
    },
    restart: async () => {
      child = launch();
      await waitReady(urlOf('postgres'), child, () => log);
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        // SIGINT is PostgreSQL's fast shutdown: open transactions roll back, clients are disconnected.
        child.kill('SIGINT');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
