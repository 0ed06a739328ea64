import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLive } from '../../../shared/softphone/callMachine.js';
import { parseSipUri } from '../../../shared/softphone/sipUri.js';
import { networkVerdict, type NetworkFigures } from '../../../shared/shiftCheck/shiftCheck.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { runShiftCheck, type ShiftCheckOutcome } from '../shiftCheck/runShiftCheck.js';
import { fetchShiftCheckResult } from '../shiftCheck/shiftCheckThunks.js';
import { useSoftphone } from '../softphone/softphoneContext.js';
import { selectCalls, selectRegistration } from '../softphone/softphoneSlice.js';

/** In the softphone: the microphone and network check before the shift (decision 0043). */
export function ShiftCheck() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const { service } = useSoftphone();
  const registration = useAppSelector(selectRegistration);
  const onCall = useAppSelector(selectCalls).some(isLive);
  // A ready agent is offered calls; one offered during the check would ring into a busy line.
  const ready = useAppSelector((state) => state.session.agent?.status === 'ready');
  const sipUri = useAppSelector((state) => state.softphone.account?.sipUri ?? null);
  const [running, setRunning] = useState(false);
  const [live, setLive] = useState<NetworkFigures | null>(null);
  const [outcome, setOutcome] = useState<ShiftCheckOutcome | null>(null);

  const refusal = registration.status !== 'registered' ? 'notRegistered' : onCall ? 'onCall' : ready ? 'ready' : null;
  const parts = sipUri ? parseSipUri(sipUri) : null;

  const run = async () => {
    if (refusal || !parts || running) return;
    setRunning(true);
    setOutcome(null);
    setLive(null);
    try {
      const done = await runShiftCheck({
        service,
        domain: parts.port === null ? parts.host : `${parts.host}:${parts.port}`,
        language: i18n.language.startsWith('ru') ? 'ru' : 'en',
        fetchResult: (token) => dispatch(fetchShiftCheckResult(token)).unwrap(),
        onProgress: setLive,
      });
      setOutcome(done);
    } finally {
      setRunning(false);
    }
  };

  return (
    <section className="shift-check" aria-label={t('shiftCheck.title')}>
      <button
        type="button"
        className="button"
        disabled={refusal !== null || running}
        aria-describedby={refusal ? 'shift-check-refusal' : undefined}
        onClick={() => void run()}
      >
        {outcome ? t('shiftCheck.runAgain') : t('shiftCheck.run')}
      </button>
      {refusal && !running ? (
        <p id="shift-check-refusal" className="shift-check-refusal">
          {t(`shiftCheck.refused.${refusal}`)}
        </p>
      ) : null}
      <div role="status" aria-label={t('shiftCheck.result')}>
        {running ? <p>{t('shiftCheck.running')}</p> : null}
        {running && live ? <Figures figures={live} /> : null}
        {outcome ? <Result outcome={outcome} /> : null}
      </div>
    </section>
  );
}

function Figures({ figures }: { figures: NetworkFigures }) {
  const { t } = useTranslation();
  const show = (value: number | null) => (value === null ? t('shiftCheck.noFigure') : String(value));
  return (
    <p>
      {t('shiftCheck.figures', {
        rtt: show(figures.rttMs),
        jitter: show(figures.jitterMs),
        loss: show(figures.lossPercent),
      })}
    </p>
  );
}

function Result({ outcome }: { outcome: ShiftCheckOutcome }) {
  const { t } = useTranslation();
  const { result, network } = outcome;
  const problem = outcome.problem ?? (result?.state === 'failed' ? result.failure : null);
  return (
    <>
      {problem ? <p>{t(`shiftCheck.problem.${problem}`)}</p> : null}
      {result?.state === 'done' && result.mic ? (
        <p>{t(`shiftCheck.mic.${result.mic}`, { level: result.activeDbfs ?? '—' })}</p>
      ) : null}
      <p>{t(`shiftCheck.network.${networkVerdict(network)}`)}</p>
      <Figures figures={network} />
      {network.sentLevel !== null ? (
        <p>{t('shiftCheck.sentLevel', { level: Math.round(network.sentLevel * 100) })}</p>
      ) : null}
      {result?.playedBack ? <p>{t('shiftCheck.playback')}</p> : null}
    </>
  );
}
