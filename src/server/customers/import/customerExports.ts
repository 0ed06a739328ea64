/**
 * Exports of the customer base (leads, admins): made once, recorded in the desk's audit
 * (`customers.exported` with the format and the row count), then read back in chunks that fit one
 * contract frame. An export is not an identified contact, so every document in it is masked.
 */
import { UPLOAD_CHUNK_BYTES } from '../../../shared/attachments.js';
import type { Agent } from '../../../shared/domain.js';
import { OknoError } from '../../../shared/errors.js';
import { uuidv7 } from '../../../shared/ids.js';
import type { ExportReady, ImportFormat } from '../../../shared/hubApi/customerImportApi.js';
import type { HubStore } from '../../storage/hubStore.js';
import { CustomerExportRepo } from './customerExportRepo.js';
import { exportFile } from './customerExportFile.js';

const KEEP_MS = 10 * 60_000;
const MAX_HELD = 4;

interface Held {
  agentId: string;
  bytes: Buffer;
  at: number;
}

export class CustomerExports {
  private readonly repo: CustomerExportRepo;
  private readonly held = new Map<string, Held>();

  constructor(
    private readonly store: Pick<HubStore, 'db' | 'audit'>,
    private readonly now: () => number,
  ) {
    this.repo = new CustomerExportRepo(store.db);
  }

  async create(agent: Agent, format: ImportFormat): Promise<ExportReady> {
    const at = this.now();
    const { bytes, rows } = await exportFile(this.repo.all(), format);
    this.store.audit.record({ agentId: agent.id, action: 'customers.exported', detail: { format, rows } }, at);
    for (const [id, file] of this.held) if (file.at < at - KEEP_MS) this.held.delete(id);
    while (this.held.size >= MAX_HELD) this.held.delete(this.held.keys().next().value!);
    const exportId = uuidv7(at);
    this.held.set(exportId, { agentId: agent.id, bytes, at });
    const day = new Date(at).toISOString().slice(0, 10);
    return { exportId, fileName: `customers-${day}.${format}`, format, size: bytes.length, rows };
  }

  /** The bytes from `offset` (at most one chunk); the last chunk lets the export go. */
  chunk(agent: Agent, exportId: string, offset: number): { dataBase64: string; last: boolean } {
    const file = this.held.get(exportId);
    if (!file || file.agentId !== agent.id)
      throw new OknoError('not_found', `no export ${exportId} (exports are kept for 10 minutes): export again`);
    if (offset > file.bytes.length)
      throw new OknoError('bad_request', `offset ${offset} is past the end of the export`);
    const end = Math.min(offset + UPLOAD_CHUNK_BYTES, file.bytes.length);
    const last = end >= file.bytes.length;
    if (last) this.held.delete(exportId);
    return { dataBase64: file.bytes.subarray(offset, end).toString('base64'), last };
  }
}
