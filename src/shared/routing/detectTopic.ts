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

/**
 * The keyword list detection reads (decision 0032): the topic tree's topics that are offered (not
 * retired), subtopics before their parents so the most specific topic wins, then entries of the old flat
 * list whose ids the tree does not hold at all (a hub's routing settings saved before the tree).
 */
export function detectionList(
  tree: readonly {
    id: string;
    parentId: string | null;
    keywords: readonly string[];
    retired: boolean;
    position: number;
  }[],
  flat: readonly TopicKeywords[] = [],
): TopicKeywords[] {
  const byId = new Map(tree.map((t) => [t.id, t]));
  const depth = (id: string): number => {
    let d = 0;
    const seen = new Set<string>();
    for (let at = byId.get(id)?.parentId ?? null; at !== null && !seen.has(at); at = byId.get(at)?.parentId ?? null) {
      seen.add(at);
      d++;
    }
    return d;
  };
  const offered = (id: string): boolean => {
    const seen = new Set<string>();
    for (let at: string | null = id; at !== null && !seen.has(at); at = byId.get(at)?.parentId ?? null) {
      seen.add(at);
      if (byId.get(at)?.retired !== false) return false;
    }
    return true;
  };
  const fromTree = tree
    .filter((t) => t.keywords.length > 0 && offered(t.id))
    .map((t, index) => ({ t, index, depth: depth(t.id) }))
    .sort((a, b) => b.depth - a.depth || a.index - b.index)
    .map(({ t }) => ({ id: t.id, keywords: t.keywords }));
  return [...fromTree, ...flat.filter((f) => !byId.has(f.id))];
}
