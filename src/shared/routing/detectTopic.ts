/** A thread's topic from its first message: the first configured topic whose keywords (stemmed) appear in it. */
import { stemWord, words } from '../text/searchTerms.js';

export interface TopicKeywords {
  id: string;
  keywords: readonly string[];
}

export function detectTopic(text: string, topics: readonly TopicKeywords[]): string | null {
  const stems = new Set(words(text).map(stemWord));
  for (const topic of topics) {
    for (const keyword of topic.keywords) {
      const keywordStems = words(keyword).map(stemWord);
      if (keywordStems.length > 0 && keywordStems.every((s) => stems.has(s))) return topic.id;
    }
  }
  return null;
}
