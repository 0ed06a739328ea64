import type { SafeStorage } from 'electron';
import type { SecretBox } from '../core/index.js';

/**
 * Whether the OS keychain really protects secrets. On Linux without a keyring Electron falls
 * back to 'basic_text', a hard-coded key that only obfuscates: then the file-key box is no worse.
 */
export function isSafeStorageUsable(safeStorage: SafeStorage, platform: NodeJS.Platform = process.platform): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  return platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
}

/** Seals secrets with the OS keychain (Keychain, DPAPI, libsecret/kwallet) through Electron's safeStorage. */
export function createSafeStorageSecretBox(safeStorage: SafeStorage): SecretBox {
  return {
    encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decrypt: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}
