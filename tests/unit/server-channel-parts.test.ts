import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { secretsToRetype } from '../../src/shared/channels/channelAdmin.js';
import { autoSubmittedReason } from '../../src/server/gateways/email/autoSubmitted.js';
import { parseEmail } from '../../src/server/gateways/email/parseEmail.js';
import { replySubject, textToHtml } from '../../src/server/gateways/email/smtpSender.js';
import { normalizeIdentity } from '../../src/server/gateways/recognizeCustomer.js';
import { secretsEqual } from '../../src/server/gateways/secretCompare.js';
import { createSecretSeal, loadSecretKey, SECRET_KEY_FILE } from '../../src/server/gateways/secretSeal.js';
import { normalizeUpdate } from '../../src/server/gateways/telegram/normalizeUpdate.js';
import { checkSignature, sign } from '../../src/server/gateways/webhook/signature.js';

const dir = mkdtempSync(path.join(tmpdir(), 'okno-seal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sealed channel secrets', () => {
  it('round-trips, hides the plaintext, keeps the key file private and refuses another key', () => {
    const key = loadSecretKey(dir, undefined);
    expect(statSync(path.join(dir, SECRET_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(loadSecretKey(dir, undefined).equals(key)).toBe(true);
    const seal = createSecretSeal(key);
    const sealed = seal.seal({ botToken: '123:secret-token' });
    expect(sealed).not.toContain('secret-token');
    expect(seal.open(sealed)).toEqual({ botToken: '123:secret-token' });
    const other = createSecretSeal(Buffer.alloc(32, 1));
    expect(() => other.open(sealed)).toThrow('not the one they were sealed with');
    expect(() => loadSecretKey(dir, Buffer.alloc(16).toString('base64'))).toThrow('32 bytes');
  });
});

describe('secret checks', () => {
  it('compares whole secrets only: a prefix, a longer string, an empty or missing one never match', () => {
    expect(secretsEqual('vk-secret', 'vk-secret')).toBe(true);
    expect(secretsEqual('vk-secre', 'vk-secret')).toBe(false);
    expect(secretsEqual('vk-secret-and-more', 'vk-secret')).toBe(false);
    expect(secretsEqual('', '')).toBe(false);
    expect(secretsEqual(null, 'vk-secret')).toBe(false);
    expect(secretsEqual('anything', undefined)).toBe(false);
  });

  it('asks for the secrets sent to an endpoint that moves, and only those that are stored', () => {
    const before = { imap: { host: 'imap.bank', port: 993 }, smtp: { host: 'smtp.bank', port: 465 } };
    const moved = { ...before, imap: { host: 'evil.example', port: 993 } };
    expect(secretsToRetype('email', before, moved, ['imapPassword'], [])).toEqual({
      settings: ['imap.host'],
      secrets: ['imapPassword'],
    });
    expect(secretsToRetype('email', before, moved, ['imapPassword'], ['imapPassword']).secrets).toEqual([]);
    const smtpMoved = { ...before, smtp: { host: 'evil.example', port: 465 } };
    expect(secretsToRetype('email', before, smtpMoved, ['imapPassword'], []).secrets).toEqual([]);
    expect(secretsToRetype('telegram', { apiBase: 'a' }, { apiBase: 'a', mode: 'webhook' }, ['botToken'], [])).toEqual({
      settings: [],
      secrets: [],
    });
  });
});

describe('webhook signatures', () => {
  const body = Buffer.from('{"a":1}');
  const now = 1_772_442_000_000;
  const at = now / 1000;
  it('accepts the right one and names what is wrong with the others', () => {
    expect(checkSignature('s3cret', sign('s3cret', at, body), String(at), body, now)).toBeNull();
    expect(checkSignature('s3cret', null, String(at), body, now)).toBe('missing');
    expect(checkSignature('s3cret', 'md5=abc', String(at), body, now)).toBe('malformed');
    expect(checkSignature('s3cret', sign('s3cret', at - 600, body), String(at - 600), body, now)).toBe('stale');
    expect(checkSignature('s3cret', sign('other', at, body), String(at), body, now)).toBe('mismatch');
  });
});

describe('robot mail', () => {
  const headers = (entries: Record<string, string>) => new Map(Object.entries(entries));
  it('recognises auto-replies, bulk mail, reports, daemons and our own address', () => {
    expect(autoSubmittedReason(headers({ 'auto-submitted': 'auto-replied' }), 'a@x', 's@x', 'text/plain')).toContain(
      'Auto-Submitted',
    );
    expect(autoSubmittedReason(headers({ 'auto-submitted': 'no' }), 'a@x', 's@x', 'text/plain')).toBeNull();
    expect(autoSubmittedReason(headers({ precedence: 'junk' }), 'a@x', 's@x', 'text/plain')).toBe('Precedence: junk');
    expect(autoSubmittedReason(headers({ 'x-autoreply': 'yes' }), 'a@x', 's@x', 'text/plain')).toContain('x-autoreply');
    expect(autoSubmittedReason(headers({}), 'a@x', 's@x', 'multipart/report; report-type=delivery-status')).toContain(
      'report',
    );
    expect(autoSubmittedReason(headers({}), 'MAILER-DAEMON@x', 's@x', 'text/plain')).toContain('MAILER-DAEMON');
    expect(autoSubmittedReason(headers({}), 'S@X', 's@x', 'text/plain')).toContain('own address');
    expect(autoSubmittedReason(headers({}), 'a@x', 's@x', 'text/plain')).toBeNull();
  });
});

describe('parseEmail', () => {
  const options = { ownAddress: 'support@bank.test', maxAttachmentBytes: 10 };
  it('keeps sender, threading ids, text and small attachments; notes the ones over the cap', async () => {
    const raw = [
      'From: "Olga P" <Olga@Example.test>',
      'To: support@bank.test',
      'Subject: Re: Card',
      'Message-ID: <m2@example.test>',
      'In-Reply-To: <m1@bank.test>',
      'References: <m0@example.test> <m1@bank.test>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Hello',
      '--b',
      'Content-Type: text/plain; name="small.txt"',
      'Content-Disposition: attachment; filename="small.txt"',
      '',
      'tiny',
      '--b',
      'Content-Type: application/octet-stream; name="big.bin"',
      'Content-Disposition: attachment; filename="big.bin"',
      '',
      'this is far more than ten bytes',
      '--b--',
    ].join('\r\n');
    const parsed = await parseEmail(Buffer.from(raw), options);
    expect(parsed.kind).toBe('message');
    if (parsed.kind !== 'message') return;
    expect(parsed.message).toMatchObject({
      externalId: '<m2@example.test>',
      sender: { kind: 'email', value: 'olga@example.test', name: 'Olga P' },
      replyAddress: 'olga@example.test',
      inReplyTo: ['<m0@example.test>', '<m1@bank.test>'],
      subject: 'Re: Card',
    });
    expect(parsed.message.text.trim()).toBe('Hello');
    expect(parsed.message.attachments.map((a) => a.name)).toEqual(['small.txt']);
    expect(parsed.message.notes?.[0]).toContain('big.bin');
  });

  it('says why it cannot take garbage', async () => {
    expect(await parseEmail(Buffer.from('\u0000\u0001garbage'), options)).toEqual({
      kind: 'invalid',
      detail: 'the message has no From address',
    });
  });
});

describe('small email and identity rules', () => {
  it('replies with one "Re:" and writes HTML that cannot carry markup from the text', () => {
    expect(replySubject('Card')).toBe('Re: Card');
    expect(replySubject('RE: Card')).toBe('RE: Card');
    expect(replySubject('Ответ: Карта')).toBe('Ответ: Карта');
    expect(replySubject(null)).toBe('Re: your message');
    expect(textToHtml('a <b>\n\nc')).toContain('<p>a &#60;b&#62;</p>');
  });

  it('stores identities in one spelling', () => {
    expect(normalizeIdentity('email', ' Olga@Example.TEST ')).toBe('olga@example.test');
    expect(normalizeIdentity('phone', '8 (916) 123-45-67')).toBe('+79161234567');
    expect(normalizeIdentity('phone', 'call me')).toBeNull();
    expect(normalizeIdentity('telegram', ' 42 ')).toBe('42');
  });
});

describe('Telegram updates', () => {
  it('takes messages, names unknown update types and refuses broken ones', () => {
    const message = normalizeUpdate({
      update_id: 1,
      message: {
        message_id: 2,
        chat: { id: 3 },
        from: { id: 3, first_name: 'Ivan' },
        text: 'hi',
        sticker: {},
      } as never,
    });
    expect(message).toMatchObject({
      kind: 'message',
      message: { externalId: '3:2', chatId: '3', userId: '3', name: 'Ivan', text: 'hi', unsupported: ['sticker'] },
    });
    expect(normalizeUpdate({ update_id: 1, business_message: {} })).toEqual({
      kind: 'unsupported',
      detail: 'update type business_message is not taken',
    });
    expect(normalizeUpdate({ update_id: 1, message: { message_id: 2 } as never }).kind).toBe('invalid');
    expect(normalizeUpdate({ update_id: Number.NaN } as never).kind).toBe('invalid');
  });
});
