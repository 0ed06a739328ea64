import path from 'node:path';
import { z } from 'zod';
import type { Logger } from '../../../shared/log.js';
import { readJsonFile, removeFile, writeJsonFile } from '../files/jsonFile.js';
import type { SecretBox } from '../secrets/secretBox.js';

export const CREDENTIALS_FILE = 'credentials.json';

/** What lets the core sync again after a restart without asking for the password. */
export interface Credentials {
  hubUrl: string;
  login: string;
  token: string;
  /** Signed in to the hub `npm start` embeds; its address may change from run to run. */
  embedded: boolean;
}

const CredentialsFile = z.object({
  version: z.literal(1),
  hubUrl: z.string(),
  login: z.string(),
  embedded: z.boolean().default(false),
  /** The hub token, sealed by the SecretBox; never written in plain text. */
  sealedToken: z.string(),
});

export interface CredentialsStore {
  load(): Credentials | null;
  save(credentials: Credentials): void;
  clear(): void;
}

export function createCredentialsStore(dataDir: string, secretBox: SecretBox, log: Logger): CredentialsStore {
  const file = path.join(dataDir, CREDENTIALS_FILE);
  return {
    load() {
      try {
        const raw = readJsonFile(file);
        if (raw === undefined) return null;
        const saved = CredentialsFile.parse(raw);
        return {
          hubUrl: saved.hubUrl,
          login: saved.login,
          embedded: saved.embedded,
          token: secretBox.decrypt(saved.sealedToken),
        };
      } catch (error) {
        // A key that changed or a damaged file: the agent signs in again; nothing else is lost.
        log.warn('saved credentials cannot be read; sign-in needed', { file, error: String(error) });
        return null;
      }
    },
    save(credentials) {
      writeJsonFile(file, {
        version: 1,
        hubUrl: credentials.hubUrl,
        login: credentials.login,
        embedded: credentials.embedded,
        sealedToken: secretBox.encrypt(credentials.token),
      } satisfies z.input<typeof CredentialsFile>);
    },
    clear: () => removeFile(file),
  };
}
