import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamMember } from '../../../../shared/contract.js';
import { Channel } from '../../../../shared/domain.js';
import type { ErrorInfo } from '../../../../shared/errors.js';
import type { Group } from '../../../../shared/routing/chooseAgent.js';
import { useAppDispatch, useAppSelector } from '../../../app/hooks.js';
import { LANGUAGE_NAMES } from '../../../i18n/index.js';
import { selectAgent } from '../../session/sessionSlice.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { issuesUnder } from '../adminForms.js';
import { TopicChecklist } from '../../topics/TopicChecklist.js';
import { useTopicTree } from '../../topics/useTopicTree.js';
import { SavedNote } from '../AdminParts.js';
import { deleteGroup, loadGroups, loadTeam, saveGroup, settle } from '../adminThunks.js';
import { GroupRecordingPolicy } from '../../recording/GroupRecordingPolicy.js';
import { FormActions } from '../fields/FormActions.js';
import { CheckList, TextField } from '../fields/TextField.js';
import { useSaving } from '../fields/useSaving.js';
import { useSelection } from '../fields/useSelection.js';
import { CapacityTable } from './CapacityTable.js';
import { TeamAccounts } from './TeamAccounts.js';

const LANGUAGES = ['en', 'ru'] as const;
const NEW = 'new';

/** Routing groups with their skills, members and second line; below them each agent's capacity. */
export function GroupsTab() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [groups, setGroups] = useState<Group[] | null>(null);
  const [team, setTeam] = useState<TeamMember[]>([]);
  const [loadError, setLoadError] = useState<ErrorInfo | null>(null);
  const { selected, justSaved, pick, savedAs } = useSelection();
  const me = useAppSelector(selectAgent);

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
              savedAs(id);
            }}
          />
        ) : (
          <p className="placeholder">{t('admin.groups.none')}</p>
        )}
      </div>
      <CapacityTable team={team} onSaved={reload} />
      {me?.role === 'admin' ? <TeamAccounts team={team} selfId={me.id} onChanged={reload} /> : null}
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
  const [topics, setTopics] = useState<string[]>(group?.skills.topics ?? []);
  const [wrapUpRequired, setWrapUpRequired] = useState(group?.wrapUpRequired ?? false);
  const [recordingPolicy, setRecordingPolicy] = useState(group?.recordingPolicy ?? null);
  const tree = useTopicTree();
  const [languages, setLanguages] = useState<string[]>(group?.skills.languages ?? []);
  const [channels, setChannels] = useState<string[]>(group?.skills.channels ?? []);
  const [members, setMembers] = useState<string[]>(group?.memberIds ?? []);
  const [escalation, setEscalation] = useState(group?.escalationGroupId ?? '');
  const { error, setError, saved, busy, save } = useSaving(justSaved);
  const issues = issuesUnder(error, '');

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await save(() =>
      dispatch(
        saveGroup({
          ...(group ? { id: group.id } : {}),
          name,
          skills: {
            topics,
            languages: LANGUAGES.filter((l) => languages.includes(l)),
            channels: Channel.options.filter((c) => channels.includes(c)),
          },
          escalationGroupId: escalation === '' ? null : escalation,
          memberIds: members,
          wrapUpRequired,
          recordingPolicy,
        }),
      ).unwrap(),
    );
    if (result) await onSaved(result.id);
  }

  async function remove() {
    if (!group || !window.confirm(t('admin.groups.confirmDelete', { name: group.name }))) return;
    const result = await settle(dispatch(deleteGroup(group.id)).unwrap());
    if (!result.ok) return setError(result.error);
    await onSaved(null);
  }

  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('admin.groups.form')}>
      <TextField
        id={`${id}-name`}
        label={t('admin.groups.name')}
        value={name}
        onChange={setName}
        problem={issues.name}
      />
      {/* Topics from the topic tree; a topic takes its subtopics (decision 0032). */}
      <TopicChecklist
        legend={t('admin.groups.topics')}
        ordered={tree.ordered}
        byId={tree.byId}
        checked={topics}
        onChange={setTopics}
        hint={t('topics.pickerHint')}
      />
      <ErrorMessage error={tree.error} />
      <label className="admin-check">
        <input type="checkbox" checked={wrapUpRequired} onChange={(e) => setWrapUpRequired(e.target.checked)} />
        {t('topics.wrapUpSetting')}
      </label>
      <GroupRecordingPolicy value={recordingPolicy} onChange={setRecordingPolicy} />
      <CheckList
        legend={t('admin.groups.languages')}
        options={LANGUAGES.map((language) => ({ value: language, label: LANGUAGE_NAMES[language] }))}
        checked={languages}
        onChange={setLanguages}
        hint={t('admin.anyIfNone')}
      />
      <CheckList
        legend={t('admin.groups.channels')}
        options={Channel.options.map((channel) => ({ value: channel, label: t(`channel.${channel}`) }))}
        checked={channels}
        onChange={setChannels}
        hint={t('admin.anyIfNone')}
      />
      <CheckList
        legend={t('admin.groups.members')}
        options={team.map((agent) => ({ value: agent.id, label: agent.name }))}
        checked={members}
        onChange={setMembers}
      />
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
      <FormActions
        saveLabel={t('admin.groups.save')}
        busy={busy}
        deleteLabel={t('admin.groups.delete')}
        onDelete={group ? () => void remove() : null}
      />
      <SavedNote text={saved} />
    </form>
  );
}
