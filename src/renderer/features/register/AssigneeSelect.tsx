import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { loadTransferTargets, selectTransferTargets } from '../inbox/inboxSlice.js';

/**
 * Who a complaint is assigned to: a group or a person ('group:<id>' / 'agent:<id>'; '' is the empty
 * choice). The groups and people are the hand-over targets the app already reads.
 */
export function AssigneeSelect({
  id,
  label,
  emptyLabel,
  value,
  onChange,
  extra,
}: {
  id: string;
  label: string;
  emptyLabel: string;
  value: string;
  onChange: (value: string) => void;
  /** Choices before the groups (e.g. "me and my groups" in a filter). */
  extra?: readonly { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const targets = useAppSelector(selectTransferTargets);
  useEffect(() => {
    if (!targets) void dispatch(loadTransferTargets());
  }, [dispatch, targets]);
  const groups = targets?.groups ?? [];
  const agents = targets?.agents ?? [];
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{emptyLabel}</option>
        {(extra ?? []).map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
        {groups.length > 0 ? (
          <optgroup label={t('register.assignee.groups')}>
            {groups.map((group) => (
              <option key={group.id} value={`group:${group.id}`}>
                {group.name}
              </option>
            ))}
          </optgroup>
        ) : null}
        {agents.length > 0 ? (
          <optgroup label={t('register.assignee.people')}>
            {agents.map((agent) => (
              <option key={agent.id} value={`agent:${agent.id}`}>
                {agent.name}
              </option>
            ))}
          </optgroup>
        ) : null}
      </select>
    </div>
  );
}
