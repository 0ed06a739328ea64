import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { Recording } from '../../../shared/recording/recording.js';
import { useAppDispatch } from '../../app/hooks.js';
import { formatCountdown, formatFullTime } from '../../i18n/format.js';
import { errorInfoOf } from '../../platform/platform.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { loadAudioBlob } from './audioSlices.js';
import { loadAudioSlice } from './recordingThunks.js';
import { msAtX, pauseMarks, seekByKey, waveformBars } from './waveform.js';

/** The SVG's own units; it scales to its box. */
const VIEW_W = 600;
const VIEW_H = 48;

/**
 * One recording: its waveform with the paused stretches marked, play/pause, seek by click or by keys
 * on the waveform (a slider), the time, and Download. The audio is fetched on the first play (audited
 * by the hub as a playback) and a download fetches it again as a download (audited as such).
 */
export function RecordingPlayer({ recording }: { recording: Recording }) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const audioRef = useRef<HTMLAudioElement>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [playing, setPlaying] = useState(false);
  const [positionMs, setPositionMs] = useState(0);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const durationMs = recording.durationMs;

  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);

  const fetchBlob = (purpose: 'play' | 'download') =>
    loadAudioBlob(
      (offset, length) => dispatch(loadAudioSlice({ recordingId: recording.id, offset, length, purpose })).unwrap(),
      recording.mediaType,
    );

  async function ensureAudio(): Promise<HTMLAudioElement | null> {
    const audio = audioRef.current;
    if (!audio) return null;
    if (url) return audio;
    setLoading(true);
    try {
      const next = URL.createObjectURL(await fetchBlob('play'));
      audio.src = next;
      audio.currentTime = positionMs / 1000;
      setUrl(next);
      setError(null);
      return audio;
    } catch (failure) {
      setError(errorInfoOf(failure));
      return null;
    } finally {
      setLoading(false);
    }
  }

  async function toggle() {
    if (playing) return audioRef.current?.pause();
    const audio = await ensureAudio();
    if (!audio) return;
    await audio.play().catch((failure: unknown) => setError(errorInfoOf(failure)));
  }

  function seek(ms: number) {
    setPositionMs(ms);
    const audio = audioRef.current;
    if (audio && url) audio.currentTime = ms / 1000;
  }

  async function download() {
    try {
      const blob = await fetchBlob('download');
      const link = document.createElement('a');
      const href = URL.createObjectURL(blob);
      link.href = href;
      link.download = `recording-${new Date(recording.startedAt).toISOString().replaceAll(':', '-')}.wav`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(href), 60_000);
      setError(null);
    } catch (failure) {
      setError(errorInfoOf(failure));
    }
  }

  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const next = seekByKey(event.key, positionMs, durationMs);
    if (next === null) return;
    event.preventDefault();
    seek(next);
  };
  const onClick = (event: MouseEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    seek(msAtX(event.clientX - box.left, box.width, durationMs));
  };

  const ready = recording.state === 'ready';
  const at = formatCountdown(positionMs);
  const total = formatCountdown(durationMs);
  const reasons = (list: Recording['pauses'][number]['reasons']) =>
    list.map((r) => t(`recording.reason.${r}`)).join(', ');
  const pauseText = recording.pauses
    .map((p) =>
      t('recording.pauseAt', {
        at: formatCountdown(p.atMs),
        length: formatCountdown(p.lengthMs),
        reasons: reasons(p.reasons),
      }),
    )
    .join('; ');
  const playhead = durationMs > 0 ? (positionMs / durationMs) * VIEW_W : 0;

  return (
    <article
      className="recording"
      aria-label={t('recording.item', { time: formatFullTime(recording.startedAt, i18n.language) })}
    >
      <p className="recording-head">
        <time dateTime={new Date(recording.startedAt).toISOString()}>
          {t('recording.item', { time: formatFullTime(recording.startedAt, i18n.language) })}
        </time>{' '}
        <span>{t('recording.duration', { duration: total })}</span>
      </p>
      {recording.state === 'ready' ? null : <p role="status">{t(`recording.state.${recording.state}`)}</p>}
      {ready ? (
        <>
          <svg
            className="waveform"
            viewBox={`0 0 ${VIEW_W} ${VIEW_H}`}
            preserveAspectRatio="none"
            role="slider"
            tabIndex={0}
            aria-label={t('recording.position')}
            aria-valuemin={0}
            aria-valuemax={Math.round(durationMs / 1000)}
            aria-valuenow={Math.round(positionMs / 1000)}
            aria-valuetext={t('recording.positionText', { at, total })}
            onKeyDown={onKeyDown}
            onClick={onClick}
          >
            {pauseMarks(recording.pauses, durationMs, VIEW_W).map((mark) => (
              <rect
                key={mark.pause.atMs}
                className="waveform-pause"
                data-testid="pause-mark"
                x={mark.x}
                y={0}
                width={mark.width}
                height={VIEW_H}
              >
                <title>{reasons(mark.pause.reasons)}</title>
              </rect>
            ))}
            {waveformBars(recording.peaks, VIEW_W, VIEW_H).map((bar, i) => (
              <rect
                key={i}
                className={bar.x < playhead ? 'waveform-bar played' : 'waveform-bar'}
                x={bar.x}
                y={bar.y}
                width={bar.width}
                height={bar.height}
              />
            ))}
            <line className="waveform-playhead" x1={playhead} x2={playhead} y1={0} y2={VIEW_H} />
          </svg>
          {pauseText ? <p className="hint">{t('recording.pauses', { list: pauseText })}</p> : null}
          <div className="recording-actions">
            <button
              type="button"
              className="button"
              aria-pressed={playing}
              disabled={loading}
              onClick={() => void toggle()}
            >
              {t(playing ? 'recording.pause' : 'recording.play')}
            </button>
            <span className="recording-time" aria-hidden="true">
              {at} / {total}
            </span>
            <button type="button" className="button subtle" onClick={() => void download()}>
              {t('recording.download')}
            </button>
            {loading ? <span role="status">{t('recording.loadingAudio')}</span> : null}
          </div>
          <audio
            ref={audioRef}
            preload="none"
            onPlay={() => setPlaying(true)}
            onPause={() => setPlaying(false)}
            onEnded={() => setPlaying(false)}
            onTimeUpdate={(e) => setPositionMs(Math.round(e.currentTarget.currentTime * 1000))}
          />
        </>
      ) : null}
      <ErrorMessage error={error} />
    </article>
  );
}
