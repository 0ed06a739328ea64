/**
 * The bank's file as it arrives in chunks (each fits the hub's 1 MiB request body), held in memory
 * for its owner until a job reads it. Chunks must come in order; a file not touched for half an
 * hour is dropped, and the hub holds only a few at once — an import file is not a place to store data.
 */
import { OknoError } from '../../../shared/errors.js';
import { IMPORT_FILE_MAX_BYTES } from '../../../shared/customers/customerImportFields.js';
import { megabytes } from '../../../shared/attachments.js';

export interface HeldFile {
  agentId: string;
  name: string;
  bytes: Buffer;
  /** The header read when the preview was made; jobs check mappings against it. */
  header: string[];
}

interface Pending {
  agentId: string;
  name: string;
  size: number;
  chunks: Buffer[];
  received: number;
  touchedAt: number;
}

export interface Chunk {
  name: string;
  size: number;
  offset: number;
  dataBase64: string;
  last: boolean;
}

const IDLE_MS = 30 * 60_000;
const MAX_FILES = 6;

export class ImportUploads {
  private readonly pending = new Map<string, Pending>();
  private readonly files = new Map<string, HeldFile & { touchedAt: number }>();

  constructor(private readonly now: () => number) {}

  /** Adds a chunk; the whole file once the last chunk is in, else null. */
  receive(agentId: string, uploadId: string, chunk: Chunk): { received: number; bytes: Buffer | null } {
    this.forgetIdle();
    if (chunk.size > IMPORT_FILE_MAX_BYTES)
      throw new OknoError(
        'payload_too_large',
        `the file is ${megabytes(chunk.size)} MB; an import takes up to ${megabytes(IMPORT_FILE_MAX_BYTES)} MB`,
      );
    let upload = this.pending.get(uploadId);
    if (upload && upload.agentId !== agentId) throw new OknoError('not_found', `upload ${uploadId} is not yours`);
    if (!upload) {
      if (chunk.offset !== 0) throw new OknoError('bad_request', `upload ${uploadId} must start at offset 0`);
      if (this.pending.size + this.files.size >= MAX_FILES) this.dropOldest();
      upload = { agentId, name: chunk.name, size: chunk.size, chunks: [], received: 0, touchedAt: this.now() };
      this.pending.set(uploadId, upload);
    }
    if (chunk.offset !== upload.received)
      throw new OknoError('bad_request', `chunk at offset ${chunk.offset}; expected ${upload.received}`);
    const data = Buffer.from(chunk.dataBase64, 'base64');
    upload.received += data.length;
    upload.chunks.push(data);
    upload.touchedAt = this.now();
    if (upload.received > upload.size)
      throw this.fail(uploadId, `the file is larger than the ${upload.size} bytes announced`);
    if (!chunk.last) return { received: upload.received, bytes: null };
    this.pending.delete(uploadId);
    if (upload.received !== upload.size)
      throw new OknoError('bad_request', `the file ended after ${upload.received} of ${upload.size} bytes`);
    if (upload.received === 0) throw new OknoError('bad_request', 'the file is empty');
    return { received: upload.received, bytes: Buffer.concat(upload.chunks) };
  }

  /** Keeps a complete file (after its preview was made) for the jobs that read it. */
  hold(uploadId: string, file: HeldFile): void {
    this.files.set(uploadId, { ...file, touchedAt: this.now() });
  }

  forget(uploadId: string): void {
    this.files.delete(uploadId);
  }

  file(agentId: string, uploadId: string): HeldFile {
    const file = this.files.get(uploadId);
    if (!file || file.agentId !== agentId)
      throw new OknoError(
        'not_found',
        `no uploaded file ${uploadId} (a file is kept 30 minutes, and not once it is imported): upload it again`,
      );
    file.touchedAt = this.now();
    return file;
  }

  private fail(uploadId: string, message: string): OknoError {
    this.pending.delete(uploadId);
    return new OknoError('bad_request', message);
  }

  private forgetIdle(): void {
    const cutoff = this.now() - IDLE_MS;
    for (const [id, upload] of this.pending) if (upload.touchedAt < cutoff) this.pending.delete(id);
    for (const [id, file] of this.files) if (file.touchedAt < cutoff) this.files.delete(id);
  }

  private dropOldest(): void {
    const all = [...this.pending.entries(), ...this.files.entries()].sort((a, b) => a[1].touchedAt - b[1].touchedAt);
    const oldest = all[0];
    if (!oldest) return;
    this.pending.delete(oldest[0]);
    this.files.delete(oldest[0]);
  }
}
