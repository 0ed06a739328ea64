/**
 * Netstrings (`<length>:<bytes>,`), the framing of Kamailio's evapi socket. The length counts bytes,
 * not characters, so framing works on Buffers and decodes UTF-8 only for a whole frame.
 */

export function encodeNetstring(text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  return Buffer.concat([Buffer.from(`${body.length}:`, 'latin1'), body, Buffer.from(',', 'latin1')]);
}

/** A frame longer than this is a broken stream, not a message (evapi's own buffer is 32 KiB). */
const MAX_FRAME = 1 << 20;

/** Splits a TCP byte stream into netstring payloads; keeps a partial frame for the next chunk. */
export class NetstringDecoder {
  private pending: Buffer = Buffer.alloc(0);

  /** The complete payloads in `chunk` (plus what was pending). Throws on a malformed stream. */
  push(chunk: Buffer): string[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const out: string[] = [];
    for (;;) {
      const colon = this.pending.indexOf(0x3a);
      if (colon < 0) {
        if (this.pending.length > 10) throw new Error('netstring: no length prefix in the first 10 bytes');
        break;
      }
      const head = this.pending.subarray(0, colon).toString('latin1');
      if (!/^(0|[1-9][0-9]{0,9})$/.test(head)) throw new Error(`netstring: bad length prefix "${head.slice(0, 12)}"`);
      const length = Number(head);
      if (length > MAX_FRAME) throw new Error(`netstring: frame of ${length} bytes is over the limit`);
      const end = colon + 1 + length;
      if (this.pending.length < end + 1) break;
      if (this.pending[end] !== 0x2c) throw new Error('netstring: frame does not end with ","');
      out.push(this.pending.subarray(colon + 1, end).toString('utf8'));
      this.pending = this.pending.subarray(end + 1);
    }
    return out;
  }
}
