/**
 * One raw email (RFC 5322 bytes) to an InboundMessage, or the reason it is not one. Parsing is
 * mailparser's; this decides what the hub keeps: the sender, the text (mailparser derives it from
 * the HTML when there is no text part), the raw HTML (sanitised in the app before it is shown),
 * attachments under the size cap, the threading ids and the headers worth keeping.
 */
import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject } from 'mailparser';
import type { Attachment, InboundMessage } from '../gateway.js';
import { formatBytes } from '../ingestInbound.js';
import { autoSubmittedReason } from './autoSubmitted.js';

export type ParsedEmail =
  | { kind: 'message'; message: InboundMessage }
  | { kind: 'auto_submitted'; detail: string }
  | { kind: 'invalid'; detail: string };

const KEPT_HEADERS = ['message-id', 'in-reply-to', 'references', 'date', 'from', 'to', 'cc', 'reply-to', 'subject'];

export async function parseEmail(
  source: Buffer,
  options: { ownAddress: string; maxAttachmentBytes: number },
): Promise<ParsedEmail> {
  const mail = await simpleParser(source, { skipTextToHtml: true, skipImageLinks: true });
  const fromAddress = firstAddress(mail.replyTo) ?? firstAddress(mail.from);
  const sender = firstAddress(mail.from);
  if (!sender || !fromAddress) return { kind: 'invalid', detail: 'the message has no From address' };
  const contentType = String((mail.headers.get('content-type') as { value?: string } | undefined)?.value ?? '');
  const auto = autoSubmittedReason(mail.headers, sender, options.ownAddress, contentType);
  if (auto) return { kind: 'auto_submitted', detail: `not queued, written by a robot (${auto})` };

  const attachments: Attachment[] = [];
  const notes: string[] = [];
  for (const part of mail.attachments) {
    const name = part.filename ?? `attachment-${attachments.length + 1}`;
    if (part.size > options.maxAttachmentBytes) {
      notes.push(
        `${name} (${formatBytes(part.size)}) is over the ${formatBytes(options.maxAttachmentBytes)} attachment cap and was not kept`,
      );
      continue;
    }
    attachments.push({ name, mime: part.contentType || 'application/octet-stream', data: part.content });
  }
  const references = [
    ...toList(mail.references),
    ...toList(mail.inReplyTo).filter((id) => !toList(mail.references).includes(id)),
  ];
  const headers: Record<string, string> = {};
  for (const line of mail.headerLines) {
    if (KEPT_HEADERS.includes(line.key))
      headers[line.key] = line.line
        .slice(line.key.length + 1)
        .trim()
        .slice(0, 2000);
  }
  return {
    kind: 'message',
    message: {
      externalId: mail.messageId ?? `<sha256-${createHash('sha256').update(source).digest('hex')}@okno>`,
      sender: { kind: 'email', value: sender, name: nameOf(mail.from) },
      text: mail.text ?? '',
      html: typeof mail.html === 'string' ? mail.html : null,
      attachments,
      replyAddress: fromAddress,
      inReplyTo: references,
      subject: mail.subject?.trim() || null,
      headers,
      notes,
    },
  };
}

function addresses(value: AddressObject | AddressObject[] | undefined) {
  return (Array.isArray(value) ? value : value ? [value] : []).flatMap((a) => a.value);
}

function firstAddress(value: AddressObject | AddressObject[] | undefined): string | null {
  const address = addresses(value).find((a) => a.address)?.address;
  return address ? address.toLowerCase() : null;
}

function nameOf(value: AddressObject | AddressObject[] | undefined): string | null {
  return addresses(value).find((a) => a.name)?.name ?? null;
}

function toList(value: string | string[] | undefined): string[] {
  if (!value) return [];
  return (Array.isArray(value) ? value : value.split(/\s+/)).filter((id) => id.trim() !== '');
}
