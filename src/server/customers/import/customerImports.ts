/**
 * The hub's side of importing the bank's customers: chunks in, a preview out, jobs started and
 * read. Jobs live in memory: a hub that restarts forgets them, and the lead runs the same file again
 * — the writer is idempotent, so that run completes what the first one began (decision 0031).
 */
import type { Agent } from '../../../shared/domain.js';
import { OknoError } from '../../../shared/errors.js';
import { uuidv7 } from '../../../shared/ids.js';
import type { Logger } from '../../../shared/log.js';
import { guessMapping } from '../../../shared/customers/customerImportGuess.js';
import { maskPans } from '../../../shared/customers/customerImportMask.js';
import { mappingProblems, type ImportMapping } from '../../../shared/customers/customerImportFields.js';
import {
  FINISHED_JOB_STATES,
  type ImportJobView,
  type ImportMode,
  type ImportPreview,
} from '../../../shared/hubApi/customerImportApi.js';
import type { HubStore } from '../../storage/hubStore.js';
import { CustomerImportWriter, type ImportStore } from './customerImportWriter.js';
import { ImportJob } from './importJob.js';
import { ImportUploads, type Chunk } from './importUploads.js';
import { openSheet } from './sheetReader.js';

const PREVIEW_ROWS = 20;
const KEEP_FINISHED_MS = 60 * 60_000;

export interface StartInput {
  uploadId: string;
  mapping: ImportMapping;
  mode: ImportMode;
  skipBadRows: boolean;
}

export class CustomerImports {
  private readonly uploads: ImportUploads;
  private readonly jobs = new Map<string, ImportJob>();
  /** Runs started here (tests and shutdown wait on them). */
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly store: ImportStore & Pick<HubStore, 'audit'>,
    private readonly now: () => number,
    private readonly log: Logger,
  ) {
    this.uploads = new ImportUploads(now);
  }

  async receiveChunk(
    agent: Agent,
    uploadId: string,
    chunk: Chunk,
  ): Promise<{ received: number; preview: ImportPreview | null }> {
    const { received, bytes } = this.uploads.receive(agent.id, uploadId, chunk);
    if (!bytes) return { received, preview: null };
    const sheet = await openSheet(bytes);
    const rows: ImportPreview['rows'] = [];
    for await (const row of sheet.rows) {
      // The preview is a reply: a card number in any cell goes back masked (the header too).
      rows.push({ row: row.row, cells: row.cells.map(maskPans) });
      if (rows.length >= PREVIEW_ROWS) break;
    }
    this.uploads.hold(uploadId, { agentId: agent.id, name: chunk.name, bytes, header: sheet.header });
    return {
      received,
      preview: {
        uploadId,
        fileName: chunk.name,
        format: sheet.format,
        header: sheet.header,
        rows,
        guessed: guessMapping(sheet.header),
      },
    };
  }

  /** Starts a check or an import; refuses a mapping that cannot work before reading any row. */
  start(agent: Agent, input: StartInput): ImportJobView {
    if (this.stopped) throw new OknoError('conflict', 'the hub is shutting down');
    this.forgetOld();
    const file = this.uploads.file(agent.id, input.uploadId);
    const problems = mappingProblems(input.mapping, file.header);
    if (problems.length > 0)
      throw new OknoError(
        'bad_request',
        `the columns cannot be imported: ${problems.map((p) => p.message).join('; ')}`,
        problems.map((p) => ({ path: `mapping.${p.code}`, message: p.message })),
      );
    if (input.mode === 'import') {
      const busy = [...this.jobs.values()].find(
        (job) => job.spec.mode === 'import' && !FINISHED_JOB_STATES.includes(job.view.state),
      );
      if (busy)
        throw new OknoError('conflict', `another import (${busy.spec.fileName}) is running; wait for it to end`);
    }
    const job = new ImportJob(
      { ...input, id: uuidv7(this.now()), fileName: file.name, agentId: agent.id },
      this.now,
      this.log,
    );
    this.jobs.set(job.view.id, job);
    const writer = new CustomerImportWriter(this.store, input.mapping.includes('externalId'));
    const run = job.run(
      () => openSheet(file.bytes),
      writer,
      () => this.stopped,
    );
    this.running.add(run);
    void run.finally(() => {
      this.running.delete(run);
      // The bank's file (card numbers and all) is not kept once it is imported.
      if (job.view.state === 'done') this.uploads.forget(input.uploadId);
      // Who loaded which file into the customer base is the audit's business too.
      if (job.spec.mode === 'import' && job.view.state !== 'refused')
        this.store.audit.record(
          {
            agentId: agent.id,
            action: 'customers.imported',
            detail: {
              file: job.spec.fileName,
              state: job.view.state,
              created: job.view.created,
              updated: job.view.updated,
              skipped: job.view.badRows,
            },
          },
          this.now(),
        );
    });
    return { ...job.view };
  }

  job(agent: Agent, jobId: string): ImportJobView {
    const job = this.jobs.get(jobId);
    if (!job || job.spec.agentId !== agent.id) throw new OknoError('not_found', `no import job ${jobId}`);
    return { ...job.view };
  }

  /** The hub is closing: running jobs stop before their next batch (a re-run completes them). */
  stop(): void {
    this.stopped = true;
  }

  /** Waits for every job running now (hub shutdown, tests). */
  async idle(): Promise<void> {
    await Promise.all([...this.running]);
  }

  private forgetOld(): void {
    const cutoff = this.now() - KEEP_FINISHED_MS;
    for (const [id, job] of this.jobs)
      if (job.view.finishedAt !== null && job.view.finishedAt < cutoff) this.jobs.delete(id);
  }
}
