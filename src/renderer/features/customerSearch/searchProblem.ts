/** A typed key checked where it is typed, its problem said in the agent's language (the hub says it again in English). */
import type { TFunction } from 'i18next';
import { parseSearch, type SearchKey } from '../../../shared/customers/searchKeys.js';

export function searchProblem(t: TFunction, key: SearchKey, value: string): string | null {
  if (value.trim() === '') return t('customerSearch.problem.empty');
  const parsed = parseSearch(key, value);
  if (parsed.ok) return null;
  // Only the last four digits of a card ever reach the words on screen.
  const last4 = value.replace(/\D/g, '').slice(-4);
  return t(`customerSearch.problem.${parsed.problem}`, { last4 });
}
