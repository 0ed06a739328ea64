/**
 * The bank's file goes to the core in chunks that fit one contract frame (the core passes each on to
 * the hub); an export comes back the same way. Base64 both ways, as the contract carries JSON.
 */
import { UPLOAD_CHUNK_BYTES } from '../../../../shared/attachments.js';
import type { ImportPreview } from '../../../../shared/hubApi/customerImportApi.js';

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x2000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x2000));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export interface ChunkIn {
  uploadId: string;
  name: string;
  size: number;
  offset: number;
  dataBase64: string;
  last: boolean;
}

/** Sends the file chunk by chunk (reading each slice only when it is sent); the preview of the last. */
export async function sendFile(
  file: File,
  send: (chunk: ChunkIn) => Promise<{ preview: ImportPreview | null }>,
  progress: (fraction: number) => void,
): Promise<ImportPreview | null> {
  const uploadId = crypto.randomUUID();
  for (let offset = 0; offset < file.size; offset += UPLOAD_CHUNK_BYTES) {
    const part = new Uint8Array(await file.slice(offset, offset + UPLOAD_CHUNK_BYTES).arrayBuffer());
    const last = offset + part.length >= file.size;
    const answer = await send({ uploadId, name: file.name, size: file.size, offset, dataBase64: toBase64(part), last });
    progress(Math.min(1, (offset + part.length) / file.size));
    if (last) return answer.preview;
  }
  return null;
}

/** Reads an export back chunk by chunk. */
export async function receiveFile(
  read: (offset: number) => Promise<{ dataBase64: string; last: boolean }>,
): Promise<Blob> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for (let offset = 0; ;) {
    const chunk = await read(offset);
    const part = fromBase64(chunk.dataBase64);
    parts.push(part);
    offset += part.length;
    if (chunk.last) return new Blob(parts);
  }
}
