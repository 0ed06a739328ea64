/**
 * The channel form as data: which settings each kind shows (dotted paths into the settings
 * object), and the conversions between the form's strings and the settings the hub validates.
 * Settings the form does not show (poll timeouts, size caps) are carried over unchanged.
 */
import { CHANNEL_SECRET_NAMES, type ChannelKindName } from '../../../shared/channels/channelAdmin.js';

export type FieldType = 'text' | 'number' | 'checkbox' | 'textarea' | 'select';

export interface SettingField {
  /** Dotted path into settings, e.g. "imap.host"; also the i18n key under channelAdmin.field. */
  path: string;
  type: FieldType;
  options?: readonly string[];
  placeholder?: string;
}

export const CHANNEL_KINDS: readonly ChannelKindName[] = ['email', 'telegram', 'vk', 'webhook'];

export const SETTING_FIELDS: Record<ChannelKindName, readonly SettingField[]> = {
  email: [
    { path: 'address', type: 'text', placeholder: 'support@bank.example' },
    { path: 'displayName', type: 'text' },
    { path: 'imap.host', type: 'text' },
    { path: 'imap.port', type: 'number', placeholder: '993' },
    { path: 'imap.secure', type: 'checkbox' },
    { path: 'imap.user', type: 'text' },
    { path: 'smtp.host', type: 'text' },
    { path: 'smtp.port', type: 'number', placeholder: '465' },
    { path: 'smtp.secure', type: 'checkbox' },
    { path: 'smtp.user', type: 'text' },
    { path: 'signature', type: 'textarea' },
  ],
  telegram: [
    { path: 'apiBase', type: 'text', placeholder: 'https://api.telegram.org' },
    { path: 'mode', type: 'select', options: ['polling', 'webhook'] },
  ],
  vk: [
    { path: 'apiBase', type: 'text', placeholder: 'https://api.vk.com' },
    { path: 'groupId', type: 'number' },
    { path: 'apiVersion', type: 'text', placeholder: '5.199' },
  ],
  webhook: [{ path: 'callbackUrl', type: 'text', placeholder: 'https://bot.example/okno' }],
};

export type FormValues = Record<string, string | boolean>;

export function secretNames(kind: ChannelKindName): readonly string[] {
  return CHANNEL_SECRET_NAMES[kind];
}

function read(settings: Record<string, unknown>, path: string): unknown {
  let value: unknown = settings;
  for (const key of path.split('.')) {
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

/** The form's values for a channel's settings (empty strings for what is not set). */
export function valuesOf(kind: ChannelKindName, settings: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const field of SETTING_FIELDS[kind]) {
    const value = read(settings, field.path);
    if (field.type === 'checkbox') values[field.path] = value === true;
    else if (field.type === 'select')
      values[field.path] = typeof value === 'string' ? value : (field.options?.[0] ?? '');
    else values[field.path] = value === undefined || value === null ? '' : String(value);
  }
  return values;
}

/**
 * The settings to send: the channel's current settings with the form's fields written over them.
 * An empty text field is left out (the hub's default applies); a number field keeps its text when
 * it is not a number, so the hub names the field in its refusal.
 */
export function settingsFrom(
  kind: ChannelKindName,
  values: FormValues,
  base: Record<string, unknown> = {},
): Record<string, unknown> {
  const settings = structuredClone(base);
  for (const field of SETTING_FIELDS[kind]) {
    const keys = field.path.split('.');
    const last = keys.pop()!;
    let target = settings;
    for (const key of keys) {
      const next = target[key];
      target[key] = next && typeof next === 'object' ? next : {};
      target = target[key] as Record<string, unknown>;
    }
    const raw = values[field.path];
    if (field.type === 'checkbox') {
      target[last] = raw === true;
      continue;
    }
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '') {
      delete target[last];
      continue;
    }
    target[last] = field.type === 'number' && /^\d+$/.test(text) ? Number(text) : text;
  }
  return settings;
}

/** Only the secrets typed in: a blank one keeps the stored value (or stays unset). */
export function secretsFrom(kind: ChannelKindName, typed: Record<string, string>): Record<string, string> {
  const secrets: Record<string, string> = {};
  for (const name of secretNames(kind)) {
    const value = typed[name] ?? '';
    if (value !== '') secrets[name] = value;
  }
  return secrets;
}

/** A dead letter's payload for display: text when it decodes as UTF-8, else null (binary). */
export function payloadText(base64: string | null, max = 4000): { text: string; truncated: boolean } | null {
  if (base64 === null) return null;
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  // Control characters other than tab and newlines would garble the view.
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\ufffd');
  return clean.length > max ? { text: clean.slice(0, max), truncated: true } : { text: clean, truncated: false };
}
