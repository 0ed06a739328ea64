/**
 * SMTP outbound with nodemailer: a plain-text and an HTML part, the channel's signature, and the
 * threading headers that keep the reply in the customer's conversation (In-Reply-To the newest
 * message, References the whole chain, "Re:" on the subject). Automatic messages say so
 * (Auto-Submitted: auto-replied), so the customer's robots do not answer them.
 */
import nodemailer from 'nodemailer';
import type { EmailSecrets, EmailSettings } from '../channelConfig.js';
import type { OutboundMessage, SendResult } from '../gateway.js';

const MAX_REFERENCES = 20;

export function createSmtpSender(settings: EmailSettings, secrets: EmailSecrets) {
  const transport = nodemailer.createTransport({
    host: settings.smtp.host,
    port: settings.smtp.port,
    secure: settings.smtp.secure,
    ...(settings.smtp.user && secrets.smtpPassword
      ? { auth: { user: settings.smtp.user, pass: secrets.smtpPassword } }
      : {}),
    tls: { rejectUnauthorized: !settings.allowInsecureTls },
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  const domain = settings.address.split('@')[1] ?? 'okno.invalid';

  return {
    async send(message: OutboundMessage): Promise<SendResult> {
      const messageId = `<${message.messageId}@${domain}>`;
      const references = message.references.slice(-MAX_REFERENCES);
      const text = settings.signature ? `${message.text}\n\n-- \n${settings.signature}` : message.text;
      await transport.sendMail({
        from: { name: settings.displayName || message.authorName, address: settings.address },
        to: message.address,
        subject: replySubject(message.subject),
        messageId,
        ...(references.length > 0 ? { inReplyTo: references.at(-1), references } : {}),
        ...(message.automatic ? { headers: { 'Auto-Submitted': 'auto-replied' } } : {}),
        text,
        html: message.html ?? textToHtml(text),
        attachments: message.attachments.map((a) => ({ filename: a.name, contentType: a.mime, content: a.data })),
      });
      return { externalId: messageId, status: 'sent' };
    },
    close: () => transport.close(),
  };
}

export function replySubject(subject: string | null): string {
  const base = (subject ?? '').trim();
  if (base === '') return 'Re: your message';
  return /^(re|ответ|aw|sv)\s*:/i.test(base) ? base : `Re: ${base}`;
}

export function textToHtml(text: string): string {
  const escaped = text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const paragraphs = escaped.split(/\n{2,}/).map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`);
  return `<!doctype html><html><body>${paragraphs.join('\n')}</body></html>`;
}
