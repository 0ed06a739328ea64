import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { useQaData } from './qaData.js';
import { ScoreDetail, totalText } from './ScoreLine.js';
import './qa.css';

/** In the top bar: the signed-in person's own scores and comments, newest first, read when opened. */
export function MyScores() {
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
        {t('qa.mine.open')}
      </button>
      <dialog ref={ref} className="dialog qa-my-scores" aria-labelledby={titleId} onClose={() => setOpen(false)}>
        {open ? (
          <>
            <header className="qa-dialog-header">
              <h2 id={titleId}>{t('qa.mine.title')}</h2>
              <button type="button" className="button subtle" onClick={() => setOpen(false)}>
                {t('qa.close')}
              </button>
            </header>
            <MyScoreList />
          </>
        ) : null}
      </dialog>
    </>
  );
}

function MyScoreList() {
  const { t, i18n } = useTranslation();
  const mine = useQaData('qa.myScores', {});
  if (mine.error) return <ErrorMessage error={mine.error} />;
  if (!mine.data) return <p>{t('qa.loading')}</p>;
  if (mine.data.scores.length === 0) return <p>{t('qa.mine.none')}</p>;
  return (
    <ol className="qa-scores" aria-label={t('qa.mine.title')}>
      {mine.data.scores.map((s) => (
        <li key={s.id}>
          <h3>{t('qa.total', { total: totalText(s.total) })}</h3>
          <p className="qa-muted">
            {t('qa.mine.line', {
              form: s.formName,
              number: s.threadNumber,
              at: new Date(s.scoredAt).toLocaleString(i18n.language),
            })}{' '}
            · {t('qa.mine.by', { name: s.scoredByName })}
          </p>
          <ScoreDetail score={s} />
        </li>
      ))}
    </ol>
  );
}
