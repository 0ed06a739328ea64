/**
 * The level of the agent's recorded voice (decision 0043). Speech is mostly pauses, so the whole
 * recording's RMS says little; the loudest tenth of 20 ms frames is what a listener hears as "the
 * voice", and it is what the verdict is judged on. Pure: samples in, dBFS out.
 */

const FRAME_MS = 20;

export interface AudioLevel {
  /** The 90th percentile of 20 ms frame RMS, dBFS; null for no samples. */
  activeDbfs: number | null;
  rmsDbfs: number | null;
  peakDbfs: number | null;
}

/** Full scale is 1.0; digital silence is -120 dBFS rather than -Infinity (JSON has no infinity). */
function dbfs(value: number): number {
  return value <= 0 ? -120 : Math.max(-120, Math.round(20 * Math.log10(value) * 10) / 10);
}

export function measureLevel(samples: Int16Array, sampleRate = 8000): AudioLevel {
  if (samples.length === 0) return { activeDbfs: null, rmsDbfs: null, peakDbfs: null };
  const frame = Math.max(1, Math.round((sampleRate * FRAME_MS) / 1000));
  const frames: number[] = [];
  let total = 0;
  let peak = 0;
  for (let start = 0; start < samples.length; start += frame) {
    const end = Math.min(samples.length, start + frame);
    let sum = 0;
    for (let i = start; i < end; i += 1) {
      const value = samples[i]! / 32768;
      sum += value * value;
      peak = Math.max(peak, Math.abs(value));
    }
    total += sum;
    frames.push(Math.sqrt(sum / (end - start)));
  }
  frames.sort((a, b) => a - b);
  const loud = frames[Math.min(frames.length - 1, Math.floor(frames.length * 0.9))]!;
  return { activeDbfs: dbfs(loud), rmsDbfs: dbfs(Math.sqrt(total / samples.length)), peakDbfs: dbfs(peak) };
}

/** A short sine beep (8 kHz samples) said before the recording starts: "speak after the tone". */
export function beepSamples(hz = 1000, ms = 300, amplitude = 0.4, sampleRate = 8000): Int16Array {
  const count = Math.round((sampleRate * ms) / 1000);
  const out = new Int16Array(count);
  const fade = Math.round(sampleRate * 0.01); // 10 ms ramps: no click at either end
  for (let i = 0; i < count; i += 1) {
    const ramp = Math.min(1, i / fade, (count - 1 - i) / fade);
    out[i] = Math.round(amplitude * ramp * 32767 * Math.sin((2 * Math.PI * hz * i) / sampleRate));
  }
  return out;
}
