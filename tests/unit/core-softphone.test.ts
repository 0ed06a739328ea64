import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileKeySecretBox } from '../../src/main/core/index.js';
import { findCustomerByPhone } from '../../src/main/core/softphone/findCustomerByPhone.js';
import { createSoftphoneAccountStore, SOFTPHONE_FILE } from '../../src/main/core/softphone/softphoneAccountStore.js';
import { openLocalStore } from '../../src/main/core/store/localStore.js';
import { requests } from '../../src/shared/contract.js';
import { createLogger } from '../../src/shared/log.js';
import { customer, tempDir } from './core-fixtures.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

function folder(): string {
  const temp = tempDir('okno-softphone-');
  cleanups.push(temp.remove);
  return temp.dir;
}

const log = createLogger('test');
const ACCOUNT = requests['softphone.saveAccount'].input.parse({
  account: { serverUri: 'ws://127.0.0.1:8088', sipUri: 'sip:agent1@127.0.0.1' },
  password: null,
}).account;

describe('the softphone account store', () => {
  it('keeps the password sealed on disk and gives it back to the renderer', () => {
    const dir = folder();
    const store = createSoftphoneAccountStore(dir, createFileKeySecretBox(dir), log);
    expect(store.get()).toEqual({ account: null, password: null });
    expect(store.connectSource()).toBeNull();
    expect(store.save(ACCOUNT, 'S3cret-sip-password')).toEqual({ account: ACCOUNT, hasPassword: true });
    expect(readFileSync(path.join(dir, SOFTPHONE_FILE), 'utf8')).not.toContain('S3cret-sip-password');
    const again = createSoftphoneAccountStore(dir, createFileKeySecretBox(dir), log);
    expect(again.get()).toEqual({ account: ACCOUNT, password: 'S3cret-sip-password' });
    expect(again.connectSource()).toBe('ws://127.0.0.1:8088');
    // null keeps the password, '' removes it.
    again.save({ ...ACCOUNT, displayName: 'Anna' }, null);
    expect(again.get().password).toBe('S3cret-sip-password');
    expect(again.save(ACCOUNT, '')).toMatchObject({ hasPassword: false });
    expect(again.get().password).toBeNull();
  });

  it('tells its listeners of each save, before the save returns', () => {
    const dir = folder();
    const store = createSoftphoneAccountStore(dir, createFileKeySecretBox(dir), log);
    const heard: (string | null)[] = [];
    const stop = store.onChanged(() => heard.push(store.connectSource()));
    store.save(ACCOUNT, null);
    expect(heard).toEqual(['ws://127.0.0.1:8088']);
    store.save({ ...ACCOUNT, serverUri: 'wss://pbx.example.com/ws' }, null);
    expect(heard).toEqual(['ws://127.0.0.1:8088', 'wss://pbx.example.com']);
    stop();
    store.save(ACCOUNT, null);
    expect(heard).toHaveLength(2);
  });

  it('loads a file saved with the old per-account after-call work, ignoring that field (the hub owns it)', () => {
    const dir = folder();
    const box = createFileKeySecretBox(dir);
    const old = { ...ACCOUNT, afterCallWorkSeconds: 20 };
    writeFileSync(
      path.join(dir, SOFTPHONE_FILE),
      JSON.stringify({ version: 1, account: old, sealedPassword: box.encrypt('pw') }),
    );
    const store = createSoftphoneAccountStore(dir, box, log);
    expect(store.get()).toEqual({ account: ACCOUNT, password: 'pw' });
    expect(store.connectSource()).toBe('ws://127.0.0.1:8088');
  });

  it('refuses a malformed account at the contract boundary', () => {
    const input = requests['softphone.saveAccount'].input;
    const bad = (account: object) => input.safeParse({ account, password: 'x' }).success;
    expect(bad({ serverUri: 'http://pbx', sipUri: 'sip:a@pbx' })).toBe(false);
    expect(bad({ serverUri: 'ws://pbx', sipUri: 'agent@pbx' })).toBe(false);
    expect(bad({ serverUri: 'ws://pbx', sipUri: 'sip:a@pbx', iceServers: ['http://stun'] })).toBe(false);
    expect(bad({ serverUri: 'wss://pbx/ws', sipUri: 'sip:a@pbx', iceServers: ['stun:stun.example.com:3478'] })).toBe(
      true,
    );
  });
});

describe('finding the caller by number', () => {
  it('matches whatever notation the number was stored and dialled in', () => {
    const store = openLocalStore(folder(), { log });
    cleanups.push(() => store.close());
    const anna = customer({ name: 'Анна', phone: '8 (916) 123-45-67' });
    const ivan = customer({ name: 'Ivan', phone: '+79161234568' });
    store.customers.upsert(anna, 1);
    store.customers.upsert(ivan, 2);
    store.customers.upsert(customer({ phone: null }), 3);
    // The cache adds the card's notes and identities to what the hub sent.
    expect(findCustomerByPhone(store.customers, '+79161234567')).toMatchObject({
      e164: '+79161234567',
      customer: anna,
    });
    expect(findCustomerByPhone(store.customers, '89161234568').customer).toMatchObject(ivan);
    expect(findCustomerByPhone(store.customers, '+79161234569')).toEqual({ e164: '+79161234569', customer: null });
    expect(findCustomerByPhone(store.customers, 'agent2')).toEqual({ e164: null, customer: null });
  });
});
