/**
 * What a file really is, from its first bytes (decision 0034): PDF, PNG, JPEG, GIF, WEBP, and the
 * Office Open XML files, which are ZIP archives holding word/… (DOCX) or xl/… (XLSX). A file whose
 * name, declared type and content do not agree is refused naming it, so a renamed program or page
 * never passes for a document.
 */

export type FileKind = 'pdf' | 'docx' | 'xlsx' | 'png' | 'jpeg' | 'gif' | 'webp';

export const FILE_KINDS: Record<FileKind, { mime: string; extensions: readonly string[]; label: string }> = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'], label: 'a PDF document' },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    label: 'a Word document (DOCX)',
  },
  xlsx: {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    label: 'an Excel workbook (XLSX)',
  },
  png: { mime: 'image/png', extensions: ['png'], label: 'a PNG image' },
  jpeg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'a JPEG image' },
  gif: { mime: 'image/gif', extensions: ['gif'], label: 'a GIF image' },
  webp: { mime: 'image/webp', extensions: ['webp'], label: 'a WEBP image' },
};

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((b, i) => bytes[offset + i] === b);
}

function ascii(bytes: Uint8Array, from: number, length: number): string {
  let out = '';
  for (let i = from; i < Math.min(bytes.length, from + length); i++) out += String.fromCharCode(bytes[i]!);
  return out;
}

function u16(bytes: Uint8Array, at: number): number {
  return bytes[at]! | (bytes[at + 1]! << 8);
}
function u32(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

/** The names of a ZIP archive's entries, read from its central directory (null: not a readable ZIP). */
export function zipEntryNames(bytes: Uint8Array, max = 2000): string[] | null {
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return null;
  // The end-of-central-directory record sits in the last 22 + 65535 (comment) bytes.
  const floor = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let i = bytes.length - 22; i >= floor; i--) {
    if (u32(bytes, i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = u16(bytes, end + 10);
  let at = u32(bytes, end + 16);
  const names: string[] = [];
  for (let n = 0; n < Math.min(count, max); n++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== 0x02014b50) return null;
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    names.push(ascii(bytes, at + 46, nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** What the bytes are, or null when they are none of the kinds a document may be. */
export function detectFileKind(bytes: Uint8Array): FileKind | null {
  if (ascii(bytes, 0, 5) === '%PDF-') return 'pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'webp';
  const entries = zipEntryNames(bytes);
  if (entries) {
    const hasContentTypes = entries.includes('[Content_Types].xml');
    if (hasContentTypes && entries.some((name) => name.startsWith('word/'))) return 'docx';
    if (hasContentTypes && entries.some((name) => name.startsWith('xl/'))) return 'xlsx';
  }
  return null;
}

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** The kind a file name says it is, or null. */
export function kindOfName(name: string): FileKind | null {
  const ext = extensionOf(name);
  for (const [kind, info] of Object.entries(FILE_KINDS) as [FileKind, (typeof FILE_KINDS)[FileKind]][]) {
    if (info.extensions.includes(ext)) return kind;
  }
  return null;
}

/**
 * Checks that the name, the declared type and the content agree and are one of `allowed`; returns the
 * kind, or a sentence naming the file and what is wrong.
 */
export function checkFile(
  name: string,
  mime: string,
  bytes: Uint8Array,
  allowed: readonly FileKind[] = Object.keys(FILE_KINDS) as FileKind[],
): { ok: true; kind: FileKind } | { ok: false; message: string } {
  const named = kindOfName(name);
  const allowedText = allowed.map((k) => FILE_KINDS[k].extensions[0]!.toUpperCase()).join(', ');
  if (!named || !allowed.includes(named))
    return { ok: false, message: `"${name}": only ${allowedText} files may be added` };
  if (mime !== FILE_KINDS[named].mime)
    return { ok: false, message: `"${name}" is declared as ${mime || 'no type'}, not ${FILE_KINDS[named].label}` };
  const actual = detectFileKind(bytes);
  if (actual !== named) {
    const what = actual ? `its content is ${FILE_KINDS[actual].label}` : 'its content is not a file of that kind';
    return { ok: false, message: `"${name}" is not ${FILE_KINDS[named].label}: ${what}` };
  }
  return { ok: true, kind: named };
}
