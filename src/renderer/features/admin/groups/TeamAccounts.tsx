import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../../../shared/accounts/password.js';
import type { TeamMember } from '../../../../shared/contract.js';
import type { ErrorInfo } from '../../../../shared/errors.js';
import { useAppDispatch } from '../../../app/hooks.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { settle } from '../adminThunks.js';
import { disableAgent, enableAgent, setAgentPassword } from '../accountThunks.js';

/**
 * Administrators: who may sign in. Disabling an agent signs every app of theirs out at once;
 * setting a new password does too (decision 0025).
 */
export function TeamAccounts({
  team,
  selfId,
  onChanged,
}: {
  team: readonly TeamMember[];
  selfId: string | null;
  onChanged: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className="admin-capacity" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('account.team.title')}</h3>
      <p className="hint">{t('account.team.hint')}</p>
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">{t('account.team.agent')}</th>
            <th scope="col">{t('account.team.state')}</th>
            <th scope="col">{t('account.team.access')}</th>
            <th scope="col">{t('account.team.password')}</th>
          </tr>
        </thead>
        <tbody>
          {team.map((agent) => (
            <AccountRow key={agent.id} agent={agent} self={agent.id === selfId} onChanged={onChanged} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function AccountRow({ agent, self, onChanged }: { agent: TeamMember; self: boolean; onChanged: () => Promise<void> }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(work: () => Promise<{ sessionsEnded: number }>, done: (ended: number) => string) {
    setBusy(true);
    setNote(null);
    const result = await settle(work());
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setNote(done(result.value.sessionsEnded));
    await onChanged();
  }

  const toggle = () =>
    agent.disabled
      ? run(
          () => dispatch(enableAgent(agent.id)).unwrap(),
          () => t('account.team.enabledDone', { name: agent.name }),
        )
      : run(
          () => dispatch(disableAgent(agent.id)).unwrap(),
          (count) => t('account.team.disabledDone', { name: agent.name, count }),
        );
  const setNew = () =>
    run(
      async () => {
        const answer = await dispatch(setAgentPassword({ agentId: agent.id, newPassword: password })).unwrap();
        setPassword('');
        return answer;
      },
      (count) => t('account.team.passwordDone', { name: agent.name, count }),
    );

  return (
    <tr>
      <th scope="row">
        {agent.name}
        <ErrorMessage
          error={error}
          fieldLabels={{ newPassword: t('account.team.newPasswordFor', { name: agent.name }) }}
        />
        {note ? <p role="status">{note}</p> : null}
      </th>
      <td>{agent.disabled ? t('account.team.disabled') : t('account.team.enabled')}</td>
      <td>
        <button
          type="button"
          className="button"
          disabled={busy || self}
          aria-label={t(agent.disabled ? 'account.team.enableFor' : 'account.team.disableFor', { name: agent.name })}
          onClick={() => void toggle()}
        >
          {agent.disabled ? t('account.team.enable') : t('account.team.disable')}
        </button>
      </td>
      <td>
        <input
          type="password"
          autoComplete="new-password"
          minLength={PASSWORD_MIN_LENGTH}
          aria-label={t('account.team.newPasswordFor', { name: agent.name })}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />{' '}
        <button
          type="button"
          className="button"
          disabled={busy || password.length < PASSWORD_MIN_LENGTH}
          aria-label={t('account.team.setPasswordFor', { name: agent.name })}
          onClick={() => void setNew()}
        >
          {t('account.team.setPassword')}
        </button>
      </td>
    </tr>
  );
}
