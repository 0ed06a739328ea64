import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamMember } from '../../../../shared/contract.js';
import { Channel } from '../../../../shared/domain.js';
import type { ErrorInfo } from '../../../../shared/errors.js';
import type { Group } from '../../../../shared/routing/chooseAgent.js';
import { useAppDispatch } from '../../../app/hooks.js';
import { LANGUAGE_NAMES } from '../../../i18n/index.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { issuesUnder, joinList, splitList } from '../adminForms.js';
import { FieldProblems, SavedNote } from '../AdminParts.js';
import { deleteGroup, loadGroups, loadTeam, saveGroup, settle } from '../adminThunks.js';
import { CapacityTable } from './CapacityTable.js';

const LANGUAGES = ['en', 'ru'] as const;
const NEW = 'new';

/** Routing groups with their skills, members and second line; below them each agent's capacity. */
export function GroupsTab() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [groups, setGroups] = useState<Group[] | null>(null);
  const [team, setTeam] = useState<TeamMember[]>([]);
  const [loadError, setLoadError] = useState<ErrorInfo | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  // The form remounts for a newly created group; its "Saved" note survives through this.
  const [justSaved, setJustSaved] = useState<string | null>(null);
  const pick = (id: string) => {
    setJustSaved(null);
    setSelected(id);
  };

  const reload = useCallback(async () => {
    const [g, m] = await Promise.all([settle(dispatch(loadGroups()).unwrap()), settle(dispatch(loadTeam()).unwrap())]);
    if (!g.ok) return setLoadError(g.error);
    if (!m.ok) return setLoadError(m.error);
    setLoadError(null);
    setGroups(g.value.groups);
    setTeam(m.value.agents);
  }, [dispatch]);

  useEffect(() => {
    void reload();
  }, [reload]);

  if (loadError) return <ErrorMessage error={loadError} />;
  if (!groups) return <p role="status">{t('admin.loading')}</p>;
  const current = selected === NEW ? null : (groups.find((g) => g.id === selected) ?? groups[0] ?? null);
  const editing = selected === NEW || current !== null;

  return (
    <div className="admin-stack">
      <div className="admin-columns">
        <nav className="admin-list" aria-label={t('admin.groups.list')}>
          <ul>
            {groups.map((group) => (
              <li key={group.id}>
                <button
                  type="button"
                  className="admin-list-item"
                  aria-current={group === current && selected !== NEW ? 'true' : undefined}
                  onClick={() => pick(group.id)}
                >
                  {group.name}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="button" onClick={() => pick(NEW)}>
            {t('admin.groups.new')}
          </button>
        </nav>
        {editing ? (
          <GroupForm
            key={selected === NEW ? NEW : current?.id}
            group={selected === NEW ? null : current}
            groups={groups}
            team={team}
            justSaved={current !== null && justSaved === current.id}
            onSaved={async (id) => {
              await reload();
              setJustSaved(id);
              setSelected(id);
            }}
          />
        ) : (
          <p className="placeholder">{t('admin.groups.none')}</p>
        )}
      </div>
      <CapacityTable team={team} onSaved={reload} />
    </div>
  );
}

function GroupForm({
  group,
  groups,
  team,
  justSaved,
  onSaved,
}: {
  justSaved: boolean;
  group: Group | null;
  groups: readonly Group[];
  team: readonly TeamMember[];
  onSaved: (id: string | null) => Promise<void>;
}) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const id = useId();
  const [name, setName] = useState(group?.name ?? '');
  const [topics, setTopics] = useState(joinList(group?.skills.topics ?? []));
  const [languages, setLanguages] = useState<string[]>(group?.skills.languages ?? []);
  const [channels, setChannels] = useState<string[]>(group?.skills.channels ?? []);
  const [members, setMembers] = useState<string[]>(group?.memberIds ?? []);
  const [escalation, setEscalation] = useState(group?.escalationGroupId ?? '');
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [saved, setSaved] = useState<string | null>(justSaved ? t('admin.saved') : null);
  const [busy, setBusy] = useState(false);
  const issues = issuesUnder(error, '');

  const toggle = (list: string[], value: string, on: boolean) =>
    on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setSaved(null);
    const result = await settle(
      dispatch(
        saveGroup({
          ...(group ? { id: group.id } : {}),
          name,
          skills: {
            topics: splitList(topics),
            languages: LANGUAGES.filter((l) => languages.includes(l)),
            channels: Channel.options.filter((c) => channels.includes(c)),
          },
          escalationGroupId: escalation === '' ? null : escalation,
          memberIds: members,
        }),
      ).unwrap(),
    );
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setSaved(t('admin.saved'));
    await onSaved(result.value.id);
  }

  async function remove() {
    if (!group || !window.confirm(t('admin.groups.confirmDelete', { name: group.name }))) return;
    const result = await settle(dispatch(deleteGroup(group.id)).unwrap());
    if (!result.ok) return setError(result.error);
    await onSaved(null);
  }

  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('admin.groups.form')}>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('admin.groups.name')}</label>
        <input
          id={`${id}-name`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={issues.name ? true : undefined}
          aria-describedby={`${id}-name-problem`}
        />
        <FieldProblems id={`${id}-name-problem`} message={issues.name} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-topics`}>{t('admin.groups.topics')}</label>
        <input
          id={`${id}-topics`}
          value={topics}
          onChange={(e) => setTopics(e.target.value)}
          aria-describedby={`${id}-topics-hint`}
        />
        <p className="hint" id={`${id}-topics-hint`}>
          {t('admin.groups.topicsHint')}
        </p>
      </div>
      <fieldset className="admin-checks">
        <legend>{t('admin.groups.languages')}</legend>
        {LANGUAGES.map((language) => (
          <label key={language}>
            <input
              type="checkbox"
              checked={languages.includes(language)}
              onChange={(e) => setLanguages(toggle(languages, language, e.target.checked))}
            />
            {LANGUAGE_NAMES[language]}
          </label>
        ))}
        <p className="hint">{t('admin.anyIfNone')}</p>
      </fieldset>
      <fieldset className="admin-checks">
        <legend>{t('admin.groups.channels')}</legend>
        {Channel.options.map((channel) => (
          <label key={channel}>
            <input
              type="checkbox"
              checked={channels.includes(channel)}
              onChange={(e) => setChannels(toggle(channels, channel, e.target.checked))}
            />
            {t(`channel.${channel}`)}
          </label>
        ))}
        <p className="hint">{t('admin.anyIfNone')}</p>
      </fieldset>
      <fieldset className="admin-checks">
        <legend>{t('admin.groups.members')}</legend>
        {team.map((agent) => (
          <label key={agent.id}>
            <input
              type="checkbox"
              checked={members.includes(agent.id)}
              onChange={(e) => setMembers(toggle(members, agent.id, e.target.checked))}
            />
            {agent.name}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-escalation`}>{t('admin.groups.escalation')}</label>
        <select id={`${id}-escalation`} value={escalation} onChange={(e) => setEscalation(e.target.value)}>
          <option value="">{t('admin.groups.noEscalation')}</option>
          {groups
            .filter((g) => g.id !== group?.id)
            .map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
        </select>
      </div>
      <ErrorMessage error={error} />
      <div className="admin-actions">
        {group ? (
          <button type="button" className="button subtle" onClick={() => void remove()}>
            {t('admin.groups.delete')}
          </button>
        ) : null}
        <button type="submit" className="button primary" disabled={busy} aria-busy={busy || undefined}>
          {t('admin.groups.save')}
        </button>
      </div>
      <SavedNote text={saved} />
    </form>
  );
}
