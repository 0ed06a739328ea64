import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TemplateLibraryEditor } from '../library/TemplateLibraryEditor.js';
import '../admin.css';

/** Every agent's own templates, from the toolbar: the same editor as the shared library, scoped to the agent. */
export function MyTemplates() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <>
      <button type="button" className="button subtle" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {t('admin.personal.open')}
      </button>
      <dialog ref={ref} className="dialog admin-dialog" aria-labelledby={titleId} onClose={() => setOpen(false)}>
        {open ? (
          <div className="admin-area">
            <header className="admin-header">
              <h2 id={titleId}>{t('admin.personal.title')}</h2>
              <button type="button" className="button subtle" onClick={() => setOpen(false)}>
                {t('admin.close')}
              </button>
            </header>
            <div className="admin-panel">
              <p className="hint">{t('admin.personal.hint')}</p>
              <TemplateLibraryEditor scope="personal" />
            </div>
          </div>
        ) : null}
      </dialog>
    </>
  );
}
