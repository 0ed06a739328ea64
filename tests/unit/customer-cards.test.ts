/**
 * The customer card's rules without a hub: identities in one spelling (or an error naming the
 * field), the field-level conflict rule, what a merge keeps, and the pending overlay the agent sees.
 */
import { describe, expect, it } from 'vitest';
import { overlayPending } from '../../src/main/core/customers/pendingOverlay.js';
import {
  mergeFields,
  normalizeIdentity,
  resolveFieldEdits,
  seenFields,
} from '../../src/shared/customers/customerCard.js';
import type { CustomerMutation } from '../../src/shared/customers/customerMutations.js';
import { requests } from '../../src/shared/contract.js';
import type { Customer } from '../../src/shared/domain.js';

const ID = '01a21364-b56d-7875-ab93-bd107890d5b1';
const OTHER = '01a21364-b56d-7875-ab93-bd107890d5b2';

function customer(patch: Partial<Customer> = {}): Customer {
  return {
    id: ID,
    name: 'Анна Петрова',
    phone: null,
    email: null,
    createdAt: 1,
    updatedAt: 1,
    notes: '',
    identities: [],
    mergedInto: null,
    ...patch,
  };
}

describe('normalizeIdentity', () => {
  it('spells each identity one way', () => {
    expect(normalizeIdentity('phone', '8 (916) 123-45-67')).toEqual({
      ok: true,
      identity: { kind: 'phone', value: '+79161234567' },
    });
    expect(normalizeIdentity('phone', '+7 916 123 45 67')).toMatchObject({ identity: { value: '+79161234567' } });
    expect(normalizeIdentity('email', ' Anna@Example.COM ')).toMatchObject({ identity: { value: 'anna@example.com' } });
    expect(normalizeIdentity('telegram', '123456789')).toMatchObject({ ok: true });
  });

  it('names the field and the problem for bad input', () => {
    expect(normalizeIdentity('phone', 'call me')).toEqual({
      ok: false,
      message: 'phone "call me" is not a valid phone number (not a number)',
    });
    expect(normalizeIdentity('phone', '12')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^phone "12"/),
    });
    expect(normalizeIdentity('email', 'anna@')).toMatchObject({
      ok: false,
      message: 'email "anna@" is not an email address',
    });
    expect(normalizeIdentity('vk', 'id42')).toMatchObject({
      ok: false,
      message: expect.stringContaining('numeric VK user id'),
    });
    expect(normalizeIdentity('email', '   ')).toEqual({ ok: false, message: 'email is empty' });
  });

  it('refuses a bad identity at the contract boundary, naming the value field', () => {
    const parsed = requests['customer.link'].input.safeParse({ customerId: ID, kind: 'phone', value: 'abc' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['value'], message: expect.stringContaining('phone "abc"') });
    const create = requests['customer.create'].input.safeParse({ name: 'X', email: 'nope' });
    expect(create.success).toBe(false);
    expect(create.error?.issues[0]).toMatchObject({ path: ['email'] });
  });
});

describe('resolveFieldEdits (field-level, first edit to reach the hub stands)', () => {
  const current = { name: 'Olga Borisova', notes: 'VIP' };

  it('applies a field the card still holds as the agent saw it', () => {
    expect(resolveFieldEdits(current, { notes: 'VIP, calls after 18:00' }, { notes: 'VIP' })).toEqual({
      apply: { notes: 'VIP, calls after 18:00' },
      conflicts: [],
    });
  });

  it('keeps a field another agent changed since, and reports the losing value', () => {
    expect(resolveFieldEdits(current, { name: 'Olga Annina' }, { name: 'Olga' })).toEqual({
      apply: {},
      conflicts: [{ field: 'name', hubValue: 'Olga Borisova', yourValue: 'Olga Annina' }],
    });
  });

  it('settles each field on its own in one edit', () => {
    const result = resolveFieldEdits(
      current,
      { name: 'Olga Annina', notes: 'new notes' },
      { name: 'Olga', notes: 'VIP' },
    );
    expect(result.apply).toEqual({ notes: 'new notes' });
    expect(result.conflicts.map((c) => c.field)).toEqual(['name']);
  });

  it('is no conflict when both agents wrote the same value, or nothing changes', () => {
    expect(resolveFieldEdits(current, { name: 'Olga Borisova' }, { name: 'Olga' })).toEqual({
      apply: {},
      conflicts: [],
    });
    expect(resolveFieldEdits(current, {}, {})).toEqual({ apply: {}, conflicts: [] });
  });

  it('treats an edit without a seen value as a plain overwrite (older clients)', () => {
    expect(resolveFieldEdits(current, { name: 'X' }, {})).toEqual({ apply: { name: 'X' }, conflicts: [] });
  });

  it('records what the agent saw only for the fields they edit', () => {
    expect(seenFields(customer({ notes: 'n' }), { notes: 'm' })).toEqual({ notes: 'n' });
    expect(seenFields(customer(), { name: 'New' })).toEqual({ name: 'Анна Петрова' });
  });
});

describe('mergeFields', () => {
  it('keeps the survivor’s name and contacts, fills what it lacks, and keeps both notes', () => {
    const survivor = customer({ name: 'Vera', phone: null, email: 'vera@example.com', notes: 'prefers chat' });
    const absorbed = customer({ id: OTHER, name: '+79161234567', phone: '+79161234567', notes: 'called twice' });
    expect(mergeFields(survivor, absorbed)).toEqual({
      name: 'Vera',
      notes: 'prefers chat\n\ncalled twice',
      phone: '+79161234567',
      email: 'vera@example.com',
      replaced: [{ field: 'name', value: '+79161234567' }],
    });
  });

  it('does not repeat notes already there, nor record a name that was the same', () => {
    const merged = mergeFields(customer({ notes: 'a\n\nb' }), customer({ id: OTHER, notes: 'b' }));
    expect(merged.notes).toBe('a\n\nb');
    expect(merged.replaced).toEqual([]);
  });
});

describe('overlayPending', () => {
  const base = customer({ phone: '+79161234567', identities: [{ kind: 'phone', value: '+79161234567' }] });
  const m = (mutation: Record<string, unknown>): CustomerMutation =>
    ({ id: OTHER, createdAt: 1, customerId: ID, ...mutation }) as CustomerMutation;

  it('shows the agent’s pending edits, links and unlinks in order', () => {
    const card = overlayPending(base, [
      m({ kind: 'customer.update', fields: { name: 'Анна' }, seen: { name: 'Анна Петрова' } }),
      m({ kind: 'customer.link', identity: { kind: 'email', value: 'Anna@Example.com' } }),
      m({ kind: 'customer.unlink', identity: { kind: 'phone', value: '+79161234567' } }),
    ]);
    expect(card).toMatchObject({
      name: 'Анна',
      email: 'anna@example.com',
      phone: null,
      identities: [{ kind: 'email', value: 'anna@example.com' }],
    });
    // The replica itself is untouched.
    expect(base.name).toBe('Анна Петрова');
  });

  it('does not list an identity twice', () => {
    const card = overlayPending(base, [
      m({ kind: 'customer.link', identity: { kind: 'phone', value: '8 916 123 45 67' } }),
    ]);
    expect(card.identities).toEqual([{ kind: 'phone', value: '+79161234567' }]);
  });
});
