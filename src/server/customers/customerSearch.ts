/**
 * Finding a customer on the hub (decision 0031, ## Search): one key at a time — a phone in any
 * notation (every customer sharing it), a document by its keyed hash, an email or messenger id,
 * or a name in Russian or English, word order free, with typos. Exact key matches come first,
 * then names by how few typos they took; every result is masked (no full card, passport, account).
 */
import { deletions, editDistance, allowedTypos, nameScore } from '../../shared/customers/nameFolding.js';
import { parseSearch, type SearchKey } from '../../shared/customers/searchKeys.js';
import type { SearchReply, SearchResult } from '../../shared/hubApi/customerSearchApi.js';
import { E164_PATTERN, toE164 } from '../../shared/softphone/phoneNumber.js';
import { OknoError } from '../../shared/errors.js';
import type { CustomerSearchRepo } from '../storage/customerSearchRepo.js';
import type { HubStore } from '../storage/hubStore.js';

/** Name matches read before ranking; more means the agent should type more. */
const NAME_CANDIDATES = 200;
/** Customers one phone may be shared by before the rest are left off. */
const SHARED_KEY_MAX = 100;
/** Indexed words a prefix (the word still being typed) may stand for. */
const PREFIX_WORDS = 30;

export class CustomerSearch {
  constructor(
    private readonly store: HubStore,
    private readonly index: CustomerSearchRepo,
  ) {}

  /** Throws `bad_request` naming what is wrong with the typed key. */
  search(key: SearchKey, value: string, limit: number): SearchReply {
    const parsed = parseSearch(key, value);
    if (!parsed.ok) throw new OknoError('bad_request', parsed.message, [{ path: 'value', message: parsed.message }]);
    if (parsed.key === 'name') return this.byName(parsed.words, limit);
    const ids = this.byKey(parsed.key, parsed.value);
    const results = this.present(ids).map((r) => withMatch(r, 0));
    return { results: results.slice(0, limit), truncated: results.length > limit };
  }

  /** One customer as a search result (masked), or null when it does not exist. */
  result(id: string): SearchResult | null {
    const [found] = this.present([id]);
    return found ? withMatch(found, 0) : null;
  }

  private byKey(key: Exclude<SearchKey, 'name'>, value: string): string[] {
    switch (key) {
      case 'passport':
      case 'card':
      case 'account': {
        const owner = this.store.documents.ownerOf(key, value);
        return owner ? [owner] : [];
      }
      case 'phone':
      case 'email': {
        const owner = this.index.byIdentity(key, value);
        return [...(owner ? [owner] : []), ...this.index.byTerm(key, value, SHARED_KEY_MAX)];
      }
      case 'telegram':
      case 'vk': {
        const owner = this.index.byIdentity(key, value);
        return owner ? [owner] : [];
      }
    }
  }

  private byName(words: string[], limit: number): SearchReply {
    // Every typed word exactly; only when that finds nobody, typos and the unfinished last word
    // (a name typed right is not buried under its near-namesakes, and the common case stays cheap).
    let ids = this.index.customersWithWords(this.rarestFirst(words.map((w) => [w])), NAME_CANDIDATES);
    if (ids.length === 0) {
      const groups = words.map((typed, i) => this.wordsFor(typed, i === words.length - 1));
      ids = this.index.customersWithWords(this.rarestFirst(groups), NAME_CANDIDATES);
    }
    // Scored on the index alone; only the page shown is read in full (cards, documents, contacts).
    const scored = ids
      .map((id) => {
        const own = this.index.wordsOf(id);
        return { id, score: nameScore(words, own), key: own.join(' ') };
      })
      .filter((s): s is { id: string; score: number; key: string } => s.score !== null)
      .sort((a, b) => a.score - b.score || a.key.localeCompare(b.key));
    const results: SearchResult[] = [];
    for (const { id, score } of scored) {
      const [found] = this.present([id]);
      if (found && !results.some((r) => r.id === found.id)) results.push(withMatch(found, score));
      if (results.length > limit) break;
    }
    return { results: results.slice(0, limit), truncated: results.length > limit };
  }

  /** The indexed words a typed word may stand for: itself, words within its typo bound, and (last word) longer ones it begins. */
  private wordsFor(typed: string, last: boolean): string[] {
    const words = this.index
      .wordsByVariants(deletions(typed))
      .filter((word) => editDistance(typed, word, allowedTypos(typed, word)) <= allowedTypos(typed, word));
    if (last && typed.length >= 3) words.push(...this.index.wordsByPrefix(typed, PREFIX_WORDS));
    return [...new Set(words)];
  }

  /** The group whose words fewest customers bear goes first: it is the one read, the others probed. */
  private rarestFirst(groups: string[][]): string[][] {
    return groups
      .map((group) => ({ group, n: this.index.countWithWords(group) }))
      .sort((a, b) => a.n - b.n)
      .map((g) => g.group);
  }

  /** Current (merged ones followed), distinct, not anonymous, masked. */
  private present(ids: readonly string[]): Omit<SearchResult, 'match'>[] {
    const seen = new Set<string>();
    const results: Omit<SearchResult, 'match'>[] = [];
    for (const id of ids) {
      const customer = this.store.customers.current(id);
      if (!customer || seen.has(customer.id)) continue;
      seen.add(customer.id);
      const summary = this.index.summary(customer.id);
      if (!summary || summary.kind === 'anonymous') continue;
      const identities = customer.identities ?? [];
      const phone = customer.phone ? toE164(customer.phone) : null;
      results.push({
        id: customer.id,
        name: customer.name,
        kind: summary.kind,
        documents: this.store.documents.of(customer.id, false),
        phones: unique([
          ...(phone ? [phone] : []),
          ...identities.filter((i) => i.kind === 'phone').map((i) => i.value),
        ]),
        emails: unique([
          ...(customer.email ? [customer.email.toLowerCase()] : []),
          ...identities.filter((i) => i.kind === 'email').map((i) => i.value),
        ]),
        messengers: identities.filter((i) => i.kind === 'telegram' || i.kind === 'vk'),
        threads: summary.threads,
        lastContactAt: summary.lastContactAt,
      });
    }
    return results;
  }
}

function withMatch(result: Omit<SearchResult, 'match'>, distance: number): SearchResult {
  return { ...result, match: { exact: distance === 0, distance } };
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((v) => v !== '' && (v.startsWith('+') ? E164_PATTERN.test(v) : true)))];
}
