import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './register.css';

/** A modal dialog of the register (the register view, a new complaint): Escape or Close closes it. */
export function RegisterDialog({
  open,
  title,
  onClose,
  className,
  children,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  className?: string;
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
    <dialog
      ref={ref}
      className={`dialog register-dialog ${className ?? ''}`}
      aria-labelledby={titleId}
      onClose={onClose}
    >
      {open ? (
        <div className="register">
          <header className="register-header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="button subtle" onClick={onClose}>
              {t('register.close')}
            </button>
          </header>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}
