/**
 * The SIP account, kept in softphone.json in the data folder. The password is sealed by the
 * SecretBox (Electron safeStorage, or the local key file in the browser host) and is never
 * written or logged in plain text.
 */
import path from 'node:path';
import { z } from 'zod';
import type { Logger } from '../../../shared/log.js';
import { SoftphoneAccount } from '../../../shared/softphone/account.js';
import { webSocketOrigin } from '../../../shared/softphone/sipUri.js';
import { readJsonFile, writeJsonFile } from '../files/jsonFile.js';
import type { SecretBox } from '../secrets/secretBox.js';

export const SOFTPHONE_FILE = 'softphone.json';

const SoftphoneFile = z.object({
  version: z.literal(1),
  account: SoftphoneAccount,
  sealedPassword: z.string().nullable(),
});

export interface SoftphoneAccountStore {
  get(): { account: SoftphoneAccount | null; password: string | null };
  /** A null password keeps the stored one; '' removes it. */
  save(account: SoftphoneAccount, password: string | null): { account: SoftphoneAccount; hasPassword: boolean };
  /** The origin of the PBX WebSocket, for the renderer's CSP connect-src; null without an account. */
  connectSource(): string | null;
  /** Called, synchronously, after each save: the stored account may have changed. */
  onChanged(listener: () => void): () => void;
}

export function createSoftphoneAccountStore(dataDir: string, secretBox: SecretBox, log: Logger): SoftphoneAccountStore {
  const file = path.join(dataDir, SOFTPHONE_FILE);
  const listeners = new Set<() => void>();

  function read(): z.infer<typeof SoftphoneFile> | null {
    try {
      const raw = readJsonFile(file);
      return raw === undefined ? null : SoftphoneFile.parse(raw);
    } catch (error) {
      log.warn('the softphone account cannot be read; it must be entered again', { file, error: String(error) });
      return null;
    }
  }

  function unseal(sealed: string | null): string | null {
    if (sealed === null) return null;
    try {
      return secretBox.decrypt(sealed);
    } catch {
      log.warn('the stored SIP password cannot be unsealed; it must be entered again');
      return null;
    }
  }

  return {
    get() {
      const saved = read();
      return saved
        ? { account: saved.account, password: unseal(saved.sealedPassword) }
        : { account: null, password: null };
    },
    save(account, password) {
      const previous = read();
      let sealedPassword: string | null;
      if (password === null) sealedPassword = previous?.sealedPassword ?? null;
      else sealedPassword = password === '' ? null : secretBox.encrypt(password);
      writeJsonFile(file, { version: 1, account, sealedPassword } satisfies z.input<typeof SoftphoneFile>);
      log.info('softphone account saved', { server: account.serverUri, sipUri: account.sipUri });
      for (const listener of listeners) listener();
      return { account, hasPassword: sealedPassword !== null };
    },
    connectSource() {
      const saved = read();
      return saved ? webSocketOrigin(saved.account.serverUri) : null;
    },
    onChanged(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
