/**
 * A complaint file is what it says it is (decision 0035): its first bytes match the type its name
 * and stated type claim. A DOCX or an XLSX is a ZIP that holds word/… or xl/… entries.
 */
import { cleanFileName } from '../../shared/attachments.js';
import { OknoError } from '../../shared/errors.js';
import type { REGISTER_FILE_MIMES } from '../../shared/register/registerSchemas.js';
import { REGISTER_FILE_MAX_BYTES } from '../../shared/register/registerSchemas.js';

type Mime = (typeof REGISTER_FILE_MIMES)[number];

const BY_EXTENSION: Record<string, Mime> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  txt: 'text/plain',
};

function startsWith(data: Buffer, bytes: number[], at = 0): boolean {
  return bytes.every((b, i) => data[at + i] === b);
}

/** Whether a ZIP's bytes name an entry under `folder` (local file headers carry the names in clear). */
function zipHolds(data: Buffer, folder: string): boolean {
  return startsWith(data, [0x50, 0x4b, 0x03, 0x04]) && data.includes(Buffer.from(folder, 'latin1'));
}

/** What the bytes are, by their first bytes; null when none of the allowed kinds. */
export function sniff(data: Buffer): Mime | null {
  if (startsWith(data, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(data, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (data.subarray(0, 6).toString('latin1') === 'GIF87a' || data.subarray(0, 6).toString('latin1') === 'GIF89a') {
    return 'image/gif';
  }
  if (data.subarray(0, 4).toString('latin1') === 'RIFF' && data.subarray(8, 12).toString('latin1') === 'WEBP') {
    return 'image/webp';
  }
  if (zipHolds(data, 'word/')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (zipHolds(data, 'xl/')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  // Plain text: valid UTF-8 with no control characters but tab, newline and carriage return.
  const text = data.toString('utf8');
  // eslint-disable-next-line no-control-regex
  if (!text.includes('\uFFFD') && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) return 'text/plain';
  return null;
}

/** Checks a file before it is kept: its size, that its name's kind is allowed and that its bytes are that kind. */
export function checkComplaintFile(
  name: string,
  mime: string,
  dataBase64: string,
): { name: string; mime: Mime; data: Buffer } {
  const clean = cleanFileName(name);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(dataBase64)) {
    throw new OknoError('bad_request', `the file "${clean}" is not base64`, [
      { path: 'dataBase64', message: 'not base64' },
    ]);
  }
  const data = Buffer.from(dataBase64, 'base64');
  if (data.length === 0) throw new OknoError('bad_request', `the file "${clean}" is empty`);
  if (data.length > REGISTER_FILE_MAX_BYTES) {
    throw new OknoError('payload_too_large', `the file "${clean}" is larger than 512 KiB`, undefined, {
      name: clean,
      size: data.length,
      cap: REGISTER_FILE_MAX_BYTES,
    });
  }
  const extension = clean.includes('.') ? clean.split('.').pop()!.toLowerCase() : '';
  const claimed = BY_EXTENSION[extension];
  if (!claimed) {
    throw new OknoError(
      'bad_request',
      `the file "${clean}" is not one of the kinds a complaint keeps (PDF, DOCX, XLSX, PNG, JPEG, GIF, WEBP, TXT)`,
      [{ path: 'name', message: `".${extension}" files are not kept` }],
      { name: clean },
    );
  }
  const actual = sniff(data);
  if (actual !== claimed) {
    const what = actual ? `its content is ${actual}` : 'its content is none of the kinds a complaint keeps';
    throw new OknoError(
      'bad_request',
      `the file "${clean}" is named as ${claimed} but ${what}`,
      [{ path: 'dataBase64', message: `"${clean}" is not what its name says` }],
      { name: clean },
    );
  }
  void mime;
  return { name: clean, mime: claimed, data };
}
