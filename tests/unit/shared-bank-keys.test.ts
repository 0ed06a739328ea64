/** Bank keys as agents type them: one spelling, a named problem, a mask — and never the card number back. */
import { describe, expect, it } from 'vitest';
import { luhnValid, maskAccount, maskPassport, parseDocument } from '../../src/shared/customers/bankKeys.js';

describe('bank keys', () => {
  it('checks the Luhn digit', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('2200000000000004')).toBe(true); // Mir
    expect(luhnValid('41x1')).toBe(false);
  });

  it('parses cards with spaces and dashes, keeps only the last four in the mask', () => {
    expect(parseDocument('card', ' 4111-1111 1111.1111 ')).toEqual({
      ok: true,
      kind: 'card',
      value: '4111111111111111',
      masked: '**** 1111',
    });
  });

  it('names what is wrong with a card and never echoes it', () => {
    const cases = [
      ['4111 1111 1111 1112', 'card_checksum'],
      ['4111 1111', 'card_length'],
      ['4111 1111 1111 111O', 'card_not_digits'],
      ['   ', 'empty'],
    ] as const;
    for (const [input, problem] of cases) {
      const parsed = parseDocument('card', input);
      expect(parsed.ok).toBe(false);
      if (parsed.ok) continue;
      expect(parsed.problem).toBe(problem);
      const digits = input.replace(/\D/g, '');
      if (digits) expect(parsed.message).not.toContain(digits);
    }
    const bad = parseDocument('card', '4111111111111112');
    expect(!bad.ok && bad.message).toMatch(/ending 1112 fails its check digit/);
  });

  it('parses and masks passports and 20-digit accounts', () => {
    expect(parseDocument('passport', '45 06 123456')).toMatchObject({ ok: true, value: '4506123456' });
    expect(maskPassport('4506123456')).toBe('45 ** ***456');
    expect(parseDocument('passport', '45 06 12345')).toMatchObject({ ok: false, problem: 'passport_format' });
    expect(parseDocument('account', '40817 810 0 9991 0004312')).toMatchObject({ ok: true, masked: '40817 **** 4312' });
    expect(maskAccount('40817810099910004312')).toBe('40817 **** 4312');
    const short = parseDocument('account', '4081781009991000431');
    expect(short).toMatchObject({ ok: false, problem: 'account_format' });
    expect(!short.ok && short.message).toMatch(/20 digits \(19 given\)/);
  });
});
