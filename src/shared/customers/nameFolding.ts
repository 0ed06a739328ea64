/**
 * Customer names as the search compares them (decision 0031, ## Search): every word of a name, in
 * Russian or English, is folded to one Latin "skeleton" — lower case, ё/е as one, Cyrillic spelled
 * in Latin (passport transliteration), and the spellings English writers vary on made one (y/j → i,
 * x → ks, kh → h, th → t, h after a vowel silent, doubled letters single). "Иванов", "Ivanov" and "IVANOV" are the same word;
 * "Юрий" and "Yuri" too. A typo is then an edit distance between skeletons, bounded by word length.
 */

const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
  // Ukrainian and Belarusian letters seen in Russian customer bases.
  і: 'i',
  ї: 'i',
  є: 'e',
  ґ: 'g',
  ў: 'u',
};

/** The longest name word the index keeps; longer is not a name. */
export const NAME_WORD_MAX = 40;
/** At most this many words of one name are indexed (a name is rarely more than four). */
export const NAME_WORDS_MAX = 8;

/** One word (no spaces) folded to its Latin skeleton; "" when nothing letter-like is left. */
export function foldWord(word: string): string {
  const lower = word
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  let latin = '';
  for (const ch of lower.normalize('NFC')) {
    const mapped = CYRILLIC[ch];
    if (mapped !== undefined) latin += mapped;
    else if (/[a-z0-9]/.test(ch)) latin += ch;
    // Apostrophes, hyphens inside a word and anything else are dropped ("O'Brien" = "obrien").
  }
  const skeleton = latin
    .replace(/x/g, 'ks')
    .replace(/ph/g, 'f')
    // "Джон" is how Russian writes "John": both become "ion".
    .replace(/dzh/g, 'j')
    .replace(/th/g, 't')
    // "Pyotr", "Fyodor": the English spelling of ё, which Russian folds to е.
    .replace(/yo/g, 'e')
    // Silent h ("John", "Sarah") before kh → h, so Cyrillic х (kh) is never taken for one.
    .replace(/([aeiouy])h/g, '$1')
    .replace(/kh/g, 'h')
    .replace(/ck/g, 'k')
    .replace(/[yj]/g, 'i')
    .replace(/w/g, 'v')
    .replace(/q/g, 'k')
    .replace(/(.)\1+/g, '$1');
  return skeleton.slice(0, NAME_WORD_MAX);
}

/** The distinct folded words of a name, in order ("Анна-Мария Ёлкина" → anna, maria, elkina). */
export function nameWords(name: string): string[] {
  const words: string[] = [];
  for (const part of name.split(/[\s,\-–—.;/()]+/)) {
    const folded = foldWord(part);
    if (folded !== '' && !words.includes(folded)) words.push(folded);
    if (words.length === NAME_WORDS_MAX) break;
  }
  return words;
}

/**
 * How many typos a word of this length may carry and still be found: none in the shortest words
 * (too many names lie one letter apart), one from four letters, two from seven.
 */
export function typoBound(length: number): number {
  return length >= 7 ? 2 : length >= 4 ? 1 : 0;
}

/**
 * Every string made by deleting up to `depth` letters (the word itself included): two words within
 * edit distance d share one of these (symmetric delete, as in SymSpell), so a typo is found by exact
 * index lookups instead of by scanning the vocabulary.
 */
export function deletions(word: string, depth = typoBound(word.length)): string[] {
  const out = new Set<string>([word]);
  let frontier = [word];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const shorter = w.slice(0, i) + w.slice(i + 1);
        if (shorter !== '' && !out.has(shorter)) {
          out.add(shorter);
          next.push(shorter);
        }
      }
    }
    frontier = next;
  }
  return [...out];
}

/** Optimal string alignment distance (insert, delete, substitute, swap two neighbours), stopping past `max`. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push(new Array<number>(b.length + 1).fill(0));
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i]!;
    const prev = rows[i - 1]!;
    row[0] = i;
    let best = row[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      row[j] = value;
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}

/**
 * The typos allowed between a typed word and an indexed one: the typed word's bound. An indexed word
 * shorter than that is still found when the typo is an extra letter (the typed word's own deletions
 * reach it), which is how "Jhon" finds "John".
 */
export function allowedTypos(typed: string, _indexed: string): number {
  return typoBound(typed.length);
}

/**
 * How well a name answers a query, or null when some typed word matches no word of the name.
 * Lower is better: 0 = every word exactly; a typo adds its distance, a word typed as a prefix
 * (only the last one, still being typed) adds half. Word order does not matter.
 */
export function nameScore(queryWords: readonly string[], words: readonly string[]): number | null {
  let total = 0;
  for (const [index, typed] of queryWords.entries()) {
    let best = Number.POSITIVE_INFINITY;
    for (const word of words) {
      if (word === typed) {
        best = 0;
        break;
      }
      const allowed = allowedTypos(typed, word);
      const distance = editDistance(typed, word, allowed);
      if (distance <= allowed) best = Math.min(best, distance);
      if (index === queryWords.length - 1 && typed.length >= 3 && word.startsWith(typed)) best = Math.min(best, 0.5);
    }
    if (!Number.isFinite(best)) return null;
    total += best;
  }
  return total;
}
