import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ALL_SEARCH_KEYS, type SearchKey } from '../../../../shared/customers/searchKeys.js';
import type { ErrorInfo } from '../../../../shared/errors.js';
import { useAppDispatch } from '../../../app/hooks.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { loadSearchKeys, saveSearchKeys } from '../../customerSearch/customerSearchThunks.js';
import { SavedNote } from '../AdminParts.js';
import { settle } from '../adminThunks.js';
import { useSaving } from '../fields/useSaving.js';

/** Leads choose the keys agents may search customers by (the hub refuses the others). */
export function SearchKeysTab() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [keys, setKeys] = useState<SearchKey[] | null>(null);
  const [loadError, setLoadError] = useState<ErrorInfo | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const { error, saved, clearSaved, busy, save } = useSaving(false);

  useEffect(() => {
    void settle(dispatch(loadSearchKeys()).unwrap()).then((result) =>
      result.ok ? setKeys(result.value.keys) : setLoadError(result.error),
    );
  }, [dispatch]);

  if (loadError) return <ErrorMessage error={loadError} />;
  if (!keys) return <p role="status">{t('admin.loading')}</p>;

  const toggle = (key: SearchKey, on: boolean) => {
    setKeys(on ? [...keys, key] : keys.filter((k) => k !== key));
    clearSaved();
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!keys || keys.length === 0) return setProblem(t('customerSearch.settings.atLeastOne'));
    setProblem(null);
    const result = await save(() => dispatch(saveSearchKeys({ keys })).unwrap());
    if (result) setKeys(result.keys);
  }

  return (
    <form className="admin-stack" onSubmit={(e) => void submit(e)} aria-label={t('customerSearch.settings.title')}>
      <fieldset>
        <legend>{t('customerSearch.settings.title')}</legend>
        <p className="hint">{t('customerSearch.settings.hint')}</p>
        {ALL_SEARCH_KEYS.map((key) => (
          <label key={key} className="checkbox">
            <input type="checkbox" checked={keys.includes(key)} onChange={(e) => toggle(key, e.target.checked)} />
            {t(`customerSearch.keys.${key}`)}
          </label>
        ))}
      </fieldset>
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      <ErrorMessage error={error} />
      <button type="submit" className="button primary" disabled={busy}>
        {t('customerSearch.settings.save')}
      </button>
      <SavedNote text={saved} />
    </form>
  );
}
