import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RecordingPolicy, type LineRecording } from '../../../shared/recording/recording.js';
import { FieldProblems } from '../admin/AdminParts.js';

/**
 * The line editor's recording part: the policy, the spoken notice and how long recordings are kept.
 * Days are kept as typed; a text that is not a whole number reaches the draft as NaN, which the line
 * check (checkLineDraft) names under this field.
 */
export function LineRecordingFields({
  value,
  onChange,
  idPrefix,
  problem,
}: {
  value: LineRecording;
  onChange: (value: LineRecording) => void;
  idPrefix: string;
  problem: string | undefined;
}) {
  const { t } = useTranslation();
  const [days, setDays] = useState(String(value.retentionDays));
  const daysId = `${idPrefix}-days`;
  return (
    <fieldset className="admin-checks">
      <legend>{t('recording.line.legend')}</legend>
      {RecordingPolicy.options.map((policy) => (
        <label key={policy}>
          <input
            type="radio"
            name={`${idPrefix}-policy`}
            checked={value.policy === policy}
            onChange={() => onChange({ ...value, policy })}
          />
          {t(`recording.policy.${policy}`)}
        </label>
      ))}
      <label>
        <input
          type="checkbox"
          checked={value.notice}
          onChange={(e) => onChange({ ...value, notice: e.target.checked })}
        />
        {t('recording.line.notice')}
      </label>
      <div className="field">
        <label htmlFor={daysId}>{t('recording.line.retentionDays')}</label>
        <input
          id={daysId}
          inputMode="numeric"
          value={days}
          onChange={(e) => {
            setDays(e.target.value);
            const text = e.target.value.trim();
            onChange({ ...value, retentionDays: /^\d+$/.test(text) ? Number(text) : Number.NaN });
          }}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${daysId}-problem`}
        />
        <FieldProblems id={`${daysId}-problem`} message={problem} />
      </div>
    </fieldset>
  );
}
