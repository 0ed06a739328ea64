import { describe, expect, it } from 'vitest';
import { hostAllowed, hostName } from '../../src/server/http/hostCheck.js';

describe('the hub answers only to its own names when bound to loopback', () => {
  it('accepts loopback names with or without a port', () => {
    for (const host of ['127.0.0.1:8740', 'localhost:8740', '[::1]:8740', '127.0.0.1', '127.3.4.5:1']) {
      expect(hostAllowed(host, [])).toBe(true);
    }
  });

  it('refuses a rebinding name, an empty and a malformed header, and accepts configured public names', () => {
    expect(hostAllowed('attacker.example:8740', [])).toBe(false);
    expect(hostAllowed(undefined, [])).toBe(false);
    expect(hostAllowed('a b', [])).toBe(false);
    expect(hostAllowed('Hub.Bank.ru', ['hub.bank.ru'])).toBe(true);
    expect(hostName('HUB.bank.ru:443')).toBe('hub.bank.ru');
  });
});
