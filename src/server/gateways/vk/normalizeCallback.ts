/**
 * VK Callback API events (the documented subset: confirmation, message_new) to what the gateway
 * does with them. Pure: the secret and group are checked by the gateway, downloads happen there.
 */
export interface VkMessage {
  id?: number;
  conversation_message_id?: number;
  from_id: number;
  peer_id: number;
  text?: string;
  attachments?: VkAttachment[];
}

export interface VkAttachment {
  type: string;
  photo?: { id?: number; sizes?: { url: string; width?: number; height?: number; type?: string }[] };
  doc?: { id?: number; title?: string; ext?: string; size?: number; url?: string };
}

export interface VkCallback {
  type: string;
  group_id?: number;
  secret?: string;
  event_id?: string;
  object?: { message?: VkMessage } & Record<string, unknown>;
}

export interface VkInbound {
  externalId: string;
  peerId: string;
  fromId: string;
  text: string;
  files: { url: string; name: string; mime: string }[];
  unsupported: string[];
}

const DOC_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  png: 'image/png',
  jpg: 'image/jpeg',
};

export function normalizeMessage(message: VkMessage | undefined): VkInbound | string {
  if (!message || typeof message.from_id !== 'number' || typeof message.peer_id !== 'number') {
    return 'message_new without object.message.from_id and peer_id';
  }
  const key = message.id ?? message.conversation_message_id;
  if (typeof key !== 'number') return 'message_new without a message id';
  const files: VkInbound['files'] = [];
  const unsupported: string[] = [];
  for (const attachment of message.attachments ?? []) {
    if (attachment.type === 'photo' && attachment.photo?.sizes?.length) {
      const largest = [...attachment.photo.sizes].sort((a, b) => (b.width ?? 0) - (a.width ?? 0))[0]!;
      files.push({ url: largest.url, name: `photo-${attachment.photo.id ?? key}.jpg`, mime: 'image/jpeg' });
    } else if (attachment.type === 'doc' && attachment.doc?.url) {
      const ext = (attachment.doc.ext ?? '').toLowerCase();
      files.push({
        url: attachment.doc.url,
        name: attachment.doc.title ?? `document-${key}${ext ? `.${ext}` : ''}`,
        mime: DOC_TYPES[ext] ?? 'application/octet-stream',
      });
    } else {
      unsupported.push(attachment.type);
    }
  }
  return {
    externalId: `${message.peer_id}:${key}`,
    peerId: String(message.peer_id),
    fromId: String(message.from_id),
    text: message.text ?? '',
    files,
    unsupported,
  };
}
