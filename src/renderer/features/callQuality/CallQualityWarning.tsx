import { useTranslation } from 'react-i18next';
import type { CallState } from '../../../shared/softphone/callMachine.js';
import { useSoftphone } from '../softphone/softphoneContext.js';
import { useCallQuality } from './useCallQuality.js';
import './callQuality.css';

/** On the call card: "connection poor" while the call's figures are degraded (decision 0040). */
export function CallQualityWarning({ call }: { call: CallState }) {
  const { t } = useTranslation();
  const { service } = useSoftphone();
  const poor = useCallQuality(call, service);
  // The live region is always there (empty while the line is fine), so its text is announced when it appears.
  return (
    <div role="status" className={poor ? 'call-quality-warning poor' : 'call-quality-warning'}>
      {poor ? t('callQuality.poor') : null}
    </div>
  );
}
