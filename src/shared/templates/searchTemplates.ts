/**
 * The "/" picker's fuzzy search: the typed letters in order within the title, hotkey, folder or
 * tags (so "crdbl" finds "Card blocked"), word starts and stems scoring higher.
 */
import { foldWord, stemWord, words } from '../text/searchTerms.js';
import type { Template } from './template.js';

/** 0 when `query` is not a subsequence of `text`; higher for contiguous runs and word starts. */
export function fuzzyScore(query: string, text: string): number {
  const q = foldWord(query).replace(/\s+/g, '');
  const t = foldWord(text);
  if (q.length === 0) return 1;
  let score = 0;
  let run = 0;
  let from = 0;
  for (const ch of q) {
    const at = t.indexOf(ch, from);
    if (at < 0) return 0;
    run = at === from ? run + 1 : 1;
    const wordStart = at === 0 || /[\s\-_/.,]/.test(t[at - 1]!);
    score += 1 + run + (wordStart ? 3 : 0);
    from = at + 1;
  }
  return score / (1 + t.length / 50);
}

export function searchTemplates(query: string, templates: readonly Template[], limit = 20): Template[] {
  const trimmed = query.trim();
  if (trimmed === '') {
    return [...templates]
      .sort((a, b) => a.folder.localeCompare(b.folder) || a.title.localeCompare(b.title))
      .slice(0, limit);
  }
  const queryStems = words(trimmed).map(stemWord);
  const scored: { template: Template; score: number }[] = [];
  for (const template of templates) {
    const haystack = `${template.title} ${template.hotkey ?? ''} ${template.folder} ${template.tags.join(' ')}`;
    let score = Math.max(fuzzyScore(trimmed, template.title) * 2, fuzzyScore(trimmed, haystack));
    const stems = new Set(words(`${haystack} ${template.bodies.map((b) => b.text).join(' ')}`).map(stemWord));
    for (const qs of queryStems) if ([...stems].some((s) => s.startsWith(qs))) score += 4;
    if (score > 0) scored.push({ template, score });
  }
  return scored
    .sort((a, b) => b.score - a.score || a.template.title.localeCompare(b.template.title))
    .slice(0, limit)
    .map((s) => s.template);
}
