import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks.js';
import { LoadBoundary } from '../../ui/LoadBoundary.js';
import { selectAgent } from '../session/sessionSlice.js';
import { MyStatsStrip } from './MyStatsStrip.js';
import './stats.css';

/**
 * The lead's floor panel carries chart.js and the period reports, so it is a chunk of its own,
 * fetched the first time the panel is opened and not with the first screen
 * (tests/unit/renderer-bundle.test.ts holds it to that).
 */
const lazyStatsPanel = () => lazy(() => import('./StatsPanel.js').then((m) => ({ default: m.StatsPanel })));

/** Leads get the floor panel behind a toggle; agents get the strip of their own figures. */
export function StatsArea() {
  const { t } = useTranslation();
  const agent = useAppSelector(selectAgent);
  const [open, setOpen] = useState(false);
  const [StatsPanel, setStatsPanel] = useState(lazyStatsPanel);
  if (!agent) return null;
  if (agent.role === 'agent') return <MyStatsStrip />;
  return (
    <div className="stats-area">
      <button type="button" className="button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {open ? t('stats.close') : t('stats.open')}
      </button>
      {open ? (
        <LoadBoundary
          failed={(retry) => (
            <p className="error" role="alert">
              {t('stats.loadFailed')}{' '}
              <button
                type="button"
                className="button"
                onClick={() => {
                  setStatsPanel(() => lazyStatsPanel());
                  retry();
                }}
              >
                {t('app.retry')}
              </button>
            </p>
          )}
        >
          <Suspense fallback={<p role="status">{t('stats.loading')}</p>}>
            <StatsPanel />
          </Suspense>
        </LoadBoundary>
      ) : null}
    </div>
  );
}
