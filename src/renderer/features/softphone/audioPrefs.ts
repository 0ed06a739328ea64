/**
 * Microphone, speaker and test-call target: chosen per machine (device ids are per browser
 * profile), so they live in the renderer's localStorage, not in the synced settings. Changing them
 * never restarts the SIP line: the next call (and the ringtone) simply use the new devices.
 * DOM-free, so the slice and the unit tests can use it in Node.
 */
export interface AudioPrefs {
  /** deviceId of the microphone; '' = the system default. */
  inputId: string;
  /** deviceId of the speaker for calls and the ringtone; '' = the system default. */
  outputId: string;
  /** Where "Test call" dials (an echo extension of the PBX); '' = none set. */
  testCallTarget: string;
}

export const DEFAULT_AUDIO_PREFS: AudioPrefs = { inputId: '', outputId: '', testCallTarget: '' };

interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const KEY = 'okno.softphone.audio';

function browserStorage(): KeyValueStore | null {
  try {
    return (globalThis as { localStorage?: KeyValueStore }).localStorage ?? null;
  } catch {
    return null; // storage blocked by the browser
  }
}

export function loadAudioPrefs(storage: KeyValueStore | null = browserStorage()): AudioPrefs {
  try {
    const raw = storage?.getItem(KEY);
    if (!raw) return DEFAULT_AUDIO_PREFS;
    const parsed = JSON.parse(raw) as Partial<Record<keyof AudioPrefs, unknown>>;
    const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 300) : '');
    return {
      inputId: text(parsed.inputId),
      outputId: text(parsed.outputId),
      testCallTarget: text(parsed.testCallTarget),
    };
  } catch {
    return DEFAULT_AUDIO_PREFS; // unreadable: defaults, never a broken phone
  }
}

export function saveAudioPrefs(prefs: AudioPrefs, storage: KeyValueStore | null = browserStorage()): void {
  try {
    storage?.setItem(KEY, JSON.stringify(prefs));
  } catch {
    // storage full or blocked: the choice holds for this session only
  }
}

/** Root mean square of the samples, clamped to 0…1 (speech sits around 0.05-0.3): the level meter's figure. */
export function rmsLevel(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i += 1) sum += (samples[i] ?? 0) ** 2;
  return Math.min(1, Math.sqrt(sum / samples.length));
}
