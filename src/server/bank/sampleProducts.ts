/**
 * The sample adapter's products: made up, but the same every time for the same bank id, so demos and
 * tests can name what they expect (an account, a card, sometimes a loan). Built as the adapter API
 * sends them (docs/bank-adapter.md).
 */
import { createHash } from 'node:crypto';
import type { BankProducts } from '../../shared/customers/products.js';

/** Deterministic digits from the bank id. */
function digitsOf(externalId: string, salt: string, length: number): string {
  let out = '';
  for (let round = 0; out.length < length; round++) {
    const hash = createHash('sha256').update(`${salt}:${round}:${externalId}`).digest();
    for (const byte of hash) out += String(byte % 10);
  }
  return out.slice(0, length);
}

function amount(digits: string): string {
  return `${Number(digits.slice(0, 6))}.${digits.slice(6, 8)}`;
}

export function sampleProducts(externalId: string): BankProducts {
  const seed = digitsOf(externalId, 'seed', 40);
  const hasLoan = Number(seed[0]) % 2 === 0;
  return {
    accounts: [
      {
        id: `acc-${seed.slice(0, 6)}`,
        number: `40817810${digitsOf(externalId, 'account', 12)}`,
        name: 'Current account',
        currency: 'RUB',
        balance: amount(seed.slice(1)),
        status: 'active',
      },
    ],
    cards: [
      {
        id: `card-${seed.slice(6, 12)}`,
        last4: seed.slice(12, 16),
        name: 'Debit card',
        paymentSystem: 'MIR',
        expires: `${String((Number(seed[16]) % 9) + 1).padStart(2, '0')}/${29 + (Number(seed[17]) % 3)}`,
        status: Number(seed[18]) === 0 ? 'blocked' : 'active',
        accountId: `acc-${seed.slice(0, 6)}`,
      },
    ],
    loans: hasLoan
      ? [
          {
            id: `loan-${seed.slice(20, 26)}`,
            name: 'Consumer loan',
            currency: 'RUB',
            balance: amount(seed.slice(26)),
            status: Number(seed[34]) === 0 ? 'overdue' : 'active',
            nextPaymentDate: `2027-0${(Number(seed[35]) % 9) + 1}-15`,
            nextPaymentAmount: `${Number(seed.slice(36, 40)) + 1000}.00`,
          },
        ]
      : [],
  };
}
