import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks.js';
import { selectAgent } from '../session/sessionSlice.js';
import { MyStatsStrip } from './MyStatsStrip.js';
import { StatsPanel } from './StatsPanel.js';
import './stats.css';

/** Leads get the floor panel behind a toggle; agents get the strip of their own figures. */
export function StatsArea() {
  const { t } = useTranslation();
  const agent = useAppSelector(selectAgent);
  const [open, setOpen] = useState(false);
  if (!agent) return null;
  if (agent.role === 'agent') return <MyStatsStrip />;
  return (
    <div className="stats-area">
      <button type="button" className="button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {open ? t('stats.close') : t('stats.open')}
      </button>
      {open ? <StatsPanel /> : null}
    </div>
  );
}
