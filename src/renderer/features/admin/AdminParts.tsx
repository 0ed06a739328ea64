/** Small pieces the team-settings tabs share: a problem with its line, a field's problems, a saved note. */
import { useTranslation } from 'react-i18next';
import { knownReason, placeProblems, type PlacedProblem } from './adminForms.js';

export function ProblemText({ problem }: { problem: PlacedProblem }) {
  const { t } = useTranslation();
  const known = knownReason(problem.reason);
  const reason = known
    ? known.key === 'unknownVariable' || known.key === 'noValue'
      ? t(`admin.reason.${known.key}`, { name: known.name })
      : t(`admin.reason.${known.key}`)
    : problem.reason;
  if (problem.line !== null && problem.column !== null) {
    return <>{t('admin.problem.lineColumn', { line: problem.line, column: problem.column, reason })}</>;
  }
  if (problem.line !== null) return <>{t('admin.problem.line', { line: problem.line, reason })}</>;
  return <>{reason}</>;
}

/** The problems the hub (or the preview) found in one field, announced when they appear. */
export function FieldProblems({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <ul className="field-error admin-problems" id={id} role="alert">
      {placeProblems(message).map((problem, index) => (
        <li key={index}>
          <ProblemText problem={problem} />
        </li>
      ))}
    </ul>
  );
}

export function SavedNote({ text }: { text: string | null }) {
  return (
    <p className="admin-saved" role="status">
      {text ?? ''}
    </p>
  );
}
