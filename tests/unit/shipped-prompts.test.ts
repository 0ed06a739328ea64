import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROMPTS_DIR, promptFile, shippedPromptNames } from '../../src/server/calls/shippedPrompts.js';
import { tempDir } from './core-fixtures.js';

interface WavInfo {
  format: number;
  channels: number;
  rate: number;
  bits: number;
  seconds: number;
}

/** Reads a RIFF/WAVE file's fmt and data chunks, wherever they sit. */
function wavInfo(file: string): WavInfo {
  const bytes = readFileSync(file);
  expect(bytes.toString('ascii', 0, 4)).toBe('RIFF');
  expect(bytes.toString('ascii', 8, 12)).toBe('WAVE');
  let fmt: Omit<WavInfo, 'seconds'> | null = null;
  let dataBytes: number | null = null;
  for (let at = 12; at + 8 <= bytes.length;) {
    const id = bytes.toString('ascii', at, at + 4);
    const size = bytes.readUInt32LE(at + 4);
    if (id === 'fmt ') {
      fmt = {
        format: bytes.readUInt16LE(at + 8),
        channels: bytes.readUInt16LE(at + 10),
        rate: bytes.readUInt32LE(at + 12),
        bits: bytes.readUInt16LE(at + 22),
      };
    } else if (id === 'data') {
      dataBytes = Math.min(size, bytes.length - at - 8);
      break;
    }
    at += 8 + size + (size % 2);
  }
  if (fmt === null || dataBytes === null) throw new Error(`${file}: no fmt or data chunk`);
  return { ...fmt, seconds: dataBytes / (fmt.rate * fmt.channels * (fmt.bits / 8)) };
}

const names = shippedPromptNames();
const numbered = (prefix: string) => Array.from({ length: 30 }, (_, i) => `${prefix}_${i + 1}`);

describe('shipped voice prompts', () => {
  it('ships every prompt the phone queue plays, in both languages', () => {
    const expected = [
      'welcome',
      'menu_main',
      'invalid',
      'no_choice',
      'out_of_hours',
      'opening_hours',
      'please_hold',
      ...numbered('position'),
      'position_many',
      ...numbered('wait'),
      'wait_unknown',
      'callback_offer',
      'callback_left',
      'goodbye',
      'transferring',
      'recording_notice',
      'check_speak',
      'check_playback',
      'rate_call',
      'rating_thanks',
      'moh',
    ];
    expect(names).toEqual([...expected].sort());
    for (const name of names) {
      expect(promptFile('en', name), `en/${name}`).not.toBeNull();
      expect(promptFile('ru', name), `ru/${name}`).not.toBeNull();
    }
    expect(promptFile('en', 'welcome')).not.toBe(promptFile('ru', 'welcome'));
    expect(promptFile('en', 'moh')).toBe(path.join(PROMPTS_DIR, 'moh.wav'));
  });

  it('stores each as 8 kHz mono 16-bit PCM of a sane length', () => {
    for (const language of ['en', 'ru'] as const) {
      for (const name of names) {
        const file = promptFile(language, name);
        if (file === null) throw new Error(`${language}/${name} is missing`);
        const info = wavInfo(file);
        expect({ ...info, seconds: 0 }, file).toEqual({ format: 1, channels: 1, rate: 8000, bits: 16, seconds: 0 });
        expect(info.seconds, file).toBeGreaterThan(0.3);
        if (name === 'moh') expect(info.seconds, file).toBeGreaterThanOrEqual(15);
        else expect(info.seconds, file).toBeLessThan(30);
      }
    }
  });

  it('never resolves a name outside the prompts folder', () => {
    for (const name of ['../x', '../../package', 'en/welcome', '/etc/passwd', 'welcome.wav', 'Welcome', '', '.x']) {
      expect(promptFile('en', name), name).toBeNull();
    }
    expect(promptFile('de' as 'en', 'welcome')).toBeNull();
    expect(promptFile('en', 'no_such_prompt')).toBeNull();
    const file = promptFile('ru', 'welcome');
    expect(file?.startsWith(path.join(PROMPTS_DIR, 'ru') + path.sep)).toBe(true);
  });
});

describe('shippedPromptNames', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    while (cleanups.length > 0) cleanups.pop()?.();
  });

  it('lists only names every language can play, shared files included', () => {
    const { dir, remove } = tempDir('okno-prompts-');
    cleanups.push(remove);
    for (const language of ['en', 'ru']) mkdirSync(path.join(dir, language));
    for (const file of ['en/both.wav', 'ru/both.wav', 'en/only_en.wav', 'shared.wav', 'ru/notes.txt', 'ru/Bad.wav']) {
      writeFileSync(path.join(dir, file), '');
    }
    expect(shippedPromptNames(dir)).toEqual(['both', 'shared']);
    expect(promptFile('ru', 'shared', dir)).toBe(path.join(dir, 'shared.wav'));
    expect(promptFile('ru', 'only_en', dir)).toBeNull();
    expect(shippedPromptNames(path.join(dir, 'missing'))).toEqual([]);
  });
});
