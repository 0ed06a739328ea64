import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './customerSearch.css';

/** A modal dialog for the search screen (opened from the toolbar, a call card or a thread's card). */
export function SearchDialog({
  open,
  title,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog ref={ref} className="dialog customer-search-dialog" aria-labelledby={titleId} onClose={onClose}>
      {open ? (
        <div className="customer-search">
          <header className="customer-search-header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="button subtle" onClick={onClose}>
              {t('customerSearch.close')}
            </button>
          </header>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}
