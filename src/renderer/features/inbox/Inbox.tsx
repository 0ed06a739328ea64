import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import {
  effectiveView,
  fetchQueue,
  loadQueueOptions,
  queueViewChanged,
  selectCallbacks,
  selectQueueCounts,
  selectQueueOptions,
  type QueueViewChoice,
  selectQueueError,
  selectQueueView,
  selectQueueItems,
  selectQueueStatus,
  selectQueueTotal,
  selectSelectedThreadId,
  threadSelected,
} from './inboxSlice.js';
import { Channel } from '../../../shared/domain.js';
import { QueueView, type QueueView as QueueViewName } from '../../../shared/contract.js';
import { selectAgent } from '../session/sessionSlice.js';
import { CallbackActions } from './CallbackActions.js';
import { ActivityQueueTag } from '../activities/ActivityQueueTag.js';
import { QueueRow } from './QueueRow.js';
import { QueueSearch } from './QueueSearch.js';

const ROW_ESTIMATE_PX = 92;

/**
 * The queue: one virtualized list of open threads, closest to the SLA deadline first. Only the
 * rows in view (plus a few) are in the DOM; each carries aria-setsize/aria-posinset so assistive
 * technology still knows the whole length. Arrow keys, Home and End move between rows.
 */
export function Inbox() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const items = useAppSelector(selectQueueItems);
  const total = useAppSelector(selectQueueTotal);
  const status = useAppSelector(selectQueueStatus);
  const error = useAppSelector(selectQueueError);
  const selectedId = useAppSelector(selectSelectedThreadId);
  const queueView = useAppSelector(selectQueueView);
  const counts = useAppSelector(selectQueueCounts);
  const options = useAppSelector(selectQueueOptions);
  const callbacks = useAppSelector(selectCallbacks);
  const role = useAppSelector(selectAgent)?.role;
  const shownView = effectiveView(queueView.view, role);
  // "All" is for leads and admins (the core and the hub refuse it to agents).
  const views: QueueViewName[] = role === 'agent' ? ['mine', 'groups'] : ['mine', 'groups', 'all'];
  const choice: QueueViewChoice = {
    view: shownView,
    channel: queueView.channel,
    topic: queueView.topic,
    threadStatus: queueView.threadStatus,
  };
  const signedIn = role !== undefined;
  useEffect(() => {
    if (signedIn) void dispatch(loadQueueOptions());
  }, [dispatch, signedIn]);
  const headingId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE_PX,
    overscan: 6,
    getItemKey: (index) => items[index]?.id ?? index,
  });

  const select = useCallback((threadId: string) => dispatch(threadSelected(threadId)), [dispatch]);

  function focusRow(index: number) {
    const target = Math.max(0, Math.min(items.length - 1, index));
    virtualizer.scrollToIndex(target, { align: 'auto' });
    // The row may only exist after the virtualizer renders it.
    requestAnimationFrame(() => {
      scrollRef.current?.querySelector<HTMLButtonElement>(`[data-row-index="${target}"]`)?.focus();
    });
  }

  function changeView(next: QueueViewChoice) {
    dispatch(queueViewChanged(next));
    void dispatch(fetchQueue());
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const current = Number((event.target as HTMLElement).dataset.rowIndex);
    if (Number.isNaN(current)) return;
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      Home: 0,
      End: items.length - 1,
      PageDown: current + 8,
      PageUp: current - 8,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    focusRow(next);
  }

  return (
    <section className="pane queue" aria-labelledby={headingId}>
      <header className="pane-header">
        <h2 id={headingId}>{t('inbox.title')}</h2>
        <span className="queue-count">{t('inbox.count', { count: total })}</span>
      </header>
      <div className="queue-filters">
        <label>
          <span className="visually-hidden">{t('inbox.viewLabel')}</span>
          <select
            aria-label={t('inbox.viewLabel')}
            value={shownView}
            onChange={(e) => {
              const parsed = QueueView.safeParse(e.target.value);
              if (parsed.success) changeView({ ...choice, view: parsed.data });
            }}
          >
            {views.map((view) => (
              <option key={view} value={view}>
                {counts && counts[view] !== null
                  ? t('queueViews.withCount', { view: t(`queueViews.${view}`), count: counts[view] ?? 0 })
                  : t(`queueViews.${view}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="visually-hidden">{t('inbox.channelLabel')}</span>
          <select
            aria-label={t('inbox.channelLabel')}
            value={queueView.channel ?? ''}
            onChange={(e) => {
              const parsed = Channel.safeParse(e.target.value);
              changeView({ ...choice, channel: parsed.success ? parsed.data : null });
            }}
          >
            <option value="">{t('inbox.channelAll')}</option>
            {Channel.options.map((channel) => (
              <option key={channel} value={channel}>
                {t(`channel.${channel}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="visually-hidden">{t('queueViews.topicLabel')}</span>
          <select
            aria-label={t('queueViews.topicLabel')}
            value={queueView.topic ?? ''}
            onChange={(e) => changeView({ ...choice, topic: e.target.value || null })}
          >
            <option value="">{t('queueViews.topicAll')}</option>
            {options.topics.map((topic) => (
              <option key={topic} value={topic}>
                {t(`queueViews.topics.${topic}`, { defaultValue: topic })}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="visually-hidden">{t('queueViews.statusLabel')}</span>
          <select
            aria-label={t('queueViews.statusLabel')}
            value={queueView.threadStatus}
            onChange={(e) => changeView({ ...choice, threadStatus: e.target.value === 'closed' ? 'closed' : 'open' })}
          >
            <option value="open">{t('queueViews.statusOpen')}</option>
            <option value="closed">{t('queueViews.statusClosed')}</option>
          </select>
        </label>
      </div>
      <QueueSearch />
      <ErrorMessage error={error} />
      {status === 'loading' ? <p className="placeholder">{t('inbox.loading')}</p> : null}
      {status === 'ready' && items.length === 0 ? <p className="placeholder">{t('inbox.empty')}</p> : null}
      {status === 'failed' ? (
        <button type="button" className="button subtle retry" onClick={() => void dispatch(fetchQueue())}>
          {t('app.retry')}
        </button>
      ) : null}
      <div className="queue-scroll" ref={scrollRef} onKeyDown={onKeyDown} aria-busy={status === 'loading' || undefined}>
        <div
          role="list"
          aria-label={t('inbox.title')}
          className="queue-list"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {virtualizer.getVirtualItems().map((row) => {
            const item = items[row.index];
            if (!item) return null;
            return (
              <div
                key={row.key}
                role="listitem"
                className="queue-item"
                data-index={row.index}
                ref={virtualizer.measureElement}
                aria-setsize={items.length}
                aria-posinset={row.index + 1}
                style={{ transform: `translateY(${row.start}px)` }}
              >
                <QueueRow item={item} index={row.index} selected={item.id === selectedId} onSelect={select} />
                {callbacks[item.id] ? <CallbackActions task={callbacks[item.id]!} /> : null}
                <ActivityQueueTag threadId={item.id} />
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
