/**
 * What a lead may upload as a voice prompt: a WAV file of uncompressed 16-bit PCM, mono, at a rate
 * telephony uses, small enough to travel in one request. Checked from the bytes in the app (before
 * sending) and on the hub (before storing); the message names what is wrong.
 */

/** About 30 s of 8 kHz mono 16-bit audio; a prompt is a sentence or two. */
export const PROMPT_MAX_BYTES = 512 * 1024;
const RATES = [8000, 16000, 22050, 44100, 48000];

export type PromptCheck = { ok: true; durationMs: number; sampleRate: number } | { ok: false; message: string };

function text(view: DataView, at: number): string {
  return String.fromCharCode(view.getUint8(at), view.getUint8(at + 1), view.getUint8(at + 2), view.getUint8(at + 3));
}

export function checkPromptWav(bytes: Uint8Array): PromptCheck {
  if (bytes.length > PROMPT_MAX_BYTES) {
    return {
      ok: false,
      message: `the file is ${Math.round(bytes.length / 1024)} KiB; a prompt may be at most ${PROMPT_MAX_BYTES / 1024} KiB (about 30 s of 8 kHz mono)`,
    };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 44 || text(view, 0) !== 'RIFF' || text(view, 8) !== 'WAVE') {
    return { ok: false, message: 'the file is not a WAV file (RIFF/WAVE)' };
  }
  // Walk the chunks: "fmt " describes the samples, "data" holds them.
  let at = 12;
  let format: { tag: number; channels: number; rate: number; bits: number } | null = null;
  for (let guard = 0; guard < 64 && at + 8 <= bytes.length; guard += 1) {
    const id = text(view, at);
    const size = view.getUint32(at + 4, true);
    if (id === 'fmt ' && at + 24 <= bytes.length) {
      format = {
        tag: view.getUint16(at + 8, true),
        channels: view.getUint16(at + 10, true),
        rate: view.getUint32(at + 12, true),
        bits: view.getUint16(at + 22, true),
      };
    }
    if (id === 'data') {
      if (!format) return { ok: false, message: 'the WAV file has no format chunk before its audio' };
      if (format.tag !== 1) return { ok: false, message: 'the WAV file is compressed; save it as uncompressed PCM' };
      if (format.channels !== 1)
        return { ok: false, message: `the WAV file has ${format.channels} channels; save it as mono` };
      if (format.bits !== 16)
        return { ok: false, message: `the WAV file has ${format.bits}-bit samples; save it as 16-bit` };
      if (!RATES.includes(format.rate)) {
        return { ok: false, message: `the sample rate ${format.rate} Hz is unusual; use 8000 or 16000 Hz` };
      }
      const dataBytes = Math.min(size, bytes.length - at - 8);
      const durationMs = Math.round((dataBytes / 2 / format.rate) * 1000);
      if (durationMs < 200) return { ok: false, message: 'the recording is shorter than 0.2 s' };
      return { ok: true, durationMs, sampleRate: format.rate };
    }
    at += 8 + size + (size % 2);
  }
  return { ok: false, message: 'the WAV file has no audio (no data chunk)' };
}
