import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { RecordingPolicy } from '../../../shared/recording/recording.js';

/** The group editor's recording policy: as the line says (null), or all / none / on demand for this group. */
export function GroupRecordingPolicy({
  value,
  onChange,
}: {
  value: RecordingPolicy | null;
  onChange: (value: RecordingPolicy | null) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t('recording.group.policy')}</label>
      <select
        id={id}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? null : RecordingPolicy.parse(e.target.value))}
      >
        <option value="">{t('recording.policy.asLine')}</option>
        {RecordingPolicy.options.map((policy) => (
          <option key={policy} value={policy}>
            {t(`recording.policy.${policy}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
