/**
 * Writes resources/sounds/ringtone.wav: one ring cycle (425 Hz for 1 s, then 3 s of silence —
 * the Russian ringing cadence) as 16-bit mono PCM at 8 kHz. The app loops it. The file is
 * committed; this script documents how it was made and remakes it byte for byte.
 */
import { writeFileSync } from 'node:fs';

const RATE = 8000;
const TONE_SECONDS = 1;
const SILENCE_SECONDS = 3;
const FREQUENCY = 425;
const AMPLITUDE = 0.35 * 0x7fff;
const FADE_SAMPLES = 80; // 10 ms ramps, so the tone starts and stops without a click

const samples = RATE * (TONE_SECONDS + SILENCE_SECONDS);
const toneSamples = RATE * TONE_SECONDS;
const data = Buffer.alloc(samples * 2);
for (let i = 0; i < toneSamples; i++) {
  const ramp = Math.min(1, i / FADE_SAMPLES, (toneSamples - 1 - i) / FADE_SAMPLES);
  data.writeInt16LE(Math.round(AMPLITUDE * ramp * Math.sin((2 * Math.PI * FREQUENCY * i) / RATE)), i * 2);
}

const header = Buffer.alloc(44);
header.write('RIFF', 0, 'ascii');
header.writeUInt32LE(36 + data.length, 4);
header.write('WAVE', 8, 'ascii');
header.write('fmt ', 12, 'ascii');
header.writeUInt32LE(16, 16); // fmt chunk size
header.writeUInt16LE(1, 20); // PCM
header.writeUInt16LE(1, 22); // mono
header.writeUInt32LE(RATE, 24);
header.writeUInt32LE(RATE * 2, 28); // byte rate
header.writeUInt16LE(2, 32); // block align
header.writeUInt16LE(16, 34); // bits per sample
header.write('data', 36, 'ascii');
header.writeUInt32LE(data.length, 40);

const target = new URL('../resources/sounds/ringtone.wav', import.meta.url);
writeFileSync(target, Buffer.concat([header, data]));
console.log(`wrote ${target.pathname} (${44 + data.length} bytes)`);
