import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamMember } from '../../../../shared/contract.js';
import { Channel } from '../../../../shared/domain.js';
import type { ErrorInfo } from '../../../../shared/errors.js';
import type { Capacity } from '../../../../shared/routing/chooseAgent.js';
import { useAppDispatch } from '../../../app/hooks.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { saveCapacity, settle } from '../adminThunks.js';

/** How many threads of each channel an agent takes at once, and whether a call pauses text intake. */
export function CapacityTable({ team, onSaved }: { team: readonly TeamMember[]; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className="admin-capacity" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('admin.capacity.title')}</h3>
      <p className="hint">{t('admin.capacity.hint')}</p>
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.capacity.agent')}</th>
            {Channel.options.map((channel) => (
              <th key={channel} scope="col">
                {t(`channel.${channel}`)}
              </th>
            ))}
            <th scope="col">{t('admin.capacity.callPausesText')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('admin.capacity.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {team.map((agent) => (
            <CapacityRow key={`${agent.id}-${JSON.stringify(agent.capacity)}`} agent={agent} onSaved={onSaved} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function CapacityRow({ agent, onSaved }: { agent: TeamMember; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [capacity, setCapacity] = useState<Capacity>(agent.capacity);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const changed = JSON.stringify(capacity) !== JSON.stringify(agent.capacity);

  async function save() {
    setBusy(true);
    const result = await settle(dispatch(saveCapacity({ agentId: agent.id, capacity })).unwrap());
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    await onSaved();
  }

  return (
    <tr>
      <th scope="row">
        {agent.name}
        <ErrorMessage error={error} />
      </th>
      {Channel.options.map((channel) => (
        <td key={channel}>
          <input
            type="number"
            min={0}
            max={50}
            className="admin-number"
            aria-label={t('admin.capacity.cell', { name: agent.name, channel: t(`channel.${channel}`) })}
            value={capacity.perChannel[channel] ?? 0}
            onChange={(e) =>
              setCapacity({
                ...capacity,
                perChannel: {
                  ...capacity.perChannel,
                  [channel]: Math.max(0, Math.min(50, Number(e.target.value) || 0)),
                },
              })
            }
          />
        </td>
      ))}
      <td>
        <input
          type="checkbox"
          aria-label={t('admin.capacity.pauseFor', { name: agent.name })}
          checked={capacity.callPausesText}
          onChange={(e) => setCapacity({ ...capacity, callPausesText: e.target.checked })}
        />
      </td>
      <td>
        <button
          type="button"
          className="button"
          disabled={!changed || busy}
          aria-label={t('admin.capacity.saveFor', { name: agent.name })}
          onClick={() => void save()}
        >
          {t('admin.save')}
        </button>
      </td>
    </tr>
  );
}
