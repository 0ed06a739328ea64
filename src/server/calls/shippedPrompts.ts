import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The default voice prompts of the phone queue, shipped in resources/sounds/prompts and played to callers
 * by rtpengine (8 kHz mono 16-bit PCM WAV; scripts/make-prompts.ts makes them). Speech lives in one folder
 * per language, `<language>/<name>.wav`; what is not speech (the hold music, `moh`) lies in the folder itself,
 * `<name>.wav`, and serves every language.
 */
export const PROMPTS_DIR = fileURLToPath(new URL('../../../resources/sounds/prompts/', import.meta.url));

export type PromptLanguage = 'en' | 'ru';

const LANGUAGES: readonly PromptLanguage[] = ['en', 'ru'];
const NAME = /^[a-z][a-z0-9_-]{0,39}$/;

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function wavNames(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.endsWith('.wav'))
    .map((entry) => entry.slice(0, -'.wav'.length))
    .filter((name) => NAME.test(name));
}

/**
 * The absolute path of prompt `name` in `language` — its own recording, else the shared one — or null when
 * there is neither, or when `name` is not a plain prompt name (so nothing outside the folder can be reached).
 */
export function promptFile(language: PromptLanguage, name: string, dir: string = PROMPTS_DIR): string | null {
  if (!LANGUAGES.includes(language) || !NAME.test(name)) return null;
  for (const candidate of [join(dir, language, `${name}.wav`), join(dir, `${name}.wav`)]) {
    if (isFile(candidate)) return candidate;
  }
  return null;
}

/** The prompt names that can be played in every language, sorted. */
export function shippedPromptNames(dir: string = PROMPTS_DIR): string[] {
  const names = new Set([dir, ...LANGUAGES.map((language) => join(dir, language))].flatMap(wavNames));
  return [...names].filter((name) => LANGUAGES.every((language) => promptFile(language, name, dir) !== null)).sort();
}
