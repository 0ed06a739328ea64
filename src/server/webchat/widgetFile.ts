/**
 * A file a customer sends from the widget: only a few kinds, checked by their first bytes as well
 * as their declared type (a renamed executable is not a PDF), and small.
 */
import { cleanFileName } from '../../shared/attachments.js';
import { OknoError } from '../../shared/errors.js';
import { WIDGET_FILE_MAX_BYTES, WIDGET_FILE_TYPES } from '../../shared/widgetProtocol.js';

const SIGNATURES: Record<string, (data: Buffer) => boolean> = {
  'image/png': (d) => d.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (d) => d[0] === 0xff && d[1] === 0xd8 && d[2] === 0xff,
  'image/gif': (d) => /^GIF8[79]a/.test(d.subarray(0, 6).toString('latin1')),
  'application/pdf': (d) => d.subarray(0, 5).toString('latin1') === '%PDF-',
  'text/plain': (d) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(d);
      return !d.includes(0);
    } catch {
      return false;
    }
  },
};

export interface CheckedFile {
  name: string;
  mime: string;
  data: Buffer;
}

export function checkWidgetFile(rawName: string, declaredType: string, data: Buffer): CheckedFile {
  const mime = declaredType.split(';')[0]!.trim().toLowerCase();
  if (!WIDGET_FILE_TYPES.includes(mime)) {
    throw new OknoError(
      'bad_request',
      `files of type "${mime || 'unknown'}" are not accepted; send ${WIDGET_FILE_TYPES.join(', ')}`,
    );
  }
  if (data.length === 0) throw new OknoError('bad_request', 'the file is empty');
  if (data.length > WIDGET_FILE_MAX_BYTES) {
    throw new OknoError('payload_too_large', `the file is over ${WIDGET_FILE_MAX_BYTES / (1024 * 1024)} MB`);
  }
  if (!SIGNATURES[mime]!(data)) throw new OknoError('bad_request', `the file's content is not ${mime}`);
  return { name: cleanFileName(rawName), mime, data };
}
