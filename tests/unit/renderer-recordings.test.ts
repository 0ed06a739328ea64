/**
 * "Your recordings" on the Lines tab, its pure logic: a picked file checked with checkPromptWav and
 * its sentence turned into a key the form says in en/ru, the upload's base64 (the bytes the hub
 * decodes), the hub's refusals under their fields, and the menu's prompt pickers and check knowing
 * the recordings by their `upload:<uuid>` ids.
 */
import { describe, expect, it } from 'vitest';
import { checkPromptWav, PROMPT_MAX_BYTES } from '../../src/shared/calls/promptAudio.js';
import { addStep, checkLineDraft, draftOf, editStep } from '../../src/renderer/features/admin/lines/lineForm.js';
import {
  audioReason,
  bareId,
  base64Of,
  checkRecordingDraft,
  deleteRefusal,
  hubRecordingProblems,
  nameOfFile,
  oversizedFile,
  pickedFile,
  promptChoices,
  promptKnower,
  recordingSeconds,
  type Recording,
} from '../../src/renderer/features/admin/lines/recordingForm.js';
import { createI18n } from '../../src/renderer/i18n/index.js';

/** A WAV file of silence: 16-bit PCM, `seconds` long. */
function wav(seconds: number, channels = 1, rate = 8000): ArrayBuffer {
  const data = Math.round(seconds * rate) * 2 * channels;
  const buffer = new ArrayBuffer(44 + data);
  const view = new DataView(buffer);
  const text = (at: number, s: string) => [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, 36 + data, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2 * channels, true);
  view.setUint16(32, 2 * channels, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, data, true);
  return buffer;
}

const UUID = '0190a4b2-7c3e-7d11-8a2b-3c4d5e6f7a8b';
const greeting: Recording = { id: `upload:${UUID}`, name: 'Greeting by Lena', durationMs: 2000 };

