/**
 * UUID version 7 (RFC 9562): 48-bit Unix-millisecond timestamp, then random bits.
 * Every mutation carries one made by the client, so ids sort by creation time and
 * the hub can apply each at most once.
 */
/** Random bytes are drawn from the CSPRNG a few kilobytes at a time: one call per id was most of an id's cost. */
const POOL_BYTES = 4096;
let pool = new Uint8Array(0);
let taken = 0;

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

export function uuidv7(now: number = Date.now()): string {
  if (taken + 10 > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(POOL_BYTES));
    taken = 0;
  }
  const bytes = new Uint8Array(16);
  bytes.set(pool.subarray(taken, taken + 10), 6);
  // Used bytes are zeroed, so no id's randomness stays readable in memory after it was handed out.
  pool.fill(0, taken, taken + 10);
  taken += 10;
  let ms = now;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x70; // version 7
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC variant
  let hex = '';
  for (let i = 0; i < 16; i++) {
    hex += HEX[bytes[i]!];
    if (i === 3 || i === 5 || i === 7 || i === 9) hex += '-';
  }
  return hex;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
