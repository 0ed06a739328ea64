/** The article tree from the flat list the core gives: children in position order, and what a move may do. */
import type { ArticleSummary } from '../../../shared/knowledge/knowledgeContract.js';

export interface ArticleBranch {
  article: ArticleSummary;
  children: ArticleBranch[];
}

const byPosition = (a: ArticleSummary, b: ArticleSummary) => a.position - b.position || a.title.localeCompare(b.title);

/** Roots and their children, each level in position order; an article whose parent is missing is a root. */
export function buildTree(articles: readonly ArticleSummary[], showRetired = true): ArticleBranch[] {
  const visible = articles.filter((a) => showRetired || !a.retired);
  const ids = new Set(visible.map((a) => a.id));
  const childrenOf = new Map<string | null, ArticleSummary[]>();
  for (const article of visible) {
    const parent = article.parentId && ids.has(article.parentId) ? article.parentId : null;
    const list = childrenOf.get(parent) ?? [];
    list.push(article);
    childrenOf.set(parent, list);
  }
  const seen = new Set<string>();
  const branch = (parent: string | null): ArticleBranch[] =>
    (childrenOf.get(parent) ?? [])
      .sort(byPosition)
      .filter((article) => !seen.has(article.id) && seen.add(article.id))
      .map((article) => ({ article, children: branch(article.id) }));
  return branch(null);
}

/** The article and everything under it (an article cannot be moved into any of these). */
export function subtreeIds(articles: readonly ArticleSummary[], rootId: string): Set<string> {
  const out = new Set<string>([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const article of articles) {
      if (article.parentId && out.has(article.parentId) && !out.has(article.id)) {
        out.add(article.id);
        grew = true;
      }
    }
  }
  return out;
}

/** The siblings of an article in order (itself included). */
export function siblingsOf(articles: readonly ArticleSummary[], article: ArticleSummary): ArticleSummary[] {
  return articles.filter((a) => a.parentId === article.parentId).sort(byPosition);
}

/**
 * The move that puts an article one place up or down among its siblings; null at the edge.
 * `position` is the index it should take among its siblings.
 */
export function stepMove(
  articles: readonly ArticleSummary[],
  article: ArticleSummary,
  step: -1 | 1,
): { articleId: string; parentId: string | null; position: number } | null {
  const siblings = siblingsOf(articles, article);
  const index = siblings.findIndex((a) => a.id === article.id);
  const target = index + step;
  if (index < 0 || target < 0 || target >= siblings.length) return null;
  return { articleId: article.id, parentId: article.parentId, position: target };
}

/** Indented choices for "Inside": every article but the one moved and what is under it. */
export function parentChoices(
  articles: readonly ArticleSummary[],
  movingId: string | null,
): { id: string; title: string; depth: number }[] {
  const excluded = movingId ? subtreeIds(articles, movingId) : new Set<string>();
  const out: { id: string; title: string; depth: number }[] = [];
  const walk = (branches: ArticleBranch[], depth: number) => {
    for (const b of branches) {
      if (excluded.has(b.article.id)) continue;
      out.push({ id: b.article.id, title: b.article.title, depth });
      walk(b.children, depth + 1);
    }
  };
  walk(buildTree(articles), 0);
  return out;
}
