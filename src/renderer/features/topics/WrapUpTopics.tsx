import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { ThreadTopics } from '../../../shared/topics/topicTree.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { selectConversation } from '../conversation/conversationSlice.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { settle } from '../admin/adminThunks.js';
import { TopicChecklist } from './TopicChecklist.js';
import { topicPathName } from './topicName.js';
import { loadThreadTopics, setThreadTopics } from './topicsThunks.js';
import { useTopicTree } from './useTopicTree.js';
import './topics.css';

/**
 * The topics of the open contact, set at wrap-up (any channel, open or ended). The routing topic
 * (detected, IVR or widget choice) is pre-selected until the agent saves their own; a group that
 * requires wrap-up says so here, and the hub refuses the close without one.
 */
export function WrapUpTopics({ threadId }: { threadId: string }) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const id = useId();
  const tree = useTopicTree();
  const [state, setState] = useState<ThreadTopics | null>(null);
  const [draft, setDraft] = useState<string[]>([]);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  // Taken, handed over or closed: whether a topic is required may have changed (it follows the contact's group).
  const thread = useAppSelector(selectConversation).thread;
  const assigneeId = thread?.id === threadId ? thread.assigneeId : null;
  const status = thread?.id === threadId ? thread.status : null;

  const show = useCallback((value: ThreadTopics) => {
    setState(value);
    setDraft(value.topicIds.length > 0 ? value.topicIds : value.suggested ? [value.suggested] : []);
  }, []);

  useEffect(() => {
    let current = true;
    setState(null);
    setSaved(false);
    setError(null);
    void settle(dispatch(loadThreadTopics(threadId)).unwrap()).then((result) => {
      if (!current) return;
      if (result.ok) show(result.value);
      else setError(result.error);
    });
    return () => {
      current = false;
    };
  }, [dispatch, threadId, show, assigneeId, status]);

  async function save() {
    setBusy(true);
    setSaved(false);
    const result = await settle(dispatch(setThreadTopics({ threadId, topicIds: draft })).unwrap());
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    show(result.value);
    setSaved(true);
  }

  if (!state || !tree.topics) {
    return error || tree.error ? <ErrorMessage error={error ?? tree.error} /> : null;
  }
  const names = state.topicIds.map((topicId) => topicPathName(tree.byId, topicId, i18n.language));
  return (
    <section className="wrap-up" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="wrap-up-title">
        {t('topics.wrapUp')}
        {state.required ? <span className="tag wrap-up-required">{t('topics.wrapUpRequired')}</span> : null}
      </h3>
      {names.length > 0 ? (
        <ul className="wrap-up-chosen" aria-label={t('topics.wrapUp')}>
          {names.map((name, index) => (
            <li key={state.topicIds[index]} className="tag">
              {name}
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">
          {state.required ? t('topics.wrapUpMissing') : t('topics.wrapUpNone')}
          {state.suggested
            ? ` ${t('topics.wrapUpSuggested', { topic: topicPathName(tree.byId, state.suggested, i18n.language) })}`
            : ''}
        </p>
      )}
      <details className="wrap-up-pick">
        <summary>{t('topics.wrapUpPick')}</summary>
        <TopicChecklist
          legend={t('topics.wrapUpPick')}
          ordered={tree.ordered}
          byId={tree.byId}
          checked={draft}
          onChange={(next) => {
            setDraft(next);
            setSaved(false);
          }}
        />
        <button type="button" className="button" disabled={busy} onClick={() => void save()}>
          {t('topics.wrapUpSave')}
        </button>
      </details>
      {saved ? (
        <p role="status" className="hint">
          {t('topics.wrapUpSaved')}
        </p>
      ) : null}
      <ErrorMessage error={error} />
    </section>
  );
}
