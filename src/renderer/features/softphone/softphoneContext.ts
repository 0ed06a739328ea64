import { createContext, useContext } from 'react';
import type { Softphone } from './softphoneController.js';

/** The softphone (a live object) reaches components through context, never through the store. */
export const SoftphoneContext = createContext<Softphone | null>(null);

export function useSoftphone(): Softphone {
  const softphone = useContext(SoftphoneContext);
  if (!softphone) throw new Error('useSoftphone needs a SoftphoneContext provider');
  return softphone;
}