describe('base64Of', () => {
  it('encodes bytes as the hub decodes them, also past one slice of String.fromCharCode', () => {
    const bytes = new Uint8Array(0x8000 * 2 + 5).map((_, i) => (i * 31) % 256);
    expect(base64Of(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(base64Of(new Uint8Array(0))).toBe('');
    expect(base64Of(new Uint8Array([0xff, 0x00, 0x41]))).toBe('/wBB');
  });
});

describe('a picked file', () => {
  it('of mono 8 kHz audio passes and is sent as base64 under its name', () => {
    const file = pickedFile(wav(2));
    expect(file.problem).toBeNull();
    const checked = checkRecordingDraft({ name: '  Greeting  ', file });
    expect(checked).toEqual({ ok: true, upload: { name: 'Greeting', dataBase64: expect.any(String) } });
    if (!checked.ok) return;
    const decoded = new Uint8Array(Buffer.from(checked.upload.dataBase64, 'base64'));
    expect(checkPromptWav(decoded)).toEqual({ ok: true, durationMs: 2000, sampleRate: 8000 });
  });

  it('of stereo audio is refused before sending, with checkPromptWav’s reason as a key', () => {
    const file = pickedFile(wav(1, 2));
    expect(file.problem).toEqual({ key: 'channels', channels: 2 });
    expect(checkRecordingDraft({ name: 'Stereo', file })).toEqual({
      ok: false,
      problems: { file: { key: 'channels', channels: 2 } },
    });
  });

  it('that is too large is refused from its size alone', () => {
    expect(oversizedFile(PROMPT_MAX_BYTES)).toBeNull();
    expect(oversizedFile(600 * 1024)?.problem).toEqual({ key: 'tooBig', size: 600, max: 512 });
  });

  it('is needed, and so is a name of at most 100 characters', () => {
    expect(checkRecordingDraft({ name: ' ', file: null })).toEqual({
      ok: false,
      problems: { name: { key: 'empty' }, file: { key: 'pickFile' } },
    });
    expect(checkRecordingDraft({ name: 'x'.repeat(101), file: pickedFile(wav(1)) })).toEqual({
      ok: false,
      problems: { name: { key: 'tooLong', max: 100 } },
    });
  });

  it('gives its name without folder and extension as the starting name', () => {
    expect(nameOfFile('Greeting.wav')).toBe('Greeting');
    expect(nameOfFile('C:\\prompts\\after hours.v2.WAV')).toBe('after hours.v2');
  });
});

describe('checkPromptWav’s sentences', () => {
  it('each become a key the form says in its language; an unknown one stays the hub’s words', () => {
    const bytes = (buffer: ArrayBuffer, edit: (view: DataView) => void) => {
      edit(new DataView(buffer));
      return new Uint8Array(buffer);
    };
    const reasonOf = (data: Uint8Array) => {
      const check = checkPromptWav(data);
      return check.ok ? null : audioReason(check.message);
    };
    expect(reasonOf(new Uint8Array(PROMPT_MAX_BYTES + 1024))).toEqual({ key: 'tooBig', size: 513, max: 512 });
    expect(reasonOf(new TextEncoder().encode('hello'))).toEqual({ key: 'notWav' });
    expect(reasonOf(bytes(wav(1), (v) => v.setUint16(20, 3, true)))).toEqual({ key: 'compressed' });
    expect(reasonOf(bytes(wav(1), (v) => v.setUint16(34, 8, true)))).toEqual({ key: 'bits', bits: 8 });
    expect(reasonOf(bytes(wav(1), (v) => v.setUint32(24, 11025, true)))).toEqual({ key: 'rate', rate: 11025 });
    expect(reasonOf(new Uint8Array(wav(0.1)))).toEqual({ key: 'short' });
    expect(reasonOf(bytes(wav(1), (v) => v.setUint32(12, 0x4b4e554a, false)))).toEqual({ key: 'noFormat' });
    expect(reasonOf(bytes(wav(1), (v) => v.setUint32(36, 0x4c495354, false)))).toEqual({ key: 'noData' });
    expect(audioReason('the file is odd')).toEqual({ key: 'hub', message: 'the file is odd' });
  });

  it('are said in Russian too', () => {
    const ru = createI18n('ru');
    expect(ru.t('admin.lines.recordings.error.channels', { channels: 2 })).toBe(
      'В файле WAV каналов: 2; сохраните его как моно.',
    );
    const en = createI18n('en');
    expect(en.t('admin.lines.recordings.error.hub', { detail: 'the file is odd' })).toBe(
      'The recording was not accepted: the file is odd',
    );
  });
});

describe('the hub’s refusals', () => {
  it('of an upload land under the file and the name', () => {
    expect(
      hubRecordingProblems({
        code: 'bad_request',
        message: 'the WAV file has 2 channels; save it as mono',
        issues: [
          { path: 'dataBase64', message: 'the WAV file has 2 channels; save it as mono' },
          { path: 'name', message: 'name the recording' },
          { path: 'other', message: 'something else' },
        ],
      }),
    ).toEqual({
      file: { key: 'channels', channels: 2 },
      name: { key: 'hub', message: 'name the recording' },
      other: { key: 'hub', message: 'something else' },
    });
  });

  it('of a delete name the line that plays the recording', () => {
    expect(
      deleteRefusal({ code: 'conflict', message: 'line "Cards" plays this prompt; change its menu first' }),
    ).toEqual({ key: 'inUse', line: 'Cards' });
    expect(
      deleteRefusal({ code: 'conflict', message: 'calls: line "Cards" plays this prompt; change its menu first' }),
    ).toEqual({ key: 'inUse', line: 'Cards' });
    expect(deleteRefusal({ code: 'conflict', message: 'calls: changed meanwhile' })).toBeNull();
    expect(deleteRefusal({ code: 'not_found', message: 'gone' })).toBeNull();
    expect(bareId(greeting.id)).toBe(UUID);
  });
});

describe('menus and recordings', () => {
  const prompts = ['menu_main', 'goodbye'];

  it('offer the recordings after the shipped prompts, by name; a prompt since removed stays selectable', () => {
    expect(promptChoices(prompts, [greeting], '', 'Choose')).toEqual([
      { value: '', label: 'Choose' },
      { value: 'menu_main', label: 'menu_main' },
      { value: 'goodbye', label: 'goodbye' },
      { value: greeting.id, label: 'Greeting by Lena' },
    ]);
    expect(promptChoices(prompts, [], greeting.id, 'Choose').slice(0, 2)).toEqual([
      { value: '', label: 'Choose' },
      { value: greeting.id, label: greeting.id },
    ]);
  });

  it('accept a step playing an uploaded recording, and refuse one that is not uploaded', () => {
    const base = { ...draftOf(null, 'Europe/Moscow'), number: '+74951234567', name: 'Cards' };
    const draft = editStep(addStep(base), 0, { kind: 'say', prompt: greeting.id });
    expect(checkLineDraft(draft, promptKnower(prompts, [greeting])).ok).toBe(true);
    const checked = checkLineDraft(draft, promptKnower(prompts, []));
    expect(checked.ok ? null : checked.problems.steps[0]?.step).toEqual([
      { key: 'unknownPrompt', step: 'step1', prompt: greeting.id },
    ]);
  });

  it('show a recording’s length in seconds as the language writes numbers', () => {
    expect(recordingSeconds(2000, 'en')).toBe('2.0');
    expect(recordingSeconds(3250, 'ru')).toBe('3,3');
  });
});
