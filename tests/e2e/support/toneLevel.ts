/**
 * How much of a tone a received-audio WAV holds (Goertzel), for the monitoring spec: the caller's
 * sndfile dump (8 kHz mono 16-bit PCM) read from a sample offset, so one stretch of a call is judged.
 */
import { readFileSync } from 'node:fs';

/** Goertzel power of `hz` per sample, over samples [from, to) of a 16-bit mono WAV at `rate`. */
export function toneLevels(file: string, from: number, hzs: number[], rate = 8000): Record<number, number> {
  const data = readFileSync(file).subarray(44);
  const total = Math.floor(data.length / 2);
  const samples: number[] = [];
  for (let i = Math.max(0, from); i < total; i += 1) samples.push(data.readInt16LE(i * 2) / 32768);
  const levels: Record<number, number> = {};
  for (const hz of hzs) {
    const coeff = 2 * Math.cos((2 * Math.PI * hz) / rate);
    let s1 = 0;
    let s2 = 0;
    for (const x of samples) {
      const s0 = x + coeff * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
    levels[hz] = samples.length === 0 ? 0 : power / (samples.length * samples.length);
  }
  return levels;
}
