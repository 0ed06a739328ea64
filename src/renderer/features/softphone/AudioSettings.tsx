import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks.js';
import { listAudioDevices, startLevelMeter, type AudioDevice } from './audioDevices.js';
import { useSoftphone } from './softphoneContext.js';
import { selectAudioPrefs } from './softphoneSlice.js';

/**
 * Microphone and speaker pickers (enumerateDevices), a live microphone level (AnalyserNode) while
 * the panel is open, and a test call to the PBX's echo extension when one is set.
 */
export function AudioSettings({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const softphone = useSoftphone();
  const prefs = useAppSelector(selectAudioPrefs);
  const [devices, setDevices] = useState<{ inputs: AudioDevice[]; outputs: AudioDevice[] } | null>(null);
  const [level, setLevel] = useState(0);
  const [meterProblem, setMeterProblem] = useState<string | null>(null);
  const [testTarget, setTestTarget] = useState(prefs.testCallTarget);
  // Labels by id, not wrapping: a wrapped <select> would add its chosen option to its name.
  const id = useId();

  useEffect(() => {
    let live = true;
    const load = () =>
      void listAudioDevices()
        .then((found) => {
          if (live) setDevices(found);
        })
        .catch(() => {
          if (live) setDevices({ inputs: [], outputs: [] });
        });
    load();
    navigator.mediaDevices?.addEventListener?.('devicechange', load);
    return () => {
      live = false;
      navigator.mediaDevices?.removeEventListener?.('devicechange', load);
    };
  }, []);

  useEffect(() => {
    let stop: (() => void) | null = null;
    let live = true;
    setMeterProblem(null);
    startLevelMeter(prefs.inputId, (value) => {
      if (live) setLevel(value);
    })
      .then((stopMeter) => {
        if (live) stop = stopMeter;
        else stopMeter();
      })
      .catch((error: unknown) => {
        if (live) setMeterProblem(error instanceof Error ? error.message : String(error));
      });
    return () => {
      live = false;
      stop?.();
    };
  }, [prefs.inputId]);

  const canChooseSpeaker = typeof (HTMLMediaElement.prototype as { setSinkId?: unknown }).setSinkId === 'function';

  return (
    <section className="softphone-audio" aria-label={t('softphone.audio.title')}>
      <div className="field">
        <label htmlFor={`${id}-mic`}>{t('softphone.audio.microphone')}</label>
        <select
          id={`${id}-mic`}
          value={prefs.inputId}
          onChange={(e) => softphone.setAudioPrefs({ inputId: e.target.value })}
        >
          <option value="">{t('softphone.audio.systemDefault')}</option>
          {(devices?.inputs ?? []).map((d) => (
            <option key={d.id} value={d.id}>
              {d.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-level`}>{t('softphone.audio.level')}</label>
        <meter id={`${id}-level`} min={0} max={1} low={0.02} high={0.6} value={level} />
      </div>
      {meterProblem ? <p role="alert">{t('softphone.audio.meterFailed', { detail: meterProblem })}</p> : null}
      <div className="field">
        <label htmlFor={`${id}-speaker`}>{t('softphone.audio.speaker')}</label>
        <select
          id={`${id}-speaker`}
          value={prefs.outputId}
          disabled={!canChooseSpeaker}
          onChange={(e) => softphone.setAudioPrefs({ outputId: e.target.value })}
        >
          <option value="">{t('softphone.audio.systemDefault')}</option>
          {(devices?.outputs ?? []).map((d) => (
            <option key={d.id} value={d.id}>
              {d.label}
            </option>
          ))}
        </select>
      </div>
      {canChooseSpeaker ? null : <p className="hint">{t('softphone.audio.noSpeakerChoice')}</p>}
      <label>
        {t('softphone.audio.testCallTarget')}
        <input
          value={testTarget}
          onChange={(e) => setTestTarget(e.target.value)}
          onBlur={() => softphone.setAudioPrefs({ testCallTarget: testTarget.trim() })}
          title={t('softphone.audio.testCallHint')}
          autoComplete="off"
        />
      </label>
      <p className="hint">{t('softphone.audio.testCallHint')}</p>
      <div className="form-actions">
        <button
          type="button"
          className="button"
          onClick={() => {
            softphone.setAudioPrefs({ testCallTarget: testTarget.trim() });
            void softphone.testCall();
          }}
        >
          {t('softphone.audio.testCall')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('softphone.audio.close')}
        </button>
      </div>
    </section>
  );
}
