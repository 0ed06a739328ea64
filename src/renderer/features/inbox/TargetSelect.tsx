import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { targetValue } from './handOver.js';
import { loadTransferTargets, selectTransferTargets } from './inboxSlice.js';

/**
 * A picker of where to hand a thread or call: groups and lines (and agents, for leads and where
 * asked). The targets load the first time any picker shows.
 */
export function TargetSelect({
  label,
  value,
  onChange,
  withAgents = false,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  withAgents?: boolean;
}) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const targets = useAppSelector(selectTransferTargets);
  useEffect(() => {
    if (!targets) void dispatch(loadTransferTargets());
  }, [dispatch, targets]);
  const agents = withAgents ? (targets?.agents ?? []) : [];
  const empty = targets !== null && targets.groups.length === 0 && targets.lines.length === 0 && agents.length === 0;
  return (
    <>
      <label>
        {label}
        <select value={value} onChange={(e) => onChange(e.target.value)} disabled={empty}>
          <option value="">{t('queueCall.choose')}</option>
          {targets && targets.groups.length > 0 ? (
            <optgroup label={t('queueCall.groups')}>
              {targets.groups.map((g) => (
                <option key={g.id} value={targetValue('group', g.id)}>
                  {g.name}
                </option>
              ))}
            </optgroup>
          ) : null}
          {targets && targets.lines.length > 0 ? (
            <optgroup label={t('queueCall.lines')}>
              {targets.lines.map((l) => (
                <option key={l.id} value={targetValue('line', l.id)}>
                  {t('queueCall.lineOption', { name: l.name, number: l.number })}
                </option>
              ))}
            </optgroup>
          ) : null}
          {agents.length > 0 ? (
            <optgroup label={t('queueCall.agents')}>
              {agents.map((a) => (
                <option key={a.id} value={targetValue('agent', a.id)}>
                  {a.name}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </label>
      {empty ? <p className="hint">{t('queueCall.noTargets')}</p> : null}
    </>
  );
}
