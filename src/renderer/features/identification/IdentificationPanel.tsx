import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdentificationState, QuestionView } from '../../../shared/customers/identification.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { formatFullTime } from '../../i18n/format.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { settle } from '../admin/adminThunks.js';
import { useRecordingPause } from '../recording/useRecordingPause.js';
import { CommercialPanel } from './CommercialPanel.js';
import { contactOf } from './contactOf.js';
import { answerQuestion, loadIdentification } from './identificationThunks.js';
import { formatDay, wordingFor } from './productFormat.js';
import './identification.css';

/**
 * Identification in the customer card, for the contact the card is shown for (identification is per
 * contact; with none, nothing is shown). Commercial data opens below once identified.
 */
export function IdentificationPanel({ customerId }: { customerId: string }) {
  const threadId = useAppSelector((state) => contactOf(state, customerId));
  if (!threadId) return null;
  return <ContactIdentification key={`${threadId}:${customerId}`} threadId={threadId} />;
}

/**
 * Identification of one contact's customer, for places that know the thread themselves (a call card:
 * render it with the call's thread id, keyed by thread and customer so a change of customer starts over).
 */
export function ContactIdentification({ threadId }: { threadId: string }) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const [state, setState] = useState<IdentificationState | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);

  const reload = useCallback(async () => {
    const result = await settle(dispatch(loadIdentification(threadId)).unwrap());
    if (!result.ok) return setError(result.error);
    setError(null);
    setState(result.value);
  }, [dispatch, threadId]);

  useEffect(() => {
    void reload();
  }, [reload]);
  // The recording of the contact's call pauses while questions are being asked (issue 16).
  useRecordingPause(threadId, 'identification', state?.status === 'open');

  const time = (ms: number) => formatFullTime(ms, i18n.language);
  return (
    <section className="identification" aria-label={t('identification.title')}>
      <h3>{t('identification.title')}</h3>
      {!state && !error ? <p role="status">{t('identification.loading')}</p> : null}
      <ErrorMessage error={error} />
      {error && !state ? (
        <button type="button" className="button subtle" onClick={() => void reload()}>
          {t('identification.retry')}
        </button>
      ) : null}
      {state ? (
        <>
          <p className="identification-progress" role="status">
            {state.status === 'identified'
              ? t('identification.identified')
              : t('identification.progress', { passed: state.passed, required: state.required })}
          </p>
          {state.status === 'locked' && state.lockedUntil !== null ? (
            <p className="identification-locked" role="alert">
              {t(state.lastOutcome === 'locked' ? 'identification.lockedNow' : 'identification.locked', {
                time: time(state.lockedUntil),
              })}
            </p>
          ) : null}
          {state.lastOutcome === 'round_failed' ? (
            <p className="identification-failed" role="alert">
              {t('identification.roundFailed')}
            </p>
          ) : null}
          {state.status === 'unavailable' ? (
            <p className="hint">{t('identification.unavailable', { required: state.required })}</p>
          ) : null}
          {state.status === 'open' && state.failedAttempts > 0 ? (
            <p className="hint">
              {t('identification.attempts', { count: state.failedAttempts, max: state.maxFailedAttempts })}
            </p>
          ) : null}
          {state.status === 'open' ? <QuestionList state={state} threadId={threadId} onState={setState} /> : null}
          {state.status === 'identified' ? (
            <>
              <p className="hint">{t('identification.identifiedHint')}</p>
              <CommercialPanel threadId={threadId} />
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** The round's questions: answered ones with their result, the next one to ask with its controls. */
function QuestionList({
  state,
  threadId,
  onState,
}: {
  state: IdentificationState;
  threadId: string;
  onState: (state: IdentificationState) => void;
}) {
  const { t, i18n } = useTranslation();
  const current = state.questions.find((q) => q.available && q.result === null) ?? null;
  return (
    <ol className="identification-questions" aria-label={t('identification.questions')}>
      {state.questions.map((question) => {
        const wording = wordingFor(question.text, i18n.language);
        return (
          <li key={question.id} className={question === current ? 'current' : undefined}>
            <p className="identification-question">
              {question === current ? <strong>{t('identification.ask', { question: wording })}</strong> : wording}
            </p>
            {question.result !== null ? (
              <p className={`identification-result ${question.result}`}>
                {t(`identification.result.${question.result}`)}
              </p>
            ) : !question.available ? (
              <p className="hint">{t('identification.notAvailable')}</p>
            ) : question === current ? (
              <AskQuestion question={question} wording={wording} threadId={threadId} onState={onState} />
            ) : (
              <p className="hint">{t('identification.status.waiting')}</p>
            )}
          </li>
        );
      })}
    </ol>
  );
}

function AskQuestion({
  question,
  wording,
  threadId,
  onState,
}: {
  question: QuestionView;
  wording: string;
  threadId: string;
  onState: (state: IdentificationState) => void;
}) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const id = useId();
  const [answer, setAnswer] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);

  async function send(input: { verdict: 'pass' | 'fail' } | { answer: string }) {
    setBusy(true);
    const result = await settle(dispatch(answerQuestion({ threadId, questionId: question.id, ...input })).unwrap());
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setAnswer('');
    onState(result.value);
  }

  if (question.check === 'agent') {
    const reference =
      question.reference === null
        ? null
        : question.kind === 'birth_date'
          ? formatDay(question.reference, i18n.language)
          : question.reference;
    return (
      <div className="identification-ask">
        {question.kind !== 'custom' ? (
          <p className="identification-reference">
            {reference === null
              ? t('identification.nothingOnRecord')
              : t('identification.onRecord', { value: reference })}
          </p>
        ) : null}
        <div className="identification-buttons">
          <button
            type="button"
            className="button"
            disabled={busy}
            aria-label={t('identification.passLabel', { question: wording })}
            onClick={() => void send({ verdict: 'pass' })}
          >
            {t('identification.pass')}
          </button>
          <button
            type="button"
            className="button subtle"
            disabled={busy}
            aria-label={t('identification.failLabel', { question: wording })}
            onClick={() => void send({ verdict: 'fail' })}
          >
            {t('identification.fail')}
          </button>
        </div>
        <ErrorMessage error={error} />
      </div>
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void send({ answer });
  }

  return (
    <form className="identification-ask" onSubmit={submit} aria-label={wording}>
      <label htmlFor={`${id}-answer`}>{t('identification.answer')}</label>
      <input
        id={`${id}-answer`}
        // A code word is never shown, not even as it is typed (someone may be looking at the screen).
        type={question.kind === 'code_word' ? 'password' : 'text'}
        autoComplete="off"
        inputMode={question.kind === 'code_word' ? undefined : 'numeric'}
        value={answer}
        onChange={(e) => setAnswer(e.target.value)}
        aria-describedby={`${id}-hint`}
      />
      <p className="hint" id={`${id}-hint`}>
        {t('identification.checkedByHub')}
      </p>
      <button type="submit" className="button" disabled={busy || answer.trim() === ''}>
        {busy ? t('identification.checking') : t('identification.check')}
      </button>
      <ErrorMessage error={error} />
    </form>
  );
}
