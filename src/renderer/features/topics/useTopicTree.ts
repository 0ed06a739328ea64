import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import { treeOrder, type Topic } from '../../../shared/topics/topicTree.js';
import { useAppDispatch } from '../../app/hooks.js';
import { settle } from '../admin/adminThunks.js';
import { loadTopicTree } from './topicsThunks.js';

export interface TopicTree {
  topics: Topic[] | null;
  byId: ReadonlyMap<string, Topic>;
  /** Tree order with depth, retired included. */
  ordered: { topic: Topic; depth: number }[];
  error: ErrorInfo | null;
  reload(): Promise<void>;
}

/** The topic tree from the hub, loaded when the component mounts; `reload` after an edit. */
export function useTopicTree(): TopicTree {
  const dispatch = useAppDispatch();
  const [topics, setTopics] = useState<Topic[] | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const reload = useCallback(async () => {
    const result = await settle(dispatch(loadTopicTree()).unwrap());
    if (!result.ok) return setError(result.error);
    setError(null);
    setTopics(result.value.topics);
  }, [dispatch]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const byId = useMemo(() => new Map((topics ?? []).map((t) => [t.id, t])), [topics]);
  const ordered = useMemo(() => treeOrder(topics ?? []), [topics]);
  return { topics, byId, ordered, error, reload };
}
