/**
 * What identification checks answers against, read from the hub store for one customer: the card's
 * name, the profile's date of birth and address, and — as checks only, never as values — the code
 * word's hash and the documents' keyed hashes.
 */
import { maskCard, parseDocument } from '../../../shared/customers/bankKeys.js';
import { OknoError } from '../../../shared/errors.js';
import type { Question, QuestionResult } from '../../../shared/customers/identification.js';
import type { HubStore } from '../../storage/hubStore.js';

export interface CustomerFacts {
  customerId: string;
  name: string;
  birthDate: string | null;
  address: string | null;
  hasCodeWord: boolean;
  hasPassport: boolean;
  hasCard: boolean;
}

export function customerFacts(store: HubStore, customerId: string, name: string): CustomerFacts {
  const profile = store.profiles.get(customerId);
  const documents = store.documents.of(customerId, false);
  return {
    customerId,
    name,
    birthDate: profile?.birthDate ?? null,
    address: profile?.address ?? null,
    hasCodeWord: profile?.hasCodeWord ?? false,
    hasPassport: documents.some((d) => d.kind === 'passport'),
    hasCard: documents.some((d) => d.kind === 'card'),
  };
}

/** Whether the customer has anything on record to check this question against. */
export function questionAvailable(question: Question, facts: CustomerFacts): boolean {
  switch (question.kind) {
    case 'full_name':
      return facts.name.trim() !== '';
    case 'birth_date':
      return facts.birthDate !== null;
    case 'address':
      return facts.address !== null && facts.address.trim() !== '';
    case 'code_word':
      return facts.hasCodeWord;
    case 'passport':
      return facts.hasPassport;
    case 'card_last4':
      return facts.hasCard;
    case 'custom':
      return true;
  }
}

/** What the agent may see to mark an agent-checked question; null for the secrets the hub checks. */
export function questionReference(question: Question, facts: CustomerFacts): string | null {
  switch (question.kind) {
    case 'full_name':
      return facts.name;
    case 'birth_date':
      return facts.birthDate;
    case 'address':
      return facts.address;
    default:
      return null;
  }
}

/**
 * Checks what the customer said for a hub-checked question. A malformed answer (a passport that is not
 * 10 digits, "last 4" that is not 4 digits) is refused, not counted: the agent mistyped, the customer
 * did not fail.
 */
export function checkSpokenAnswer(
  store: HubStore,
  question: Question,
  customerId: string,
  answer: string,
): QuestionResult {
  switch (question.kind) {
    case 'code_word': {
      if (answer.trim() === '') throw new OknoError('bad_request', 'answer: the code word is empty');
      const stored = store.profiles.codeWordHash(customerId);
      return stored !== null && store.keyedHash.codeWordMatches(answer, stored) ? 'pass' : 'fail';
    }
    case 'passport': {
      const parsed = parseDocument('passport', answer);
      if (!parsed.ok) throw new OknoError('bad_request', `answer: ${parsed.message}`);
      return store.documents.ownerOf('passport', parsed.value) === customerId ? 'pass' : 'fail';
    }
    case 'card_last4': {
      const last4 = answer.replace(/\s/g, '');
      if (!/^\d{4}$/.test(last4))
        throw new OknoError('bad_request', 'answer: the last 4 digits of a card are 4 digits');
      const shown = maskCard(last4);
      return store.documents.of(customerId, false).some((d) => d.kind === 'card' && d.shown === shown)
        ? 'pass'
        : 'fail';
    }
    default:
      throw new OknoError(
        'bad_request',
        `question "${question.id}" is marked by the agent: send a verdict, not an answer`,
      );
  }
}
