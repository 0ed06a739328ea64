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
      // The group's signature wins over the channel's; automatic messages carry the channel's only.
      const signature = (!message.automatic && message.signature) || settings.signature;
      const text = signature ? `${message.text}\n\n-- \n${signature}` : message.text;
      const html = signature
        ? withHtmlSignature(message.html ?? textToHtml(message.text), signature)
        : (message.html ?? textToHtml(text));
      await transport.sendMail({
        from: { name: settings.displayName || message.authorName, address: settings.address },
        to: message.address,
        subject: replySubject(message.subject),
        messageId,
        ...(references.length > 0 ? { inReplyTo: references.at(-1), references } : {}),
        ...(message.automatic ? { headers: { 'Auto-Submitted': 'auto-replied' } } : {}),
        text,
        html,
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
  return `<!doctype html><html><body>${htmlParagraphs(text)}</body></html>`;
}

function htmlParagraphs(text: string): string {
  const escaped = text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return escaped
    .split(/\n{2,}/)
    .map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

/** The signature as the HTML part's last block, escaped like the text (a signature is plain text). */
export function withHtmlSignature(html: string, signature: string): string {
  const block = `<div class="okno-signature">-- <br>${htmlParagraphs(signature)}</div>`;
  return /<\/body>/i.test(html) ? html.replace(/<\/body>/i, (end) => `${block}${end}`) : `${html}${block}`;
}
