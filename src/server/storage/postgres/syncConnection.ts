/**
 * A PostgreSQL connection the hub can call synchronously. The connection lives on a worker thread
 * (connectionWorker.mjs); a call posts the request and blocks on Atomics.wait until the worker
 * has answered, then takes the reply with receiveMessageOnPort. The hub's repositories were
 * written for better-sqlite3's synchronous calls, and this keeps them, and their transactions as
 * plain function calls, on both engines (decision 0044).
 */
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { SqlValue } from '../database.js';

export interface QueryReply {
  rows: Record<string, unknown>[];
  rowCount: number;
}

type Request =
  | { kind: 'query'; text: string; values: SqlValue[]; reconnect: boolean }
  | { kind: 'script'; text: string; reconnect: boolean }
  | { kind: 'close' };

/** A database error with PostgreSQL's SQLSTATE (23505 unique violation, 40P01 deadlock, …). */
export class DatabaseError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'DatabaseError';
  }
}

export interface SyncConnectionOptions {
  /** How long one statement may take before the hub gives up on the database. */
  statementTimeoutMs?: number;
  connectTimeoutMs?: number;
}

export class SyncConnection {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private readonly timeoutMs: number;
  /** The number of the last request; the worker stores it in the flag once that request is answered. */
  private sequence = 0;
  private closed = false;

  constructor(url: string, options: SyncConnectionOptions = {}) {
    this.timeoutMs = options.statementTimeoutMs ?? 30_000;
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(new URL('./connectionWorker.mjs', import.meta.url), {
      workerData: { port: port2, signal: this.flag.buffer, url, connectTimeoutMs: options.connectTimeoutMs ?? 5000 },
      transferList: [port2],
    });
    // The worker only ever runs while this thread waits on it; it must not keep the process alive.
    this.worker.unref();
  }

  query(text: string, values: SqlValue[], reconnect: boolean): QueryReply {
    return this.call({ kind: 'query', text, values, reconnect });
  }

  script(text: string, reconnect: boolean): void {
    this.call({ kind: 'script', text, reconnect });
  }

  close(): void {
    if (this.closed) return;
    try {
      this.call({ kind: 'close' });
    } finally {
      this.closed = true;
      void this.worker.terminate();
    }
  }

  private call(request: Request): QueryReply {
    if (this.closed) throw new DatabaseError('the database connection is closed', undefined);
    // The flag holds the number of the last request answered, not just "answered": the worker
    // stores it and then notifies, and the notify of one request can come late, while this thread
    // already waits for the next one. Waking on it must not count as the next answer.
    const id = (this.sequence = (this.sequence % 0x7fffffff) + 1);
    this.port.postMessage({ ...request, id });
    const deadline = performance.now() + this.timeoutMs;
    let seen: number;
    while ((seen = Atomics.load(this.flag, 0)) !== id) {
      const left = deadline - performance.now();
      if (left <= 0) {
        // The worker may still be inside the statement: it cannot be trusted with the next one.
        this.closed = true;
        void this.worker.terminate();
        throw new DatabaseError(`the database did not answer within ${this.timeoutMs} ms`, 'OKNO_TIMEOUT');
      }
      Atomics.wait(this.flag, 0, seen, left);
    }
    const reply = receiveMessageOnPort(this.port)?.message as
      QueryReply | { error: { message: string; code?: string } } | undefined;
    if (!reply) {
      throw new DatabaseError(
        `the database connection worker answered nothing (${request.kind}, flag ${Atomics.load(this.flag, 0)})`,
        'OKNO_LOST',
      );
    }
    if ('error' in reply) throw new DatabaseError(reply.error.message, reply.error.code);
    for (const row of reply.rows) {
      // Structured cloning turns Buffers into Uint8Arrays; repositories expect Buffers, as from SQLite.
      for (const [key, value] of Object.entries(row)) {
        if (value instanceof Uint8Array && !Buffer.isBuffer(value)) row[key] = Buffer.from(value);
      }
    }
    return reply;
  }
}
