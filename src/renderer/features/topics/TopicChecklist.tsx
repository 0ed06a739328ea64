import { useTranslation } from 'react-i18next';
import { isPickable, type Topic } from '../../../shared/topics/topicTree.js';
import { topicName } from './topicName.js';

/**
 * Topics to check, in tree order and indented: the ones offered (not retired), plus any already checked
 * that are retired or no longer in the tree, so nothing saved disappears from view.
 */
export function TopicChecklist({
  legend,
  ordered,
  byId,
  checked,
  onChange,
  hint,
  className,
}: {
  legend: string;
  ordered: readonly { topic: Topic; depth: number }[];
  byId: ReadonlyMap<string, Topic>;
  checked: readonly string[];
  onChange: (next: string[]) => void;
  hint?: string;
  className?: string;
}) {
  const { t, i18n } = useTranslation();
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...checked.filter((c) => c !== id), id] : checked.filter((c) => c !== id));
  const shown = ordered.filter(({ topic }) => isPickable(byId, topic.id) || checked.includes(topic.id));
  const unknown = checked.filter((id) => !byId.has(id));
  return (
    <fieldset className={`topic-checks ${className ?? ''}`}>
      <legend>{legend}</legend>
      <ul>
        {shown.map(({ topic, depth }) => (
          <li key={topic.id} style={{ paddingInlineStart: `${depth * 1.25}rem` }}>
            <label>
              <input
                type="checkbox"
                checked={checked.includes(topic.id)}
                onChange={(e) => toggle(topic.id, e.target.checked)}
              />
              {topicName(topic, i18n.language)}
              {topic.retired ? <span className="tag">{t('topics.retiredTag')}</span> : null}
            </label>
          </li>
        ))}
        {unknown.map((id) => (
          <li key={id}>
            <label>
              <input type="checkbox" checked onChange={(e) => toggle(id, e.target.checked)} />
              {t('topics.unknownTopic', { id })}
            </label>
          </li>
        ))}
      </ul>
      {hint === undefined ? null : <p className="hint">{hint}</p>}
    </fieldset>
  );
}
