/**
 * The hub's API for importing the bank's customer base and exporting customers (decision 0031):
 * the file comes in chunks that fit the 1 MiB request body, the hub answers the last one with a
 * preview; a check or an import runs as a job the app polls; an export is made once and read back in
 * chunks. Leads and admins only. Read by the hub's routes and the core's client alike.
 */
import { z } from 'zod';
import { Id } from '../domain.js';
import { UPLOAD_CHUNK_BASE64 } from '../attachments.js';
import { IMPORT_FILE_MAX_BYTES, ImportMapping } from '../customers/customerImportFields.js';
import { RowProblem } from '../customers/customerImportRow.js';
import { endpoint, LEADS, None } from './endpoint.js';

export const ImportFormat = z.enum(['csv', 'xlsx']);
export type ImportFormat = z.infer<typeof ImportFormat>;

/** The head of an uploaded file: what the lead maps columns from. */
export const ImportPreview = z.object({
  uploadId: Id,
  fileName: z.string(),
  format: ImportFormat,
  header: z.array(z.string()),
  /** The first rows, numbered as the spreadsheet shows them (header = row 1). */
  rows: z.array(z.object({ row: z.number().int(), cells: z.array(z.string()) })),
  /** A first mapping guessed from the headers (ru/en). */
  guessed: ImportMapping,
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportChunk = z.object({
  name: z.string().min(1).max(255),
  size: z.number().int().min(1).max(IMPORT_FILE_MAX_BYTES),
  offset: z.number().int().nonnegative(),
  dataBase64: z.string().max(UPLOAD_CHUNK_BASE64),
  last: z.boolean(),
});

export const ImportMode = z.enum(['check', 'import']);
export type ImportMode = z.infer<typeof ImportMode>;

export const ImportJobState = z.enum(['reading', 'checking', 'writing', 'refused', 'checked', 'done', 'failed']);
export type ImportJobState = z.infer<typeof ImportJobState>;

/** Jobs in these states are over; the app stops polling. */
export const FINISHED_JOB_STATES: readonly ImportJobState[] = ['refused', 'checked', 'done', 'failed'];

/** How many row problems a job reply carries (the count says how many there are in all). */
export const JOB_PROBLEMS_SHOWN = 500;

export const ImportJobView = z.object({
  id: Id,
  uploadId: Id,
  fileName: z.string(),
  mode: ImportMode,
  /** The lead chose to import the good rows and skip the bad ones (named in `problems`). */
  skipBadRows: z.boolean(),
  state: ImportJobState,
  /** Data rows in the file (known once it is read; until then the rows read so far). */
  total: z.number().int().nonnegative(),
  validated: z.number().int().nonnegative(),
  written: z.number().int().nonnegative(),
  badRows: z.number().int().nonnegative(),
  problems: z.array(RowProblem),
  problemsTotal: z.number().int().nonnegative(),
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  /** Why a job failed (a file that could not be read); null otherwise. */
  error: z.string().nullable(),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
});
export type ImportJobView = z.infer<typeof ImportJobView>;

export const ExportReady = z.object({
  exportId: Id,
  fileName: z.string(),
  format: ImportFormat,
  size: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative(),
});
export type ExportReady = z.infer<typeof ExportReady>;

export const customerImportApi = {
  /** One chunk of the file (in order); the last one answers with the preview, or names why the file is refused. */
  uploadChunk: endpoint({
    method: 'POST',
    path: '/api/v1/customer-imports/uploads/:uploadId',
    params: z.object({ uploadId: Id }),
    input: ImportChunk,
    output: z.object({ received: z.number().int().nonnegative(), preview: ImportPreview.nullable() }),
    roles: LEADS,
  }),
  /** Checks (mode check) or imports the uploaded file as a job; a mapping that cannot work is refused here. */
  startJob: endpoint({
    method: 'POST',
    path: '/api/v1/customer-imports',
    params: None,
    input: z.object({
      uploadId: Id,
      mapping: ImportMapping,
      mode: ImportMode,
      skipBadRows: z.boolean().default(false),
    }),
    output: ImportJobView,
    roles: LEADS,
  }),
  job: endpoint({
    method: 'GET',
    path: '/api/v1/customer-imports/:jobId',
    params: z.object({ jobId: Id }),
    input: None,
    output: ImportJobView,
    roles: LEADS,
  }),
  /** Makes the export file (recorded in the audit) and says how large it is. */
  createExport: endpoint({
    method: 'POST',
    path: '/api/v1/customer-exports',
    params: None,
    input: z.object({ format: ImportFormat }),
    output: ExportReady,
    roles: LEADS,
  }),
  exportChunk: endpoint({
    method: 'GET',
    path: '/api/v1/customer-exports/:exportId',
    params: z.object({ exportId: Id }),
    input: z.object({ offset: z.coerce.number().int().nonnegative() }),
    output: z.object({ dataBase64: z.string(), last: z.boolean() }),
    roles: LEADS,
  }),
} as const;
