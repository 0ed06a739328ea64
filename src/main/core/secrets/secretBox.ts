/**
 * Seals secrets (the hub token) before they touch the disk. Electron provides one backed by
 * the OS keychain (safeStorage); elsewhere a key file in the data folder does the job.
 */
export interface SecretBox {
  encrypt(plain: string): string;
  /** Throws when `sealed` was not made by this box or was altered. */
  decrypt(sealed: string): string;
}
