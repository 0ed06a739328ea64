import { describe, expect, it } from 'vitest';
import { payloadText, secretsFrom, settingsFrom, valuesOf } from '../../src/renderer/features/channels/channelForm.js';
import { threadTyping } from '../../src/renderer/app/coreEvents.js';
import { initialTypingState, typingSlice } from '../../src/renderer/features/channels/typingSlice.js';
import { withHtmlSignature, textToHtml } from '../../src/server/gateways/email/smtpSender.js';
import { checkWidgetFile } from '../../src/server/webchat/widgetFile.js';
import { createThrottle } from '../../src/server/webchat/typingRelay.js';
import { cleanFileName } from '../../src/shared/attachments.js';
import { WIDGET_FILE_MAX_BYTES } from '../../src/shared/widgetProtocol.js';
import { fileProblem, throttled } from '../../src/widget/extrasText.js';

describe('channel form', () => {
  const current = {
    address: 'desk@bank.example',
    imap: { host: 'imap.bank.example', port: 993, secure: true, mailbox: 'Support' },
    smtp: { host: 'smtp.bank.example', port: 465, secure: true },
    pollIntervalMs: 10_000,
  };

  it('shows settings as strings and keeps what the form does not show when it writes them back', () => {
    const values = valuesOf('email', current);
    expect(values).toMatchObject({
      address: 'desk@bank.example',
      'imap.port': '993',
      'imap.secure': true,
      signature: '',
    });
    const written = settingsFrom('email', { ...values, 'imap.port': '143', 'imap.secure': false }, current);
    expect(written).toMatchObject({
      imap: { host: 'imap.bank.example', port: 143, secure: false, mailbox: 'Support' },
      pollIntervalMs: 10_000,
    });
    expect(written).not.toHaveProperty('signature');
    // The base object is not changed (React state).
    expect(current.imap.port).toBe(993);
  });

  it('passes a number field that is not a number on as text, so the hub names the field', () => {
    expect(settingsFrom('vk', { apiBase: '', groupId: '12a', apiVersion: '' })).toEqual({ groupId: '12a' });
  });

  it('sends only the secrets typed in: an empty one keeps the stored value', () => {
    expect(secretsFrom('telegram', { botToken: '', webhookSecret: 'new-secret' })).toEqual({
      webhookSecret: 'new-secret',
    });
    expect(secretsFrom('webhook', { signingSecret: 's'.repeat(20), other: 'x' })).toEqual({
      signingSecret: 's'.repeat(20),
    });
  });
});

describe('dead-letter payload view', () => {
  it('shows UTF-8 text, control characters replaced, shortened when long', () => {
    const text = Buffer.from('{"edited":true}\u0007 привет').toString('base64');
    expect(payloadText(text)).toEqual({ text: '{"edited":true}\ufffd привет', truncated: false });
    expect(payloadText(Buffer.from('x'.repeat(50)).toString('base64'), 10)).toEqual({
      text: 'x'.repeat(10),
      truncated: true,
    });
  });

  it('shows nothing for binary, over-64-KB or broken base64 payloads', () => {
    expect(payloadText(Buffer.from([0xff, 0xfe, 0x00, 0x81]).toString('base64'))).toBeNull();
    expect(payloadText(null)).toBeNull();
    expect(payloadText('%%%')).toBeNull();
  });
});

describe('typing', () => {
  it('keeps the last notice per thread', () => {
    const state = typingSlice.reducer(initialTypingState, threadTyping({ threadId: 't1', at: 5 }));
    expect(typingSlice.reducer(state, threadTyping({ threadId: 't1', at: 9 })).at).toEqual({ t1: 9 });
  });

  it('throttles per key on the hub and in the widget (injected clock)', () => {
    let now = 0;
    const allow = createThrottle(2000, () => now);
    expect([allow('a'), allow('a'), allow('b')]).toEqual([true, false, true]);
    now = 2000;
    expect(allow('a')).toBe(true);

    let sent = 0;
    const send = throttled(
      () => sent++,
      3000,
      () => now,
    );
    send();
    send();
    now += 2999;
    send();
    now += 1;
    send();
    expect(sent).toBe(2);
    // After a message is sent the next keystroke is announced at once.
    send.reset();
    send();
    expect(sent).toBe(3);
  });
});

describe('email signature', () => {
  it('closes the HTML part with the escaped signature, also when a signature has $ patterns', () => {
    const html = withHtmlSignature(textToHtml('Hello'), 'Desk <desk@bank> $& $1\nline 2');
    expect(html).toBe(
      '<!doctype html><html><body><p>Hello</p><div class="okno-signature">-- <br><p>Desk &#60;desk@bank&#62; $&#38; $1<br>line 2</p></div></body></html>',
    );
  });
});

describe('files', () => {
  it('cleans names: no path, no control characters, never empty', () => {
    expect(cleanFileName('..\\..\\windows/evil\u0000.pdf')).toBe('evil.pdf');
    expect(cleanFileName('  ')).toBe('file');
  });

  it('takes widget files of allowed kinds whose content matches', () => {
    expect(checkWidgetFile('a.png', 'image/png', Buffer.from('89504e470d0a1a0a00', 'hex')).mime).toBe('image/png');
    expect(checkWidgetFile('n.txt', 'text/plain; charset=utf-8', Buffer.from('привет')).mime).toBe('text/plain');
    expect(() => checkWidgetFile('a.svg', 'image/svg+xml', Buffer.from('<svg/>'))).toThrow(/not accepted/);
    expect(() => checkWidgetFile('a.gif', 'image/gif', Buffer.from('MZ'))).toThrow(
      "the file's content is not image/gif",
    );
    expect(() => checkWidgetFile('a.txt', 'text/plain', Buffer.from([0x66, 0, 0x67]))).toThrow(/not text\/plain/);
    expect(() => checkWidgetFile('a.txt', 'text/plain', Buffer.alloc(0))).toThrow('the file is empty');
  });

  it('the widget refuses a file before sending it, in the visitor’s language', () => {
    expect(fileProblem({ size: 10, type: 'application/zip' }, 'en')).toMatch(/not accepted/);
    expect(fileProblem({ size: WIDGET_FILE_MAX_BYTES + 1, type: 'image/png' }, 'ru')).toBe(
      'Файл слишком большой: не больше 5 МБ.',
    );
    expect(fileProblem({ size: 10, type: 'application/pdf' }, 'en')).toBeNull();
  });
});
