/**
 * What the page can do with an article's document. The app's one CSP allows images from data: URLs
 * (img-src 'self' data: https:) but no frames or plugins from anything but 'self' (object-src 'none',
 * frame-src falls back to default-src 'self'), so pictures are shown inline from data: URLs and every
 * other document (PDF, DOCX, XLSX) is downloaded and opened by the system's own viewer.
 */

/** Pictures the page shows inline. SVG is not one of them: it can carry scripts. */
export const INLINE_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;

/** What the file picker offers (the hub checks the content by its magic bytes either way). */
export const DOCUMENT_ACCEPT = [
  '.pdf',
  '.docx',
  '.xlsx',
  '.png',
  '.jpg',
  '.jpeg',
  '.gif',
  '.webp',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ...INLINE_IMAGE_TYPES,
].join(',');

/** The largest document an article takes (it travels base64 in one contract frame). */
export { KNOWLEDGE_DOCUMENT_MAX_BYTES as DOCUMENT_LIMIT_BYTES } from '../../../shared/knowledge/knowledgeContract.js';

export function isInlineImage(mime: string): boolean {
  return (INLINE_IMAGE_TYPES as readonly string[]).includes(mime.toLowerCase());
}

/** A data: URL for a picture; null for anything that is not an inline picture type. */
export function imageDataUrl(mime: string, dataBase64: string): string | null {
  if (!isInlineImage(mime) || !/^[A-Za-z0-9+/]*={0,2}$/.test(dataBase64)) return null;
  return `data:${mime.toLowerCase()};base64,${dataBase64}`;
}

/** The MIME type for a file the browser did not type (the picker gives '' for some .docx on Linux). */
export function mimeOf(name: string, type: string): string {
  if (type) return type;
  const ext = name.toLowerCase().split('.').pop() ?? '';
  const byExt: Record<string, string> = {
    pdf: 'application/pdf',
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    gif: 'image/gif',
    webp: 'image/webp',
  };
  return byExt[ext] ?? 'application/octet-stream';
}

/** Base64 of a file's bytes, in chunks (String.fromCharCode on a whole file overflows the stack). */
export function base64Of(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

export function bytesOf(dataBase64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(dataBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Human size: 900 B, 12 KB, 3.4 MB. */
export function sizeText(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${Math.round(size / 1024)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}
