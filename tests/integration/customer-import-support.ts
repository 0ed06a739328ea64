/** The import and export API driven over real HTTP the way the core does it: chunks in, a job polled, chunks out. */
import { UPLOAD_CHUNK_BYTES } from '../../src/shared/attachments.js';
import { fillPath } from '../../src/shared/hubApi/endpoint.js';
import {
  customerImportApi,
  FINISHED_JOB_STATES,
  type ImportJobView,
  type ImportPreview,
} from '../../src/shared/hubApi/customerImportApi.js';
import type { ImportMapping } from '../../src/shared/customers/customerImportFields.js';
import { api, type ApiReply } from './hub-harness.js';

/** Sends the file in contract-sized chunks; the reply of the last one (preview or refusal). */
export async function uploadFile(hubUrl: string, token: string, name: string, bytes: Buffer): Promise<ApiReply> {
  const uploadId = crypto.randomUUID();
  const route = fillPath(customerImportApi.uploadChunk.path, { uploadId });
  let reply: ApiReply | null = null;
  for (let offset = 0; offset < bytes.length || offset === 0; offset += UPLOAD_CHUNK_BYTES) {
    const part = bytes.subarray(offset, offset + UPLOAD_CHUNK_BYTES);
    const last = offset + UPLOAD_CHUNK_BYTES >= bytes.length;
    reply = await api(hubUrl, route, {
      token,
      json: { name, size: bytes.length, offset, dataBase64: part.toString('base64'), last },
    });
    if (reply.status !== 200 || last) break;
  }
  return reply!;
}

export async function preview(hubUrl: string, token: string, name: string, bytes: Buffer): Promise<ImportPreview> {
  const reply = await uploadFile(hubUrl, token, name, bytes);
  if (reply.status !== 200) throw new Error(`upload refused: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.preview as ImportPreview;
}

export function startJob(
  hubUrl: string,
  token: string,
  input: { uploadId: string; mapping: ImportMapping; mode: 'check' | 'import'; skipBadRows?: boolean },
): Promise<ApiReply> {
  return api(hubUrl, customerImportApi.startJob.path, { token, json: input });
}

/** Polls the job until it is over. */
export async function jobResult(
  hubUrl: string,
  token: string,
  jobId: string,
  timeoutMs = 120_000,
): Promise<ImportJobView> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const reply = await api(hubUrl, fillPath(customerImportApi.job.path, { jobId }), { token });
    if (reply.status !== 200) throw new Error(`job read failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    const view = reply.body as ImportJobView;
    if (FINISHED_JOB_STATES.includes(view.state)) return view;
    if (Date.now() > until) throw new Error(`job still ${view.state} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Upload, start with the guessed mapping (or the one given), wait for the end. */
export async function runImport(
  hubUrl: string,
  token: string,
  name: string,
  bytes: Buffer,
  options: { mode?: 'check' | 'import'; skipBadRows?: boolean; mapping?: ImportMapping } = {},
): Promise<{ preview: ImportPreview; job: ImportJobView; replies: ApiReply[] }> {
  const shown = await preview(hubUrl, token, name, bytes);
  const started = await startJob(hubUrl, token, {
    uploadId: shown.uploadId,
    mapping: options.mapping ?? shown.guessed,
    mode: options.mode ?? 'import',
    skipBadRows: options.skipBadRows ?? false,
  });
  if (started.status !== 200) throw new Error(`start refused: ${started.status} ${JSON.stringify(started.body)}`);
  const job = await jobResult(hubUrl, token, started.body.id as string);
  return { preview: shown, job, replies: [started] };
}

/** Makes an export and reads it back in chunks: the file's bytes. */
export async function exportCustomers(hubUrl: string, token: string, format: 'csv' | 'xlsx'): Promise<Buffer> {
  const made = await api(hubUrl, customerImportApi.createExport.path, { token, json: { format } });
  if (made.status !== 200) throw new Error(`export refused: ${made.status} ${JSON.stringify(made.body)}`);
  const parts: Buffer[] = [];
  for (let offset = 0; ;) {
    const route = fillPath(customerImportApi.exportChunk.path, { exportId: made.body.exportId });
    const chunk = await api(hubUrl, `${route}?offset=${offset}`, { token });
    if (chunk.status !== 200) throw new Error(`export chunk refused: ${JSON.stringify(chunk.body)}`);
    const part = Buffer.from(chunk.body.dataBase64 as string, 'base64');
    parts.push(part);
    offset += part.length;
    if (chunk.body.last) break;
  }
  return Buffer.concat(parts);
}
