import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../shared/errors.js';
import { descendantsOf, type Topic, type TopicChange } from '../../../shared/topics/topicTree.js';
import { useAppDispatch } from '../../app/hooks.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { issuesUnder, joinList, splitList } from '../admin/adminForms.js';
import { SavedNote } from '../admin/AdminParts.js';
import { settle } from '../admin/adminThunks.js';
import { TextField } from '../admin/fields/TextField.js';
import { useSaving } from '../admin/fields/useSaving.js';
import { topicName } from './topicName.js';
import { loadTopicChanges, moveTopic, retireTopic, saveTopic } from './topicsThunks.js';
import { useTopicTree, type TopicTree } from './useTopicTree.js';
import './topics.css';

/** What the form edits: a topic, or a new one at the top level or under a parent. */
type Editing = { kind: 'topic'; id: string } | { kind: 'new'; parentId: string | null };

/** The topic tree: leads add, rename, move, reorder, retire and restore topics; each topic's history. */
export function TopicsTab() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const tree = useTopicTree();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [justSaved, setJustSaved] = useState<string | null>(null);
  const [moveError, setMoveError] = useState<ErrorInfo | null>(null);

  if (tree.error && !tree.topics) return <ErrorMessage error={tree.error} />;
  if (!tree.topics) return <p role="status">{t('topics.loading')}</p>;
  const current =
    editing?.kind === 'topic'
      ? (tree.byId.get(editing.id) ?? null)
      : editing === null
        ? (tree.ordered[0]?.topic ?? null)
        : null;
  const form: Editing | null = editing?.kind === 'new' ? editing : current ? { kind: 'topic', id: current.id } : null;

  /** Up or down among its siblings. */
  async function step(topic: Topic, by: -1 | 1) {
    const siblings = tree.ordered.filter(({ topic: s }) => s.parentId === topic.parentId).map(({ topic: s }) => s.id);
    const position = siblings.indexOf(topic.id) + by;
    if (position < 0 || position >= siblings.length) return;
    const result = await settle(dispatch(moveTopic({ id: topic.id, parentId: topic.parentId, position })).unwrap());
    setMoveError(result.ok ? null : result.error);
    await tree.reload();
  }

  return (
    <div className="admin-columns">
      <nav className="admin-list topic-tree" aria-label={t('topics.tree')}>
        {tree.ordered.length === 0 ? <p className="hint">{t('topics.empty')}</p> : null}
        <ul>
          {tree.ordered.map(({ topic, depth }) => {
            const name = topicName(topic, i18n.language);
            return (
              <li key={topic.id} style={{ paddingInlineStart: `${depth * 1.25}rem` }}>
                <div className={`topic-tree-row${topic.retired ? ' retired' : ''}`}>
                  <button
                    type="button"
                    className="admin-list-item"
                    aria-current={form?.kind === 'topic' && form.id === topic.id ? 'true' : undefined}
                    onClick={() => setEditing({ kind: 'topic', id: topic.id })}
                  >
                    {name}
                    {topic.retired ? <span className="tag">{t('topics.retiredTag')}</span> : null}
                  </button>
                  <button
                    type="button"
                    className="button subtle"
                    aria-label={t('topics.moveUp', { name })}
                    onClick={() => void step(topic, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="button subtle"
                    aria-label={t('topics.moveDown', { name })}
                    onClick={() => void step(topic, 1)}
                  >
                    ↓
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
        <ErrorMessage error={moveError} />
        <button type="button" className="button" onClick={() => setEditing({ kind: 'new', parentId: null })}>
          {t('topics.addRoot')}
        </button>
      </nav>
      {form ? (
        <TopicForm
          key={form.kind === 'topic' ? form.id : `new:${form.parentId ?? ''}`}
          tree={tree}
          topic={form.kind === 'topic' ? (tree.byId.get(form.id) ?? null) : null}
          parentId={form.kind === 'new' ? form.parentId : null}
          justSaved={form.kind === 'topic' && justSaved === form.id}
          onAddChild={(parentId) => setEditing({ kind: 'new', parentId })}
          onSaved={async (id) => {
            await tree.reload();
            setJustSaved(id);
            setEditing({ kind: 'topic', id });
          }}
        />
      ) : null}
    </div>
  );
}

function TopicForm({
  tree,
  topic,
  parentId,
  justSaved,
  onAddChild,
  onSaved,
}: {
  tree: TopicTree;
  topic: Topic | null;
  parentId: string | null;
  justSaved: boolean;
  onAddChild: (parentId: string) => void;
  onSaved: (id: string) => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const id = useId();
  const [en, setEn] = useState(topic?.name.en ?? '');
  const [ru, setRu] = useState(topic?.name.ru ?? '');
  const [keywords, setKeywords] = useState(joinList(topic?.keywords ?? []));
  const [newParent, setNewParent] = useState(topic?.parentId ?? '');
  const { error, saved, busy, save, setError } = useSaving(justSaved);
  const issues = issuesUnder(error, '');
  const parent = parentId ? tree.byId.get(parentId) : null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await save(() =>
      dispatch(
        saveTopic({
          ...(topic ? { id: topic.id } : {}),
          parentId: topic ? topic.parentId : parentId,
          name: { en, ru },
          keywords: splitList(keywords),
        }),
      ).unwrap(),
    );
    if (result) await onSaved(result.id);
  }

  async function move() {
    if (!topic) return;
    const target = newParent === '' ? null : newParent;
    const last = tree.ordered.filter(({ topic: s }) => s.parentId === target).length;
    const result = await save(() => dispatch(moveTopic({ id: topic.id, parentId: target, position: last })).unwrap());
    if (result) await onSaved(topic.id);
  }

  async function retire(retired: boolean) {
    if (!topic) return;
    const result = await save(() => dispatch(retireTopic({ topicId: topic.id, retired })).unwrap());
    if (result) await onSaved(topic.id);
  }

  // Any topic may be a parent except this one and those inside it (the hub refuses those too).
  const inside = topic ? new Set([topic.id, ...descendantsOf(tree.topics ?? [], topic.id)]) : new Set<string>();
  const title = topic
    ? topicName(topic, i18n.language)
    : parent
      ? t('topics.newSubtopic', { parent: topicName(parent, i18n.language) })
      : t('topics.newTopic');

  return (
    <div className="admin-stack">
      <form className="admin-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('topics.form')}>
        <h3>{title}</h3>
        {topic?.retired ? <p className="hint">{t('topics.retiredNote')}</p> : null}
        <TextField id={`${id}-en`} label={t('topics.nameEn')} value={en} onChange={setEn} problem={issues['name.en']} />
        <TextField id={`${id}-ru`} label={t('topics.nameRu')} value={ru} onChange={setRu} problem={issues['name.ru']} />
        <TextField
          id={`${id}-keywords`}
          label={t('topics.keywords')}
          value={keywords}
          onChange={setKeywords}
          hint={t('topics.keywordsHint')}
          problem={issues.keywords}
        />
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy}>
            {t('topics.save')}
          </button>
          {topic ? (
            <button type="button" className="button" onClick={() => onAddChild(topic.id)}>
              {t('topics.addChild')}
            </button>
          ) : null}
          {topic ? (
            <button type="button" className="button subtle" disabled={busy} onClick={() => void retire(!topic.retired)}>
              {topic.retired ? t('topics.restore') : t('topics.retire')}
            </button>
          ) : null}
        </div>
        {topic ? (
          <div className="field">
            <label htmlFor={`${id}-parent`}>{t('topics.parent')}</label>
            <select
              id={`${id}-parent`}
              value={newParent}
              onChange={(e) => {
                setNewParent(e.target.value);
                setError(null);
              }}
            >
              <option value="">{t('topics.noParent')}</option>
              {tree.ordered.map(({ topic: option, depth }) => (
                <option key={option.id} value={option.id} disabled={inside.has(option.id)}>
                  {`${'\u00a0\u00a0'.repeat(depth)}${topicName(option, i18n.language)}`}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button"
              disabled={busy || newParent === (topic.parentId ?? '')}
              onClick={() => void move()}
            >
              {t('topics.move')}
            </button>
          </div>
        ) : null}
        <ErrorMessage error={error} />
        <SavedNote text={saved} />
      </form>
      {topic ? <TopicHistory topicId={topic.id} tree={tree} /> : null}
    </div>
  );
}

function TopicHistory({ topicId, tree }: { topicId: string; tree: TopicTree }) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const [changes, setChanges] = useState<TopicChange[] | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const version = tree.topics;

  useEffect(() => {
    let current = true;
    void settle(dispatch(loadTopicChanges(topicId)).unwrap()).then((result) => {
      if (!current) return;
      if (result.ok) setChanges(result.value.changes);
      else setError(result.error);
    });
    return () => {
      current = false;
    };
  }, [dispatch, topicId, version]);

  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const lang = i18n.language.startsWith('ru') ? 'ru' : 'en';
  const nameOf = (value: unknown) =>
    value && typeof value === 'object' && lang in value ? String((value as Record<string, unknown>)[lang]) : '';
  return (
    <section className="topic-history" aria-label={t('topics.history')}>
      <h4>{t('topics.history')}</h4>
      <ErrorMessage error={error} />
      {changes && changes.length === 0 ? <p className="hint">{t('topics.historyEmpty')}</p> : null}
      {changes && changes.length > 0 ? (
        <ol>
          {changes.map((change) => (
            <li key={change.id}>
              <time dateTime={new Date(change.at).toISOString()}>{time.format(change.at)}</time>{' '}
              {t(`topics.change.${change.kind}`, {
                who: change.actorName ?? t('topics.someone'),
                from: nameOf(change.data.from),
                to: nameOf(change.data.to),
              })}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
