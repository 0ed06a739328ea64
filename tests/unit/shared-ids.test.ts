import { describe, expect, it } from 'vitest';
import { isUuid, uuidv7 } from '../../src/shared/ids.js';

describe('uuidv7', () => {
  it('is a valid version-7 UUID carrying its timestamp', () => {
    const id = uuidv7(0x0189_abcd_ef01);
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect(id.replace(/-/g, '').slice(0, 12)).toBe('0189abcdef01');
  });

  it('sorts by creation time and never repeats', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => uuidv7(1_700_000_000_000 + i));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('differs within one millisecond, also across refills of the random pool', () => {
    // 5 000 ids draw 50 000 random bytes: a dozen refills of the 4 KiB pool.
    const ids = Array.from({ length: 5000 }, () => uuidv7(1_700_000_000_000));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every(isUuid)).toBe(true);
    const randomParts = new Set(ids.map((id) => id.replace(/-/g, '').slice(13)));
    expect(randomParts.size).toBe(ids.length);
  });
});
