import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordingHealth } from '../../../shared/recording/recording.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { formatFullTime } from '../../i18n/format.js';
import { selectAgent } from '../session/sessionSlice.js';
import { loadRecordingHealth } from './recordingThunks.js';

/** The hub is asked again this often; a stopped recorder is a matter of minutes, not seconds. */
const POLL_MS = 30_000;

/** For admins and leads: recording has stopped (disk full, size cap) or cannot work (no media server). */
export function RecordingAlert() {
  const role = useAppSelector(selectAgent)?.role;
  if (role !== 'lead' && role !== 'admin') return null;
  return <HealthAlert />;
}

function HealthAlert() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const [health, setHealth] = useState<RecordingHealth | null>(null);

  useEffect(() => {
    let alive = true;
    const check = () =>
      void dispatch(loadRecordingHealth())
        .unwrap()
        .then((value) => alive && setHealth(value))
        // The hub away is said by the connection badge; this alert only speaks of recording itself.
        .catch(() => undefined);
    check();
    const timer = setInterval(check, POLL_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [dispatch]);

  if (!health || health.state === 'ok') return null;
  return (
    <p className="recording-alert" role="alert">
      {t(`recording.alert.${health.state}`)}{' '}
      {health.since !== null ? t('recording.alert.since', { time: formatFullTime(health.since, i18n.language) }) : null}
    </p>
  );
}
