/**
 * One PostgreSQL connection on a worker thread, answering the hub's synchronous requests
 * (syncConnection.ts). Plain JavaScript so it loads the same under tsx, vitest and node.
 *
 * Each request is answered with one message on the port, then the request's number is stored in
 * the shared flag and the waiting thread woken. Values come back shaped like better-sqlite3's:
 * 64-bit integers and numerics as numbers, booleans as 1/0, so repositories read both engines
 * alike.
 */
import { workerData } from 'node:worker_threads';
import pg from 'pg';

const { port, signal, url, connectTimeoutMs } = workerData;
const flag = new Int32Array(signal);

function toNumber(text) {
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Error(`a number the hub cannot hold: ${text}`);
  return value;
}

const INT8 = 20;
const NUMERIC = 1700;
const BOOL = 16;
const types = {
  getTypeParser(oid, format) {
    if (oid === INT8 || oid === NUMERIC) return toNumber;
    if (oid === BOOL) return (text) => (text === 't' ? 1 : 0);
    return pg.types.getTypeParser(oid, format);
  },
};

let client = null;
/** Set when the connection dropped inside a transaction: nothing may run until the hub resets. */
let lost = false;

async function connect() {
  const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs, types });
  next.on('error', () => {
    if (client === next) {
      client = null;
      lost = true;
    }
  });
  await next.connect();
  client = next;
  lost = false;
  return next;
}

function describe(error) {
  return {
    message: error instanceof Error ? error.message : String(error),
    code: typeof error?.code === 'string' ? error.code : undefined,
  };
}

async function handle(request) {
  if (request.kind === 'close') {
    const current = client;
    client = null;
    if (current) await current.end();
    return { rows: [], rowCount: 0 };
  }
  if (lost && !request.reconnect)
    throw Object.assign(new Error('the database connection was lost'), { code: 'OKNO_LOST' });
  const connection = client ?? (await connect());
  if (request.kind === 'script') {
    await connection.query(request.text);
    return { rows: [], rowCount: 0 };
  }
  const result = await connection.query({ text: request.text, values: request.values });
  return { rows: result.rows, rowCount: result.rowCount ?? 0 };
}

port.on('message', (request) => {
  handle(request)
    .then(
      (reply) => port.postMessage(reply),
      (error) => port.postMessage({ error: describe(error) }),
    )
    .finally(() => {
      // The request's number, not just "answered": a late notify of this request then cannot pass
      // for the answer to the next one (syncConnection.ts).
      Atomics.store(flag, 0, request.id);
      Atomics.notify(flag, 0);
    });
});
