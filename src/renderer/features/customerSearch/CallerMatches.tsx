import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchResult } from '../../../shared/hubApi/customerSearchApi.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { callerFound, selectCallers } from '../softphone/softphoneSlice.js';
import { attachThread, searchCustomers } from './customerSearchThunks.js';
import { SearchResultList } from './SearchResultList.js';
import { searchOpened } from './customerSearchSlice.js';

/**
 * The caller's number asked of the hub: when several customers share it (a family) — or the hub
 * knows one this computer's cache does not — the agent picks who is calling; the call's thread
 * moves to that customer and their card opens. "Someone else…" opens the search for this contact.
 */
export function CallerMatches({ callId, threadId }: { callId: string; threadId: string | null }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const caller = useAppSelector(selectCallers)[callId];
  const e164 = caller?.lookup === 'done' ? caller.e164 : null;
  const [matches, setMatches] = useState<SearchResult[]>([]);
  const [picked, setPicked] = useState<string | null>(null);

  useEffect(() => {
    if (!e164) return;
    let current = true;
    void dispatch(searchCustomers({ key: 'phone', value: e164 })).then((action) => {
      // A desk that does not offer phone search, or a hub away, leaves the cache's answer as it is.
      if (current && searchCustomers.fulfilled.match(action)) setMatches(action.payload.results);
    });
    return () => {
      current = false;
    };
  }, [dispatch, e164]);

  async function pick(customer: SearchResult) {
    if (threadId) {
      const action = await dispatch(attachThread({ threadId, customerId: customer.id }));
      if (!attachThread.fulfilled.match(action)) return;
    }
    setPicked(customer.id);
    const phone = customer.phones[0] ?? e164;
    dispatch(
      callerFound({
        id: callId,
        caller: { lookup: 'done', e164, customer: { id: customer.id, name: customer.name, phone } },
      }),
    );
  }

  const known = caller?.customer ?? null;
  const offer = picked === null && (matches.length > 1 || (matches.length === 1 && known?.id !== matches[0]?.id));
  return (
    <>
      {offer ? (
        <section className="caller-matches" aria-label={t('customerSearch.caller.list')}>
          <p role="status">{t('customerSearch.caller.shared', { count: matches.length })}</p>
          <SearchResultList
            results={matches}
            label={t('customerSearch.caller.list')}
            attachLabel="customerSearch.caller.pick"
            onAttach={(customer) => void pick(customer)}
          />
        </section>
      ) : null}
      {threadId && e164 ? (
        <button
          type="button"
          className="button subtle"
          aria-haspopup="dialog"
          onClick={() => dispatch(searchOpened({ threadId, known: { phone: e164 } }))}
        >
          {t('customerSearch.caller.findOther')}
        </button>
      ) : null}
    </>
  );
}
