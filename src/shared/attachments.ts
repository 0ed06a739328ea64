/** Files on agents' replies: one limit for the renderer, the core and the hub. */
import { z } from 'zod';

/** The largest file an agent may attach to a reply (email servers commonly refuse more). */
export const OUTBOUND_FILE_MAX_BYTES = 10 * 1024 * 1024;
export const OUTBOUND_FILES_PER_REPLY = 10;
/** The channels whose replies carry files. */
export const REPLY_FILE_CHANNELS: readonly string[] = ['email', 'telegram'];
/** One upload chunk through the contract: 384 KiB of bytes, well inside the 1 MiB host frame. */
export const UPLOAD_CHUNK_BYTES = 384 * 1024;
export const UPLOAD_CHUNK_BASE64 = (UPLOAD_CHUNK_BYTES / 3) * 4;

export const UploadedFile = z.object({
  id: z.uuid(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int().nonnegative(),
});
export type UploadedFile = z.infer<typeof UploadedFile>;

/** A file name safe to put in a header and a mail part: no path, no control characters, not empty. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean.slice(0, 200) || 'file';
}

export function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}
