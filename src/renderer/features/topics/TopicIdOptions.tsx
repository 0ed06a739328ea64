import { useTranslation } from 'react-i18next';
import { isPickable } from '../../../shared/topics/topicTree.js';
import { topicPathName } from './topicName.js';
import { useTopicTree } from './useTopicTree.js';

/**
 * The tree's current topics as suggestions for a topic id typed in a menu (a `<datalist>`; give its id as
 * the input's `list`). The hub refuses ids that are not in the tree or retired (decision 0032).
 */
export function TopicIdOptions({ id }: { id: string }) {
  const { i18n } = useTranslation();
  const tree = useTopicTree();
  return (
    <datalist id={id}>
      {tree.ordered
        .filter(({ topic }) => isPickable(tree.byId, topic.id))
        .map(({ topic }) => (
          <option key={topic.id} value={topic.id}>
            {topicPathName(tree.byId, topic.id, i18n.language)}
          </option>
        ))}
    </datalist>
  );
}
