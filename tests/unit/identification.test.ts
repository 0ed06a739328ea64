/** Identification's shared rules, the bank reply reader (PANs cut), the audit CSV and the renderer's formats. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_IDENTIFICATION_SETTINGS,
  IdentificationSettings,
  roundOutcome,
} from '../../src/shared/customers/identification.js';
import { cutPans, readBankReply } from '../../src/shared/customers/products.js';
import { auditCsv, type AuditEntryView } from '../../src/shared/customers/identificationAudit.js';
import { identificationRequests } from '../../src/shared/customers/identificationContract.js';
import { sampleProducts } from '../../src/server/bank/sampleProducts.js';
import { productsUrl } from '../../src/server/bank/bankAdapterClient.js';
import { formatDay, formatMoney, wordingFor } from '../../src/renderer/features/identification/productFormat.js';
import { periodOf } from '../../src/renderer/features/admin/audit/auditPeriod.js';

describe('a round of questions', () => {
  it('passes at the required count and fails once the required count cannot be reached', () => {
    expect(roundOutcome(0, 0, 4, 3)).toBe('open');
    expect(roundOutcome(2, 1, 4, 3)).toBe('open');
    expect(roundOutcome(3, 1, 4, 3)).toBe('passed');
    expect(roundOutcome(2, 2, 4, 3)).toBe('failed');
    expect(roundOutcome(0, 1, 3, 3)).toBe('failed');
  });

  it('refuses settings that cannot be met or name a question twice', () => {
    expect(IdentificationSettings.safeParse(DEFAULT_IDENTIFICATION_SETTINGS).success).toBe(true);
    const tooMany = IdentificationSettings.safeParse({ ...DEFAULT_IDENTIFICATION_SETTINGS, required: 5 });
    expect(tooMany.success).toBe(false);
    expect(tooMany.error?.issues[0]).toMatchObject({
      path: ['required'],
      message: '5 questions must pass but only 4 are enabled',
    });
    const twice = IdentificationSettings.safeParse({
      ...DEFAULT_IDENTIFICATION_SETTINGS,
      questions: [DEFAULT_IDENTIFICATION_SETTINGS.questions[0], DEFAULT_IDENTIFICATION_SETTINGS.questions[0]],
      required: 1,
    });
    expect(twice.error?.issues[0]?.message).toBe('question id "full-name" is used twice');
    const blank = IdentificationSettings.safeParse({
      ...DEFAULT_IDENTIFICATION_SETTINGS,
      questions: [{ id: 'x', kind: 'custom', enabled: true, text: { en: ' ', ru: 'Вопрос' } }],
      required: 1,
    });
    expect(blank.error?.issues[0]).toMatchObject({
      path: ['questions', 0, 'text', 'en'],
      message: 'question wording is empty',
    });
  });

  it('takes either a mark or what the customer said at the contract, not both', () => {
    const input = identificationRequests['identification.answer'].input;
    const threadId = '01a24db8-92fd-770d-9db3-3c3a407be05e';
    expect(input.safeParse({ threadId, questionId: 'q', verdict: 'pass' }).success).toBe(true);
    expect(input.safeParse({ threadId, questionId: 'q', answer: 'word' }).success).toBe(true);
    expect(input.safeParse({ threadId, questionId: 'q' }).success).toBe(false);
    expect(input.safeParse({ threadId, questionId: 'q', verdict: 'pass', answer: 'w' }).success).toBe(false);
  });
});

describe('reading the bank adapter reply', () => {
  it('cuts Luhn-valid card numbers, grouped or not, and leaves other digits', () => {
    expect(cutPans('card 4111 1111 1111 1111 ok')).toEqual({ text: 'card **** 1111 ok', cut: 1 });
    expect(cutPans('4111-1111-1111-1111')).toEqual({ text: '**** 1111', cut: 1 });
    expect(cutPans('account 40817810099910004312').cut).toBe(0);
    expect(cutPans('order 4111111111111112').cut).toBe(0);
  });

  it('accepts the documented shape and drops unknown fields', () => {
    const read = readBankReply({ ...sampleProducts('C-1'), extra: true });
    expect(read).toEqual({ ok: true, products: sampleProducts('C-1'), pansCut: 0 });
  });

  it('never lets a full card number through, in any field or as a number', () => {
    const products = sampleProducts('C-2');
    const read = readBankReply({
      ...products,
      cards: [{ ...products.cards[0], pan: '4111111111111111', name: 'Gold 4111111111111111', raw: 4111111111111111 }],
    });
    expect(read.ok).toBe(true);
    expect(read.pansCut).toBe(3);
    expect(JSON.stringify(read)).not.toContain('4111111111111111');
    if (read.ok) expect(read.products.cards[0]?.name).toBe('Gold **** 1111');
  });

  it('refuses a card whose last4 is a full number, naming where', () => {
    const products = sampleProducts('C-3');
    const read = readBankReply({ ...products, cards: [{ ...products.cards[0], last4: '4111111111111111' }] });
    expect(read).toMatchObject({ ok: false, reason: 'cards.0.last4: card last4 must be exactly 4 digits' });
    expect(JSON.stringify(read)).not.toContain('4111111111111111');
  });

  it('names amounts and currencies that do not read', () => {
    const products = sampleProducts('C-4');
    const bad = readBankReply({ ...products, accounts: [{ ...products.accounts[0], balance: '12,5' }] });
    expect(bad).toMatchObject({
      ok: false,
      reason: 'accounts.0.balance: amount must be a decimal number such as 1520.50',
    });
    expect(readBankReply('<html>').ok).toBe(false);
  });

  it('builds the adapter address from its base and the bank id', () => {
    expect(productsUrl('http://bank/api/', 'C 1/2')).toBe('http://bank/api/customers/C%201%2F2/products');
  });

  it('gives the same sample products for the same bank id', () => {
    expect(sampleProducts('C-1001')).toEqual(sampleProducts('C-1001'));
    expect(sampleProducts('C-1001')).not.toEqual(sampleProducts('C-1002'));
  });
});

describe('the audit export', () => {
  const entry: AuditEntryView = {
    id: '1',
    at: Date.UTC(2026, 11, 6, 10, 0, 0),
    agentId: 'a',
    agentName: 'Anna, "the best"',
    action: 'identification.attempt',
    customerId: 'c',
    customerName: '=HYPERLINK("x")',
    threadId: 't',
    threadNumber: 42,
    detail: { question: 'code-word', result: 'fail' },
  };

  it('writes RFC 4180 CSV and defuses formulas', () => {
    const csv = auditCsv([entry]);
    expect(csv.split('\r\n')[0]).toBe('time,agent,action,customer,customer id,contact,contact id,detail');
    expect(csv).toContain(
      '2026-12-06T10:00:00.000Z,"Anna, ""the best""",identification.attempt,"\'=HYPERLINK(""x"")",c,#42,t,"question=code-word; result=fail"',
    );
  });
});

describe('the renderer formats', () => {
  it('formats money and days in the UI language', () => {
    expect(formatMoney('1520.5', 'RUB', 'en')).toMatch(/^RUB\s1,520\.50$/);
    expect(formatMoney('abc', 'RUB', 'en')).toBe('abc RUB');
    expect(formatDay('1985-04-12', 'en')).toBe('Apr 12, 1985');
    expect(wordingFor({ en: 'Name?', ru: 'Имя?' }, 'ru-RU')).toBe('Имя?');
  });

  it('turns audit days into a period that ends after the last day, or null when reversed', () => {
    const period = periodOf('2026-12-01', '2026-12-01');
    expect(period && period.to - period.from).toBeGreaterThanOrEqual(23 * 3600_000);
    expect(periodOf('2026-12-02', '2026-12-01')).toBeNull();
    expect(periodOf('bad', '2026-12-01')).toBeNull();
  });
});
