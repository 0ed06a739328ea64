/**
 * The pure geometry of a recording's waveform (issue 16): bars from the hub's peaks (0–255), the
 * paused stretches as marks on the same axis, the time under a click and the time after a key press.
 * Coordinates are in the SVG's own units (a viewBox), so the drawing scales with its box.
 */
import type { RecordingPause } from '../../../shared/recording/recording.js';

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PauseMark {
  x: number;
  width: number;
  pause: RecordingPause;
}

/** A silent slice still draws a hairline, so the axis stays visible. */
const MIN_BAR = 1;

/** One bar per peak, centred vertically, as tall as the peak is loud. */
export function waveformBars(peaks: readonly number[], width: number, height: number): Bar[] {
  if (peaks.length === 0 || width <= 0 || height <= 0) return [];
  const step = width / peaks.length;
  // A gap of a fifth between bars while they are wide enough to show one.
  const barWidth = step >= 2 ? step * 0.8 : step;
  return peaks.map((peak, i) => {
    const level = Math.min(255, Math.max(0, peak)) / 255;
    const h = Math.max(MIN_BAR, level * height);
    return { x: i * step, y: (height - h) / 2, width: barWidth, height: h };
  });
}

/** Where each pause sits on a `width`-wide axis of `durationMs`; at least one unit wide, clipped to the axis. */
export function pauseMarks(pauses: readonly RecordingPause[], durationMs: number, width: number): PauseMark[] {
  if (durationMs <= 0 || width <= 0) return [];
  const scale = width / durationMs;
  return pauses
    .filter((pause) => pause.atMs < durationMs)
    .map((pause) => {
      const x = pause.atMs * scale;
      const end = Math.min(durationMs, pause.atMs + pause.lengthMs) * scale;
      return { x, width: Math.min(width - x, Math.max(1, end - x)), pause };
    });
}

/** The time under a click `offsetX` pixels into a box `boxWidth` wide (clamped to the recording). */
export function msAtX(offsetX: number, boxWidth: number, durationMs: number): number {
  if (boxWidth <= 0 || durationMs <= 0) return 0;
  return Math.round(clamp((offsetX / boxWidth) * durationMs, 0, durationMs));
}

/** Arrow keys move 5 s, Page keys a tenth of the recording (at least 10 s), Home/End go to the ends. */
export const SEEK_STEP_MS = 5000;

/** The time after a key pressed on the position slider; null: the key does not seek. */
export function seekByKey(key: string, currentMs: number, durationMs: number): number | null {
  const page = Math.max(10_000, Math.round(durationMs / 10));
  const moves: Record<string, number> = {
    ArrowRight: SEEK_STEP_MS,
    ArrowUp: SEEK_STEP_MS,
    ArrowLeft: -SEEK_STEP_MS,
    ArrowDown: -SEEK_STEP_MS,
    PageUp: page,
    PageDown: -page,
  };
  if (key === 'Home') return 0;
  if (key === 'End') return Math.max(0, durationMs);
  const move = moves[key];
  if (move === undefined) return null;
  return clamp(currentMs + move, 0, Math.max(0, durationMs));
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
