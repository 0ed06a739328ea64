import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { selectAgent } from '../session/sessionSlice.js';
import { useQaData } from './qaData.js';
import { ScoreDetail, totalText } from './ScoreLine.js';
import { ScoreForm } from './ScoreForm.js';
import './qa.css';

/** In the thread's header, for leads: its scores, and scoring it against a form (decision 0042). */
export function ScoreThread({ threadId }: { threadId: string }) {
  const agent = useAppSelector(selectAgent);
  if (!agent || agent.role === 'agent') return null;
  return <LeadScores key={threadId} threadId={threadId} />;
}

function LeadScores({ threadId }: { threadId: string }) {
  const { t, i18n } = useTranslation();
  const scores = useQaData('qa.threadScores', { threadId });
  const [scoring, setScoring] = useState(false);
  const forms = useQaData('qa.forms', scoring ? {} : null);
  const data = scores.data;
  return (
    <section className="qa-score-thread" aria-label={t('qa.score.region')}>
      <ErrorMessage error={scores.error ?? forms.error} />
      {data ? (
        <>
          {data.agent ? (
            <p className="qa-muted">{t('qa.score.agent', { name: data.agent.name })}</p>
          ) : (
            <p>{t('qa.score.noAgent')}</p>
          )}
          {data.agent && data.scores.length === 0 ? <p className="qa-muted">{t('qa.score.none')}</p> : null}
          {data.scores.length > 0 ? (
            <ul className="qa-scores">
              {data.scores.map((s) => (
                <li key={s.id}>
                  <details>
                    <summary>
                      {t('qa.score.by', {
                        form: s.formName,
                        total: t('qa.totalOf', { total: totalText(s.total) }),
                        by: s.scoredByName,
                        at: new Date(s.scoredAt).toLocaleString(i18n.language),
                      })}
                    </summary>
                    <ScoreDetail score={s} />
                  </details>
                </li>
              ))}
            </ul>
          ) : null}
          {data.agent && !scoring ? (
            <button type="button" className="button subtle" onClick={() => setScoring(true)}>
              {t('qa.score.start')}
            </button>
          ) : null}
          {data.agent && scoring && forms.data ? (
            <ScoreForm
              threadId={threadId}
              forms={forms.data.forms}
              onCancel={() => setScoring(false)}
              onSaved={() => {
                setScoring(false);
                scores.reload();
              }}
            />
          ) : null}
        </>
      ) : null}
    </section>
  );
}
