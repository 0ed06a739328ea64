import { useTranslation } from 'react-i18next';
import { duration } from './statsFormat.js';
import { useStatsPeriods } from './useStats.js';

/** The agent's own figures today, in one line (the hub gives an agent only their own). */
export function MyStatsStrip() {
  const { t } = useTranslation();
  const { today } = useStatsPeriods(false, 30_000);
  const total = today?.total;
  return (
    <section className="stats-strip" aria-label={t('stats.mine')}>
      {total
        ? t('stats.mineFigures', {
            answered: total.answered,
            asa: duration(total.averageSpeedOfAnswerMs) ?? t('stats.noData'),
            aht: duration(total.averageHandleTimeMs) ?? t('stats.noData'),
          })
        : t('stats.noData')}
    </section>
  );
}
