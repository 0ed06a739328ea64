/**
 * The customer search bench, small (20 000 customers): every query of every key finds its customer
 * on a real hub, and the hub's file holds no card number. Speed is the bench's to measure, never
 * asserted here (npm run bench:search).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { benchCustomerSearch, cardDigitsOf } from '../bench/customerSearch.js';
import { removeTempDirs, tempDir } from './hub-harness.js';

afterAll(() => removeTempDirs());

describe('customer search over 20 000 customers', () => {
  it('finds each asked-for customer by every key; the file holds no card number', async () => {
    const dir = tempDir('okno-search-scale-');
    const figures = await benchCustomerSearch(dir, 20_000);
    expect(Object.keys(figures.keys)).toEqual([
      'phone',
      'nameExact',
      'nameAnyOrder',
      'nameTypo',
      'nameEnglishSpelling',
      'surnameOnly',
      'passport',
      'account',
      'card',
    ]);
    for (const [key, found] of Object.entries(figures.keys)) {
      expect(found.queries, key).toBeGreaterThan(10);
      expect(found.found + found.namesakes, key).toBe(found.queries);
      // Only names can be crowded out by namesakes; a document or a phone always finds its customer.
      if (!key.startsWith('name')) expect(found.found, key).toBe(found.queries);
    }
    const file = readFileSync(path.join(dir, 'hub', 'hub.sqlite'));
    for (const i of [0, 997, 19_999]) expect(file.includes(Buffer.from(cardDigitsOf(i)))).toBe(false);
  }, 300_000);
});
