/**
 * Recording in the app, the pure parts: the waveform's bars and pause marks (hand-computed), seek by
 * click and by keys, the audio assembled from the core's base64 slices (in order, refusing a short or
 * shifting file), the pause holds stacking per thread and reason, the settings' size cap and the
 * line's retention check.
 */
import { describe, expect, it } from 'vitest';
import { draftOf, checkLineDraft } from '../../src/renderer/features/admin/lines/lineForm.js';
import {
  fetchAllSlices,
  loadAudioBlob,
  type AudioSliceReply,
} from '../../src/renderer/features/recording/audioSlices.js';
import { PauseHolds, type PauseAction } from '../../src/renderer/features/recording/pauseHolds.js';
import { capText, parseCap } from '../../src/renderer/features/recording/settingsForm.js';
import { msAtX, pauseMarks, seekByKey, waveformBars } from '../../src/renderer/features/recording/waveform.js';
import type { PauseReason } from '../../src/shared/recording/recording.js';

describe('the waveform', () => {
  it('draws one bar per peak, centred, as tall as the peak is loud, with a gap while bars are wide', () => {
    const bars = waveformBars([0, 255, 51], 300, 100);
    expect(bars).toEqual([
      { x: 0, y: 49.5, width: 80, height: 1 },
      { x: 100, y: 0, width: 80, height: 100 },
      { x: 200, y: 40, width: 80, height: 20 },
    ]);
    // Narrower than 2 units a bar fills its step (no gap to draw).
    expect(waveformBars(Array(600).fill(255), 600, 10)[1]).toEqual({ x: 1, y: 0, width: 1, height: 10 });
    expect(waveformBars([], 600, 10)).toEqual([]);
  });

  it('marks each pause where it is, at least one unit wide, clipped to the recording', () => {
    const pauses = [
      { atMs: 10_000, lengthMs: 5_000, reasons: ['manual' as const] },
      { atMs: 30_000, lengthMs: 0, reasons: ['identification' as const] },
      { atMs: 55_000, lengthMs: 20_000, reasons: ['sensitive_template' as const] },
      { atMs: 70_000, lengthMs: 1_000, reasons: ['manual' as const] },
    ];
    const marks = pauseMarks(pauses, 60_000, 600);
    expect(marks.map(({ x, width }) => ({ x, width }))).toEqual([
      { x: 100, width: 50 },
      { x: 300, width: 1 },
      { x: 550, width: 50 },
    ]);
    expect(marks[2]!.pause.reasons).toEqual(['sensitive_template']);
    expect(pauseMarks(pauses, 0, 600)).toEqual([]);
  });

  it('seeks to the time under a click, clamped to the recording', () => {
    expect(msAtX(150, 600, 60_000)).toBe(15_000);
    expect(msAtX(-20, 600, 60_000)).toBe(0);
    expect(msAtX(700, 600, 60_000)).toBe(60_000);
    expect(msAtX(10, 0, 60_000)).toBe(0);
  });

  it('seeks by keys: arrows 5 s, pages a tenth (at least 10 s), Home and End, clamped; other keys do not seek', () => {
    expect(seekByKey('ArrowRight', 10_000, 60_000)).toBe(15_000);
    expect(seekByKey('ArrowUp', 10_000, 60_000)).toBe(15_000);
    expect(seekByKey('ArrowLeft', 3_000, 60_000)).toBe(0);
    expect(seekByKey('ArrowRight', 58_000, 60_000)).toBe(60_000);
    expect(seekByKey('PageUp', 0, 60_000)).toBe(10_000);
    expect(seekByKey('PageUp', 0, 600_000)).toBe(60_000);
    expect(seekByKey('PageDown', 100_000, 600_000)).toBe(40_000);
    expect(seekByKey('Home', 42_000, 60_000)).toBe(0);
    expect(seekByKey('End', 0, 60_000)).toBe(60_000);
    expect(seekByKey('a', 0, 60_000)).toBeNull();
    expect(seekByKey('Enter', 0, 60_000)).toBeNull();
  });
});

/** A recording of `bytes` served in base64 slices, as the core does; it notes every ask. */
function sliceServer(bytes: Uint8Array, tamper?: (reply: AudioSliceReply, offset: number) => AudioSliceReply) {
  const asks: [number, number][] = [];
  const fetch = async (offset: number, length: number): Promise<AudioSliceReply> => {
    asks.push([offset, length]);
    const part = bytes.subarray(offset, offset + length);
    const reply = { total: bytes.length, data: Buffer.from(part).toString('base64') };
    return tamper ? tamper(reply, offset) : reply;
  };
  return { asks, fetch };
}

