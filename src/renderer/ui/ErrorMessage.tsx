import type { ErrorInfo } from '../../shared/errors.js';
import { useErrorText } from './errorText.js';

/** An error for people, announced when it appears. The English detail goes to the title for support. */
export function ErrorMessage({
  error,
  id,
  fieldLabels,
}: {
  error: ErrorInfo | null;
  id?: string;
  fieldLabels?: Readonly<Record<string, string>>;
}) {
  const errorText = useErrorText();
  if (!error) return null;
  return (
    <p className="error" role="alert" id={id} title={error.message}>
      {errorText(error, fieldLabels)}
    </p>
  );
}
