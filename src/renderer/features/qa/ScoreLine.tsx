import { useTranslation } from 'react-i18next';
import type { QaScore } from '../../../shared/qa/qaForm.js';

/** How one answer reads: Yes / No, or "3 of 5". */
export function useAnswerText() {
  const { t } = useTranslation();
  return (a: QaScore['answers'][number]) =>
    a.kind === 'yes_no'
      ? a.value === 1
        ? t('qa.yes')
        : t('qa.no')
      : t('qa.score.scalePoint', { value: a.value, max: a.scaleMax });
}

/** The total, the critical error if any, the comment and every answer of one score. */
export function ScoreDetail({ score }: { score: QaScore }) {
  const { t } = useTranslation();
  const answerText = useAnswerText();
  return (
    <>
      {score.criticalFailed ? <p className="qa-failed">{t('qa.criticalFailed')}</p> : null}
      {score.comment ? <p className="qa-comment">{t('qa.mine.comment', { comment: score.comment })}</p> : null}
      <ul aria-label={t('qa.mine.answers')}>
        {score.answers.map((a) => (
          <li key={a.criterionId} className={a.failedCritical ? 'qa-failed' : undefined}>
            {t('qa.score.answer', { label: a.label, value: answerText(a) })}
          </li>
        ))}
      </ul>
    </>
  );
}

export const totalText = (total: number): string => (Number.isInteger(total) ? String(total) : total.toFixed(2));
