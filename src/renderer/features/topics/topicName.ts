import { topicLabel, type Topic } from '../../../shared/topics/topicTree.js';

/** A topic's name in the interface's language (Russian for ru, English otherwise). */
export function topicName(topic: Pick<Topic, 'name'>, language: string): string {
  return language.startsWith('ru') ? topic.name.ru : topic.name.en;
}

/** "Cards › Card blocked" in the interface's language; an id not in the tree reads as itself. */
export function topicPathName(byId: ReadonlyMap<string, Topic>, id: string, language: string): string {
  return topicLabel(byId, id, language.startsWith('ru') ? 'ru' : 'en');
}
