/**
 * The one way the hub compares a secret a caller presents with the stored one. Both sides are
 * hashed first, so timingSafeEqual always gets two 32-byte digests: the time taken says nothing
 * about how much of the secret matched, nor about its length.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** True when `given` is exactly `expected`; a missing or empty `given` never matches. */
export function secretsEqual(given: string | null | undefined, expected: string | null | undefined): boolean {
  if (typeof given !== 'string' || typeof expected !== 'string' || given === '' || expected === '') return false;
  return timingSafeEqual(digest(given), digest(expected));
}
