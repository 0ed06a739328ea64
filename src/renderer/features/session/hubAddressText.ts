import type { TFunction } from 'i18next';
import { hubAddressProblem } from '../../../shared/hubAddress.js';

/**
 * Why a hub address is refused, in the agent's language: a plain http:// hub on another computer
 * is named and the reason given; anything else that is not an address gets the general hint.
 */
export function hubAddressErrorText(t: TFunction, value: string): string {
  const problem = hubAddressProblem(value);
  if (problem === 'plain_http') return t('session.invalid.hubUrlPlainHttp', { address: value.trim() });
  return t('session.invalid.hubUrl');
}