describe('the audio from slices', () => {
  const audio = Uint8Array.from({ length: 2500 }, (_, i) => (i * 7) % 256);

  it('asks slice after slice from offset 0 and joins them in order into a Blob of the media type', async () => {
    const server = sliceServer(audio);
    const parts = await fetchAllSlices(server.fetch, 1024);
    expect(server.asks).toEqual([
      [0, 1024],
      [1024, 1024],
      [2048, 1024],
    ]);
    expect(parts.map((p) => p.length)).toEqual([1024, 1024, 452]);
    const blob = await loadAudioBlob(sliceServer(audio).fetch, 'audio/wav');
    expect(blob.type).toBe('audio/wav');
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(audio);
  });

  it('asks once for an empty recording', async () => {
    const server = sliceServer(new Uint8Array(0));
    expect(await fetchAllSlices(server.fetch, 1024)).toHaveLength(1);
    expect(server.asks).toEqual([[0, 1024]]);
  });

  it('refuses a slice with nothing before the end, and a file whose size changes while loading', async () => {
    const empty = sliceServer(audio, (reply, offset) => (offset >= 1024 ? { ...reply, data: '' } : reply));
    await expect(fetchAllSlices(empty.fetch, 1024)).rejects.toThrow('no audio at byte 1024 of 2500');
    const growing = sliceServer(audio, (reply, offset) => (offset > 0 ? { ...reply, total: 9000 } : reply));
    await expect(fetchAllSlices(growing.fetch, 1024)).rejects.toThrow('changed while loading (2500 → 9000 bytes)');
  });
});

describe('pause holds', () => {
  const recorder = () => {
    const sent: [string, PauseReason, PauseAction][] = [];
    const holds = new PauseHolds(async (threadId, reason, action) => {
      sent.push([threadId, reason, action]);
    });
    return { sent, holds };
  };

  it('sends pause on the first hold of a thread and reason, resume on its last release', async () => {
    const { sent, holds } = recorder();
    const a = holds.hold('t1', 'identification');
    const b = holds.hold('t1', 'identification');
    expect(holds.held('t1', 'identification')).toBe(2);
    a();
    a(); // a release only counts once
    await holds.settled('t1');
    expect(sent).toEqual([['t1', 'identification', 'pause']]);
    b();
    await holds.settled('t1');
    expect(sent).toEqual([
      ['t1', 'identification', 'pause'],
      ['t1', 'identification', 'resume'],
    ]);
    expect(holds.held('t1', 'identification')).toBe(0);
  });

  it('keeps reasons and threads apart (the hub stacks the reasons)', async () => {
    const { sent, holds } = recorder();
    const id = holds.hold('t1', 'identification');
    const tpl = holds.hold('t1', 'sensitive_template');
    const other = holds.hold('t2', 'sensitive_template');
    id();
    await Promise.all([holds.settled('t1'), holds.settled('t2')]);
    // In order within a thread; threads do not wait for each other.
    expect(sent.filter(([thread]) => thread === 't1')).toEqual([
      ['t1', 'identification', 'pause'],
      ['t1', 'sensitive_template', 'pause'],
      ['t1', 'identification', 'resume'],
    ]);
    expect(sent.filter(([thread]) => thread === 't2')).toEqual([['t2', 'sensitive_template', 'pause']]);
    tpl();
    other();
  });

  it('sends a thread’s requests one at a time, in order, past a failed one', async () => {
    const order: string[] = [];
    let open = 0;
    const holds = new PauseHolds(async (_threadId, reason, action) => {
      open++;
      expect(open).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, action === 'pause' ? 20 : 1));
      open--;
      order.push(`${action}:${reason}`);
      if (reason === 'manual') throw new Error('no live call');
    });
    holds.hold('t1', 'manual')();
    holds.hold('t1', 'identification')();
    await holds.settled('t1');
    expect(order).toEqual(['pause:manual', 'resume:manual', 'pause:identification', 'resume:identification']);
  });
});

describe('recording settings and the line', () => {
  it('reads the cap as whole megabytes of at least 1', () => {
    expect(capText(512 * 1024 * 1024)).toBe('512');
    expect(parseCap(' 2048 ')).toBe(2048 * 1024 * 1024);
    expect(parseCap('0')).toBeNull();
    expect(parseCap('1.5')).toBeNull();
    expect(parseCap('')).toBeNull();
    expect(parseCap('-3')).toBeNull();
  });

  it('names retention days that are not whole days from 1 to 3650 under their field', () => {
    const base = { ...draftOf(null, 'Europe/Moscow'), number: '100', name: 'Cards' };
    for (const retentionDays of [0, 3651, Number.NaN, 2.5]) {
      const checked = checkLineDraft({ ...base, recording: { ...base.recording, retentionDays } }, () => true);
      expect(checked.ok ? null : checked.problems.fields.retentionDays).toEqual({ key: 'range', min: 1, max: 3650 });
    }
    const ok = checkLineDraft({ ...base, recording: { policy: 'all', notice: true, retentionDays: 30 } }, () => true);
    expect(ok.ok ? ok.line.recording : null).toEqual({ policy: 'all', notice: true, retentionDays: 30 });
  });
});
