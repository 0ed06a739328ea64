import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../../shared/errors.js';
import { useAppDispatch } from '../../../app/hooks.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { FieldProblems, SavedNote } from '../AdminParts.js';
import { settle } from '../adminThunks.js';
import { TextField } from '../fields/TextField.js';
import { useSaving } from '../fields/useSaving.js';
import { deletePrompt, uploadPrompt } from './linesThunks.js';
import {
  bareId,
  checkRecordingDraft,
  deleteRefusal,
  emptyRecording,
  hubRecordingProblems,
  nameOfFile,
  oversizedFile,
  pickedFile,
  recordingSeconds,
  type Recording,
  type RecordingDraft,
  type RecordingProblem,
  type RecordingProblems,
} from './recordingForm.js';

/** Says a recording problem in the app's language (the hub's own words after a translated line). */
function useSayRecording() {
  const { t } = useTranslation();
  return (problem: RecordingProblem | undefined): string | undefined => {
    if (!problem) return undefined;
    if (problem.key === 'hub') return t('admin.lines.recordings.error.hub', { detail: problem.message });
    return t(`admin.lines.recordings.error.${problem.key}`, problem);
  };
}

/** "Your recordings": a lead uploads a WAV for menus, sees the ones uploaded and deletes one no line plays. */
export function Recordings({
  recordings,
  onChanged,
}: {
  recordings: readonly Recording[];
  onChanged: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const headingId = useId();
  const say = useSayRecording();
  const [refusal, setRefusal] = useState<RecordingProblem | null>(null);
  const [deleteError, setDeleteError] = useState<ErrorInfo | null>(null);

  async function remove(recording: Recording) {
    const result = await settle(dispatch(deletePrompt(bareId(recording.id))).unwrap());
    if (!result.ok) {
      const reason = deleteRefusal(result.error);
      setRefusal(reason);
      setDeleteError(reason ? null : result.error);
      return;
    }
    setRefusal(null);
    setDeleteError(null);
    await onChanged();
  }

  return (
    <section className="admin-stack" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('admin.lines.recordings.title')}</h3>
      <p className="hint">{t('admin.lines.recordings.hint')}</p>
      <UploadForm onUploaded={onChanged} />
      {refusal ? (
        <p className="field-error" role="alert">
          {say(refusal)}
        </p>
      ) : null}
      <ErrorMessage error={deleteError} />
      {recordings.length === 0 ? (
        <p className="placeholder">{t('admin.lines.recordings.none')}</p>
      ) : (
        <ul className="admin-blocks" aria-label={t('admin.lines.recordings.list')}>
          {recordings.map((recording) => (
            <li key={recording.id}>
              <p>
                <strong>{recording.name}</strong>{' '}
                <span className="hint">
                  {t('admin.lines.recordings.length', {
                    seconds: recordingSeconds(recording.durationMs, i18n.language),
                  })}
                </span>
              </p>
              <button type="button" className="button subtle" onClick={() => void remove(recording)}>
                {t('admin.lines.recordings.delete', { name: recording.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function UploadForm({ onUploaded }: { onUploaded: () => Promise<void> }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const id = useId();
  const say = useSayRecording();
  const [draft, setDraft] = useState<RecordingDraft>(emptyRecording);
  const [problems, setProblems] = useState<RecordingProblems>({});
  // A new key empties the file input after an upload (its value cannot be set).
  const [fileKey, setFileKey] = useState(0);
  const { error, setError, saved, clearSaved, busy, save } = useSaving(false);

  async function pick(event: ChangeEvent<HTMLInputElement>) {
    clearSaved();
    const file = event.target.files?.[0];
    if (!file) {
      setDraft((current) => ({ ...current, file: null }));
      return;
    }
    const picked = oversizedFile(file.size) ?? pickedFile(await file.arrayBuffer());
    setDraft((current) => ({ name: current.name.trim() === '' ? nameOfFile(file.name) : current.name, file: picked }));
    setProblems(picked.problem ? { file: picked.problem } : {});
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    clearSaved();
    setError(null);
    const checked = checkRecordingDraft(draft);
    if (!checked.ok) return setProblems(checked.problems);
    setProblems({});
    const uploaded = await save(
      () => dispatch(uploadPrompt(checked.upload)).unwrap(),
      (hubError) => setProblems(hubRecordingProblems(hubError)),
    );
    if (!uploaded) return;
    setDraft(emptyRecording());
    setFileKey((key) => key + 1);
    await onUploaded();
  }

  const fileProblem = say(problems.file);
  return (
    <form
      className="admin-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label={t('admin.lines.recordings.form')}
    >
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('admin.lines.recordings.file')}</label>
        <input
          key={fileKey}
          id={`${id}-file`}
          type="file"
          accept=".wav,audio/wav,audio/x-wav"
          onChange={(e) => void pick(e)}
          aria-invalid={fileProblem ? true : undefined}
          aria-describedby={`${id}-file-hint ${id}-file-problem`}
        />
        <p className="hint" id={`${id}-file-hint`}>
          {t('admin.lines.recordings.fileHint')}
        </p>
        <FieldProblems id={`${id}-file-problem`} message={fileProblem} />
      </div>
      <TextField
        id={`${id}-name`}
        label={t('admin.lines.recordings.name')}
        value={draft.name}
        onChange={(name) => {
          setDraft({ ...draft, name });
          clearSaved();
        }}
        problem={say(problems.name)}
      />
      <FieldProblems id={`${id}-other-problem`} message={say(problems.other)} />
      {error && !error.issues ? <ErrorMessage error={error} /> : null}
      <div className="admin-actions">
        <button type="submit" className="button primary" disabled={busy} aria-busy={busy || undefined}>
          {t('admin.lines.recordings.upload')}
        </button>
        <SavedNote text={saved} />
      </div>
    </form>
  );
}
