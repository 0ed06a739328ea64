/**
 * The customer desk's import part of the app contract (decision 0031): the bank's file in chunks
 * that fit one contract frame (forwarded chunk by chunk to the hub), a check or an import started as
 * a job and polled for progress, and an export made on the hub and read back in chunks.
 */
import { z } from 'zod';
import { Id } from '../domain.js';
import { UPLOAD_CHUNK_BASE64 } from '../attachments.js';
import { ExportReady, ImportFormat, ImportJobView, ImportMode, ImportPreview } from '../hubApi/customerImportApi.js';
import { IMPORT_FILE_MAX_BYTES, ImportMapping } from './customerImportFields.js';

function request<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

export const customerImportRequests = {
  /** One chunk of the bank's file, in order from offset 0; the last answers with the preview. */
  'customerImport.upload': request(
    z.object({
      uploadId: Id,
      name: z.string().min(1).max(255),
      size: z.number().int().min(1).max(IMPORT_FILE_MAX_BYTES),
      offset: z.number().int().nonnegative(),
      dataBase64: z.string().max(UPLOAD_CHUNK_BASE64),
      last: z.boolean(),
    }),
    z.object({ received: z.number().int().nonnegative(), preview: ImportPreview.nullable() }),
  ),
  /** Checks or imports the uploaded file with the lead's column mapping; skipping bad rows is an explicit choice. */
  'customerImport.start': request(
    z.object({ uploadId: Id, mapping: ImportMapping, mode: ImportMode, skipBadRows: z.boolean().default(false) }),
    ImportJobView,
  ),
  'customerImport.job': request(z.object({ jobId: Id }), ImportJobView),
  /** Makes an export of every customer (documents masked; recorded in the audit). */
  'customerExport.create': request(z.object({ format: ImportFormat }), ExportReady),
  'customerExport.chunk': request(
    z.object({ exportId: Id, offset: z.number().int().nonnegative() }),
    z.object({ dataBase64: z.string(), last: z.boolean() }),
  ),
};
