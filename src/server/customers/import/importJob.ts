/**
 * One check or import of an uploaded file, run in steps so the hub keeps answering: read every row,
 * check every row (and the keys across rows), then — only if no row is bad, or the lead chose to skip
 * the bad ones — write in batches, one transaction each, yielding to the event loop between them.
 * Its view is what the app polls for progress.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { DuplicateKeys } from '../../../shared/customers/customerImportDuplicates.js';
import type { ImportMapping } from '../../../shared/customers/customerImportFields.js';
import { checkRow, type ImportRecord, type RowProblem } from '../../../shared/customers/customerImportRow.js';
import type { SheetRow } from '../../../shared/customers/customerImportCsv.js';
import { OknoError } from '../../../shared/errors.js';
import { JOB_PROBLEMS_SHOWN, type ImportJobView, type ImportMode } from '../../../shared/hubApi/customerImportApi.js';
import type { Logger } from '../../../shared/log.js';
import { IMPORT_MAX_ROWS } from '../../../shared/customers/customerImportFields.js';
import type { CustomerImportWriter } from './customerImportWriter.js';
import type { Sheet } from './sheetReader.js';

/** How long one write transaction runs: under the hub's 40 ms slow-write mark, so the hub answers between two. */
export const WRITE_BATCH_MS = 25;
/** Rows read or checked between two yields to the event loop. */
const STEP_ROWS = 2000;

export interface JobSpec {
  id: string;
  uploadId: string;
  fileName: string;
  agentId: string;
  mode: ImportMode;
  skipBadRows: boolean;
  mapping: ImportMapping;
}

export class ImportJob {
  readonly view: ImportJobView;

  constructor(
    readonly spec: JobSpec,
    private readonly now: () => number,
    private readonly log: Logger,
  ) {
    this.view = {
      id: spec.id,
      uploadId: spec.uploadId,
      fileName: spec.fileName,
      mode: spec.mode,
      skipBadRows: spec.skipBadRows,
      state: 'reading',
      total: 0,
      validated: 0,
      written: 0,
      badRows: 0,
      problems: [],
      problemsTotal: 0,
      created: 0,
      updated: 0,
      error: null,
      startedAt: now(),
      finishedAt: null,
    };
  }

  /** Runs to the end; never throws (a failure is the job's state). */
  async run(open: () => Promise<Sheet>, writer: CustomerImportWriter, stopped: () => boolean): Promise<void> {
    try {
      const sheet = await open();
      // The raw rows are dropped once checked: only the parsed records stay in memory while writing.
      const { records, problems } = await this.check(sheet, await this.read(sheet));
      const badRows = new Set(problems.map((p) => p.row));
      this.view.badRows = badRows.size;
      this.view.problemsTotal = problems.length;
      this.view.problems = problems.slice(0, JOB_PROBLEMS_SHOWN);
      if (this.spec.mode === 'check') return this.finish('checked');
      if (badRows.size > 0 && !this.spec.skipBadRows) return this.finish('refused');
      await this.write(
        records.filter((record) => !badRows.has(record.row)),
        writer,
        stopped,
      );
      this.finish('done');
    } catch (error) {
      this.view.error = error instanceof OknoError ? error.message : `the import stopped: ${String(error)}`;
      if (!(error instanceof OknoError)) this.log.error('customer import failed', { error: String(error) });
      this.finish('failed');
    }
  }

  private async read(sheet: Sheet): Promise<SheetRow[]> {
    const rows: SheetRow[] = [];
    for await (const row of sheet.rows) {
      rows.push(row);
      this.view.total = rows.length;
      if (rows.length > IMPORT_MAX_ROWS)
        throw new OknoError('bad_request', `the file has more than ${IMPORT_MAX_ROWS} rows; split it`);
      if (rows.length % STEP_ROWS === 0) await yieldToLoop();
    }
    return rows;
  }

  private async check(sheet: Sheet, rows: readonly SheetRow[]) {
    this.view.state = 'checking';
    const { mapping } = this.spec;
    const columnOf = (field: string) => {
      const at = mapping.indexOf(field as never);
      return at < 0 ? null : (sheet.header[at] ?? null);
    };
    const duplicates = new DuplicateKeys(mapping.includes('externalId'), columnOf);
    const records: ImportRecord[] = [];
    const problems: RowProblem[] = [];
    for (const row of rows) {
      const checked = checkRow(row.row, row.cells, mapping, sheet.header, sheet.strictCells);
      if (checked.ok) {
        records.push(checked.record);
        problems.push(...duplicates.add(checked.record));
      } else problems.push(...checked.problems);
      this.view.validated++;
      if (this.view.validated % STEP_ROWS === 0) await yieldToLoop();
    }
    problems.sort((a, b) => a.row - b.row);
    return { records, problems };
  }

  private async write(
    records: readonly ImportRecord[],
    writer: CustomerImportWriter,
    stopped: () => boolean,
  ): Promise<void> {
    this.view.state = 'writing';
    for (let at = 0; at < records.length;) {
      if (stopped())
        throw new OknoError(
          'conflict',
          `the hub stopped after ${at} rows were written; import the same file again to complete it`,
        );
      const result = writer.writeBatch(records, at, WRITE_BATCH_MS);
      this.view.created += result.created;
      this.view.updated += result.updated;
      this.view.written += result.next - at;
      at = result.next;
      await yieldToLoop();
    }
  }

  private finish(state: ImportJobView['state']): void {
    this.view.state = state;
    this.view.finishedAt = this.now();
  }
}
