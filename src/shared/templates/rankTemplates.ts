/**
 * Suggestions for the customer's last message: templates ranked by how well their stemmed words
 * match it (BM25 over title, tags and text, Russian and English stems from searchTerms) plus how
 * often agents chose each template for similar messages before.
 */
import { stemWord, words } from '../text/searchTerms.js';
import type { Template } from './template.js';

/** One past choice: the stems of the customer's message and the template the agent sent. */
export interface TemplateChoice {
  templateId: string;
  stems: readonly string[];
}

export interface Ranked {
  templateId: string;
  score: number;
  /** The part of the score that came from earlier choices. */
  learned: number;
}

const STOPWORDS = new Set(
  (
    'the a an and or to of in on at for is are was be it my me i you your we our this that with do does did can could ' +
    'have has how what when where why not no please hello hi thanks thank there would will am been from by about ' +
    'и в во на не что как я мне меня мой моя моё мои вы вас ваш ваша у с со по за из к ко это то а но или ли же бы ' +
    'здравствуйте добрый день привет спасибо пожалуйста подскажите скажите можно нужно есть был была было уже ещё еще ' +
    'могу может можете хочу хотел хотела надо очень тут там вот так'
  ).split(' '),
);

export function messageStems(text: string): string[] {
  const out = new Set<string>();
  for (const word of words(text)) {
    if (word.length < 2 || STOPWORDS.has(word)) continue;
    out.add(stemWord(word));
  }
  return [...out];
}

interface Doc {
  id: string;
  tf: Map<string, number>;
  length: number;
}

const FIELD_WEIGHT = { title: 3, tags: 3, text: 1 } as const;

function docOf(template: Template, language: 'en' | 'ru' | null): Doc {
  const tf = new Map<string, number>();
  let length = 0;
  const add = (text: string, weight: number) => {
    for (const word of words(text)) {
      if (STOPWORDS.has(word)) continue;
      const stem = stemWord(word);
      tf.set(stem, (tf.get(stem) ?? 0) + weight);
      length += weight;
    }
  };
  add(template.title, FIELD_WEIGHT.title);
  add(template.tags.join(' '), FIELD_WEIGHT.tags);
  for (const body of template.bodies) {
    if (language === null || body.language === language) add(body.text.replace(/\{[^}]*\}/g, ' '), FIELD_WEIGHT.text);
  }
  return { id: template.id, tf, length };
}

/** An index over a template list, built once and asked many times. */
export class TemplateRanker {
  private readonly docs: Doc[];
  private readonly df = new Map<string, number>();
  private readonly avgLength: number;
  private readonly choicesByStem = new Map<string, TemplateChoice[]>();

  constructor(templates: readonly Template[], choices: readonly TemplateChoice[] = []) {
    // Both languages go into one document: a Russian question may carry English product names and back.
    this.docs = templates.map((t) => docOf(t, null));
    for (const doc of this.docs) for (const stem of doc.tf.keys()) this.df.set(stem, (this.df.get(stem) ?? 0) + 1);
    this.avgLength = this.docs.reduce((sum, d) => sum + d.length, 0) / Math.max(1, this.docs.length);
    for (const choice of choices) {
      for (const stem of new Set(choice.stems)) {
        let list = this.choicesByStem.get(stem);
        if (!list) this.choicesByStem.set(stem, (list = []));
        list.push(choice);
      }
    }
  }

  rank(message: string, limit = 5): Ranked[] {
    const stems = messageStems(message);
    if (stems.length === 0) return [];
    const n = this.docs.length;
    const learned = this.learned(stems);
    const out: Ranked[] = [];
    for (const doc of this.docs) {
      let score = 0;
      for (const stem of stems) {
        const tf = this.termFrequency(doc, stem);
        if (tf === 0) continue;
        const df = this.df.get(stem) ?? 1;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        score += (idf * (tf * 2.2)) / (tf + 1.2 * (0.25 + (0.75 * doc.length) / this.avgLength));
      }
      const boost = learned.get(doc.id) ?? 0;
      const total = score + 2 * Math.log1p(boost);
      if (total > 0) out.push({ templateId: doc.id, score: total, learned: boost });
    }
    return out.sort((a, b) => b.score - a.score || (a.templateId < b.templateId ? -1 : 1)).slice(0, limit);
  }

  /** An exact stem, or a longer stem starting with a typed one (a half-written or compound word). */
  private termFrequency(doc: Doc, stem: string): number {
    const exact = doc.tf.get(stem) ?? 0;
    if (exact > 0 || stem.length < 5) return exact;
    let partial = 0;
    for (const [term, tf] of doc.tf) if (term.startsWith(stem)) partial += tf / 2;
    return partial;
  }

  /** Σ similarity of the message to earlier messages answered with each template (Jaccard ≥ 0.3). */
  private learned(stems: readonly string[]): Map<string, number> {
    const mine = new Set(stems);
    const seen = new Set<TemplateChoice>();
    const boost = new Map<string, number>();
    for (const stem of mine) {
      for (const choice of this.choicesByStem.get(stem) ?? []) {
        if (seen.has(choice)) continue;
        seen.add(choice);
        const theirs = new Set(choice.stems);
        let common = 0;
        for (const s of mine) if (theirs.has(s)) common++;
        const jaccard = common / (mine.size + theirs.size - common);
        if (jaccard >= 0.3) boost.set(choice.templateId, (boost.get(choice.templateId) ?? 0) + jaccard);
      }
    }
    return boost;
  }
}

export function rankTemplates(
  message: string,
  templates: readonly Template[],
  choices: readonly TemplateChoice[] = [],
  limit = 5,
): Ranked[] {
  return new TemplateRanker(templates, choices).rank(message, limit);
}
