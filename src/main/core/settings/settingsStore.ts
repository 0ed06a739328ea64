import path from 'node:path';
import { Settings, type Language } from '../../../shared/contract.js';
import type { Logger } from '../../../shared/log.js';
import { describeIssues } from '../../../shared/validation.js';
import { readJsonFile, writeJsonFile } from '../files/jsonFile.js';

export const SETTINGS_FILE = 'settings.json';

/** Russian when the system locale is Russian, English otherwise. */
export function defaultLanguage(env: NodeJS.ProcessEnv = process.env): Language {
  return (env.LANG ?? '').toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

/**
 * Reads `<dataDir>/settings.json`, filling what is missing with defaults. A file that does not
 * parse is reported and ignored rather than stopping the app.
 */
export function loadSettings(dataDir: string, options: { env?: NodeJS.ProcessEnv; log?: Logger } = {}): Settings {
  const defaults: Settings = { language: defaultLanguage(options.env), hubUrl: null };
  const file = path.join(dataDir, SETTINGS_FILE);
  let raw: unknown;
  try {
    raw = readJsonFile(file);
  } catch (error) {
    options.log?.warn('settings file is not JSON; using defaults', { file, error: String(error) });
    return defaults;
  }
  if (raw === undefined) return defaults;
  let parsed = Settings.partial().safeParse(raw);
  if (!parsed.success && typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    // One refused value (a plain http:// hub on another computer, say) does not cost the others.
    const refused = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
    options.log?.warn('settings file has values that are not accepted; using defaults for them', {
      file,
      error: describeIssues(parsed.error),
    });
    parsed = Settings.partial().safeParse(Object.fromEntries(Object.entries(raw).filter(([key]) => !refused.has(key))));
  }
  if (!parsed.success) {
    options.log?.warn('settings file is invalid; using defaults', { file, error: describeIssues(parsed.error) });
    return defaults;
  }
  return { ...defaults, ...parsed.data };
}

export interface SettingsStore {
  get(): Settings;
  update(patch: Partial<Settings>): Settings;
}

export function createSettingsStore(
  dataDir: string,
  options: { env?: NodeJS.ProcessEnv; log?: Logger } = {},
): SettingsStore {
  const file = path.join(dataDir, SETTINGS_FILE);
  let current = loadSettings(dataDir, options);
  return {
    get: () => current,
    update(patch) {
      const next = Settings.parse({ ...current, ...patch });
      writeJsonFile(file, next, 0o644);
      current = next;
      return current;
    },
  };
}
