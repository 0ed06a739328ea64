/**
 * Import rate of the bank's customer base through the hub's import path (decision 0031): a CSV of
 * `rows` customers sent over HTTP in contract-sized chunks, checked and written by the job, then
 * the same file again (every row an update); an XLSX of a fifth of the rows the same way. While the
 * job writes, the job endpoint is read every 50 ms: its reply time says whether the hub stayed
 * responsive. `npm run bench:import` runs it alone (bench/customer-import.json); `npm run bench` too.
 * Figures only — nothing here asserts a speed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { UPLOAD_CHUNK_BYTES } from '../../src/shared/attachments.js';
import { fillPath } from '../../src/shared/hubApi/endpoint.js';
import {
  customerImportApi,
  FINISHED_JOB_STATES,
  type ImportJobView,
  type ImportPreview,
} from '../../src/shared/hubApi/customerImportApi.js';
import { setLogLevel } from '../../src/shared/log.js';
import { createHub, type Hub } from '../../src/server/hub.js';
import { customerRows, HEADER_RU, toCsv, toXlsx } from '../support/customerImportFiles.js';

const PASSWORD = 'bench-admin-password';

async function call<T>(hub: Hub, route: string, token: string | null, json?: unknown): Promise<T> {
  const response = await fetch(`${hub.url}${route}`, {
    method: json === undefined ? 'GET' : 'POST',
    headers: {
      ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  const body = (await response.json()) as T;
  if (!response.ok) throw new Error(`${route}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

const seconds = (ms: number) => Math.round(ms) / 1000;
const perSecond = (rows: number, ms: number) => Math.round((rows / ms) * 1000);

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
}

interface RunFigures {
  rows: number;
  fileBytes: number;
  uploadSeconds: number;
  /** Start → all rows read and checked. */
  checkSeconds: number;
  /** Checked → every row written. */
  writeSeconds: number;
  /** Start of the job → done (reading, checking and writing). */
  jobSeconds: number;
  rowsPerSecond: number;
  writeRowsPerSecond: number;
  created: number;
  updated: number;
  /** The job endpoint's reply time while the job ran (read every 50 ms). */
  hubReplyMs: { p50: number; p95: number; max: number; samples: number };
  /** How late the hub's event loop ran while the job ran (the hub is in this process): its longest stall. */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
}

async function importOnce(hub: Hub, token: string, name: string, bytes: Buffer, rows: number): Promise<RunFigures> {
  const uploadId = crypto.randomUUID();
  const uploadStarted = performance.now();
  let preview: ImportPreview | null = null;
  for (let offset = 0; offset < bytes.length; offset += UPLOAD_CHUNK_BYTES) {
    const part = bytes.subarray(offset, offset + UPLOAD_CHUNK_BYTES);
    const last = offset + part.length >= bytes.length;
    const reply = await call<{ preview: ImportPreview | null }>(
      hub,
      fillPath(customerImportApi.uploadChunk.path, { uploadId }),
      token,
      { name, size: bytes.length, offset, dataBase64: part.toString('base64'), last },
    );
    preview = reply.preview;
  }
  const uploadMs = performance.now() - uploadStarted;
  if (!preview) throw new Error('no preview');
  const started = performance.now();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let job = await call<ImportJobView>(hub, customerImportApi.startJob.path, token, {
    uploadId,
    mapping: preview.guessed,
    mode: 'import',
  });
  let checkedAt = 0;
  const replies: number[] = [];
  while (!FINISHED_JOB_STATES.includes(job.state)) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const asked = performance.now();
    job = await call<ImportJobView>(hub, fillPath(customerImportApi.job.path, { jobId: job.id }), token);
    replies.push(performance.now() - asked);
    if (!checkedAt && (job.state === 'writing' || job.state === 'done')) checkedAt = performance.now();
  }
  const doneAt = performance.now();
  delay.disable();
  const ms = (ns: number) => Math.round(ns / 1e5) / 10;
  if (job.state !== 'done') throw new Error(`import ended ${job.state}: ${job.error ?? JSON.stringify(job.problems[0])}`);
  const sorted = replies.sort((a, b) => a - b);
  return {
    rows,
    fileBytes: bytes.length,
    uploadSeconds: seconds(uploadMs),
    checkSeconds: seconds(checkedAt - started),
    writeSeconds: seconds(doneAt - checkedAt),
    jobSeconds: seconds(doneAt - started),
    rowsPerSecond: perSecond(rows, doneAt - started),
    writeRowsPerSecond: perSecond(rows, doneAt - checkedAt),
    created: job.created,
    updated: job.updated,
    hubReplyMs: {
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      max: percentile(sorted, 100),
      samples: sorted.length,
    },
    eventLoopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
  };
}

export async function benchCustomerImport(
  dir: string,
  rows: number,
): Promise<{ csv: RunFigures; csvAgain: RunFigures; xlsx: RunFigures }> {
  const hub = await createHub({ dataDir: dir, initialAdminPassword: PASSWORD, seedDefaults: false });
  try {
    const { token } = await call<{ token: string }>(hub, '/api/v1/auth/login', null, {
      login: 'admin',
      password: PASSWORD,
    });
    const csv = Buffer.from(toCsv([HEADER_RU, ...customerRows(rows)]), 'utf8');
    const first = await importOnce(hub, token, 'customers.csv', csv, rows);
    const again = await importOnce(hub, token, 'customers.csv', csv, rows);
    const xlsxRows = Math.max(100, Math.round(rows / 5));
    const xlsx = await toXlsx([HEADER_RU, ...customerRows(xlsxRows, rows + 1)]);
    const workbook = await importOnce(hub, token, 'customers.xlsx', xlsx, xlsxRows);
    return { csv: first, csvAgain: again, xlsx: workbook };
  } finally {
    await hub.close();
  }
}

async function main(): Promise<void> {
  setLogLevel('error');
  const scale = Number(process.env.OKNO_BENCH_SCALE ?? '1');
  const rows = Math.max(1000, Math.round(100_000 * scale));
  const root = mkdtempSync(path.join(os.tmpdir(), 'okno-bench-import-'));
  const results: Record<string, unknown> = {
    when: new Date().toISOString(),
    machine: { cpus: os.cpus().length, loadAverage: os.loadavg()[0], node: process.version },
    scale,
  };
  try {
    console.log(`customer import: ${rows} rows as CSV through the hub's import path, again, and ${rows / 5} as XLSX…`);
    results.customerImport = await benchCustomerImport(root, rows);
    console.log(JSON.stringify(results.customerImport, null, 2));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  mkdirSync('bench', { recursive: true });
  writeFileSync(path.join('bench', 'customer-import.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('written to bench/customer-import.json');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  void main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
