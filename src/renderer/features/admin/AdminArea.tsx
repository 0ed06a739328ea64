import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { selectAgent } from '../session/sessionSlice.js';
import { adminClosed, adminTabSelected, selectAdmin } from './adminSlice.js';
import { canOpenAdminArea, currentTab, tabsFor } from './adminTabModel.js';
import { adminTabs } from './adminTabs.js';
import './admin.css';

/**
 * The lead's settings area: a large native modal <dialog> with one tab per entry of adminTabs.
 * Only the selected tab is mounted, so each tab loads its data when it is shown.
 */
export function AdminArea() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const agent = useAppSelector(selectAgent);
  const { open, tab } = useAppSelector(selectAdmin);
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const allowed = canOpenAdminArea(agent?.role);
  const visible = open && allowed;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (visible && !dialog.open) dialog.showModal();
    if (!visible && dialog.open) dialog.close();
  }, [visible]);

  return (
    <dialog
      ref={ref}
      className="dialog admin-dialog"
      aria-labelledby={titleId}
      onClose={() => {
        if (open) dispatch(adminClosed());
      }}
    >
      {visible && agent ? (
        <AdminTabs
          titleId={titleId}
          tabs={tabsFor(agent.role, adminTabs)}
          selected={tab}
          onClose={() => dispatch(adminClosed())}
          closeLabel={t('admin.close')}
        />
      ) : null}
    </dialog>
  );
}

function AdminTabs({
  titleId,
  tabs,
  selected,
  onClose,
  closeLabel,
}: {
  titleId: string;
  tabs: ReturnType<typeof tabsFor>;
  selected: string | null;
  onClose: () => void;
  closeLabel: string;
}) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const id = useId();
  const active = currentTab(tabs, selected);
  const Panel = active?.component;

  // Arrow keys move between tabs (the WAI-ARIA tabs pattern).
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (!active || (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft')) return;
    const index = tabs.indexOf(active);
    const next = tabs[(index + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    if (!next) return;
    event.preventDefault();
    dispatch(adminTabSelected(next.id));
    document.getElementById(`${id}-tab-${next.id}`)?.focus();
  }

  return (
    <div className="admin-area">
      <header className="admin-header">
        <h2 id={titleId}>{t('admin.title')}</h2>
        <button type="button" className="button subtle" onClick={onClose}>
          {closeLabel}
        </button>
      </header>
      <div className="admin-tabs" role="tablist" aria-label={t('admin.title')} onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            id={`${id}-tab-${tab.id}`}
            type="button"
            role="tab"
            className="admin-tab"
            aria-selected={tab === active}
            aria-controls={`${id}-panel`}
            tabIndex={tab === active ? 0 : -1}
            onClick={() => dispatch(adminTabSelected(tab.id))}
          >
            {t(tab.labelKey)}
          </button>
        ))}
      </div>
      <section
        className="admin-panel"
        id={`${id}-panel`}
        role="tabpanel"
        aria-labelledby={active ? `${id}-tab-${active.id}` : undefined}
      >
        {Panel ? <Panel key={active.id} /> : null}
      </section>
    </div>
  );
}
