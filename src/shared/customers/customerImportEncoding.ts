/**
 * A CSV file must be UTF-8. Anything else is refused, naming what it most likely is (Excel's plain
 * "CSV" on a Russian Windows is Windows-1251) and where it broke — the byte and the line — so the
 * lead knows it is the whole file, not one row, and how to save it again.
 */

export type CsvEncoding = 'windows-1251' | 'koi8-r' | 'cp866' | 'utf-16' | 'unknown';

export type DecodedText =
  | { ok: true; text: string }
  | {
      ok: false;
      encoding: CsvEncoding;
      /** 1-based position of the first byte that is not UTF-8. */
      byte: number;
      /** 1-based line of that byte. */
      line: number;
      message: string;
    };

const ENCODING_NAMES: Record<CsvEncoding, string> = {
  'windows-1251': 'Windows-1251 (Cyrillic, what Excel saves as plain "CSV")',
  'koi8-r': 'KOI8-R',
  cp866: 'CP866 (DOS Cyrillic)',
  'utf-16': 'UTF-16 (Excel\'s "Unicode text")',
  unknown: 'an encoding other than UTF-8',
};

/** Where the first byte that breaks UTF-8 is (0-based), or -1 when all of it is UTF-8. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let code = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Which single-byte Cyrillic encoding the bytes look like: lower-case letters are the most frequent,
 * and each encoding puts them in a different range.
 */
export function guessEncoding(bytes: Uint8Array): CsvEncoding {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return 'utf-16';
  const sample = bytes.subarray(0, 256 * 1024);
  let zeros = 0;
  let high = 0; // 0xE0–0xFF: lower case in Windows-1251, upper in KOI8-R, р–я in CP866
  let middle = 0; // 0xC0–0xDF: upper case in Windows-1251, lower in KOI8-R
  let low = 0; // 0x80–0xAF: upper case and а–п in CP866
  for (const b of sample) {
    if (b === 0) zeros++;
    else if (b >= 0xe0) high++;
    else if (b >= 0xc0) middle++;
    else if (b >= 0x80 && b <= 0xaf) low++;
  }
  if (zeros > sample.length / 8) return 'utf-16';
  const cyrillic = high + middle + low;
  if (cyrillic === 0) return 'unknown';
  if (low > high + middle) return 'cp866';
  if (high >= middle) return 'windows-1251';
  return 'koi8-r';
}

/** The text of a UTF-8 file (a byte-order mark dropped), or why it is not UTF-8 and where. */
export function decodeUtf8File(bytes: Uint8Array): DecodedText {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  const utf16 = guessEncoding(bytes) === 'utf-16';
  if (!utf16) {
    // The native decoder is fast on a 20 MB file; the byte-by-byte scan only runs to say where it broke.
    try {
      return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(body) };
    } catch {
      // not UTF-8: find where below
    }
  }
  const bad = utf16 ? 0 : firstInvalidUtf8(body);
  if (bad < 0) return { ok: true, text: new TextDecoder('utf-8').decode(body) };
  const encoding = utf16 ? 'utf-16' : guessEncoding(body);
  const byte = bad + (hasBom ? 3 : 0) + 1;
  let line = 1;
  for (let i = 0; i < bad; i++) if (body[i] === 0x0a) line++;
  return {
    ok: false,
    encoding,
    byte,
    line,
    message:
      `the file is not UTF-8: it looks like ${ENCODING_NAMES[encoding]}; the first byte that is not UTF-8 is ` +
      `byte ${byte}, on line ${line}. Save it again as "CSV UTF-8" (or as XLSX) and import that`,
  };
}
