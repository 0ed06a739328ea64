import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceLine } from '../../../../shared/calls/serviceLine.js';
import type { ErrorInfo } from '../../../../shared/errors.js';
import type { Group } from '../../../../shared/routing/chooseAgent.js';
import { useAppDispatch } from '../../../app/hooks.js';
import { LANGUAGE_NAMES } from '../../../i18n/index.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { FieldProblems, SavedNote } from '../AdminParts.js';
import { loadGroups, settle } from '../adminThunks.js';
import { FormActions } from '../fields/FormActions.js';
import { SelectField, type Choice } from '../fields/SelectField.js';
import { CheckList, TextField } from '../fields/TextField.js';
import { useSaving } from '../fields/useSaving.js';
import { useSelection } from '../fields/useSelection.js';
import {
  checkLineDraft,
  DAY_KEYS,
  draftOf,
  hubProblems,
  noProblems,
  simpleHours,
  WEEK_ORDER,
  type LineDraft,
  type LineField,
  type LineProblem,
  type LineProblems,
} from './lineForm.js';
import { deleteLine, loadLines, saveLine } from './linesThunks.js';
import { MenuSteps } from './MenuSteps.js';
import { Recordings } from './Recordings.js';
import { promptKnower, type Recording } from './recordingForm.js';
import { LineRecordingFields } from '../../recording/LineRecordingFields.js';

const NEW = 'new';

/** Service lines (the numbers customers call): routing, waiting, business hours and the voice menu. */
export function LinesTab() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [lines, setLines] = useState<ServiceLine[] | null>(null);
  const [prompts, setPrompts] = useState<string[]>([]);
  const [uploads, setUploads] = useState<Recording[]>([]);
  const [groups, setGroups] = useState<Group[]>([]);
  const [loadError, setLoadError] = useState<ErrorInfo | null>(null);
  const { selected, justSaved, pick, savedAs } = useSelection();

  const reload = useCallback(async () => {
    const [l, g] = await Promise.all([settle(dispatch(loadLines()).unwrap()), settle(dispatch(loadGroups()).unwrap())]);
    if (!l.ok) return setLoadError(l.error);
    if (!g.ok) return setLoadError(g.error);
    setLoadError(null);
    setLines(l.value.lines);
    setPrompts(l.value.prompts);
    setUploads(l.value.uploads);
    setGroups(g.value.groups);
  }, [dispatch]);

  useEffect(() => {
    void reload();
  }, [reload]);

  if (loadError) return <ErrorMessage error={loadError} />;
  if (!lines) return <p role="status">{t('admin.loading')}</p>;
  const current = selected === NEW ? null : (lines.find((l) => l.id === selected) ?? lines[0] ?? null);
  const editing = selected === NEW || current !== null;

  return (
    <div className="admin-stack">
      <div className="admin-columns">
        <nav className="admin-list" aria-label={t('admin.lines.list')}>
          <ul>
            {lines.map((line) => (
              <li key={line.id}>
                <button
                  type="button"
                  className="admin-list-item"
                  aria-current={line === current && selected !== NEW ? 'true' : undefined}
                  onClick={() => pick(line.id)}
                >
                  {line.name} <span className="hint">{line.number}</span>
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="button" onClick={() => pick(NEW)}>
            {t('admin.lines.new')}
          </button>
        </nav>
        {editing ? (
          <LineForm
            key={selected === NEW ? NEW : current?.id}
            line={selected === NEW ? null : current}
            groups={groups}
            prompts={prompts}
            uploads={uploads}
            justSaved={current !== null && justSaved === current.id}
            onSaved={async (id) => {
              await reload();
              savedAs(id);
            }}
          />
        ) : (
          <p className="placeholder">{t('admin.lines.none')}</p>
        )}
      </div>
      <Recordings recordings={uploads} onChanged={reload} />
    </div>
  );
}

/** The zone the browser runs in: a new line's schedule starts there. */
const localZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

function LineForm({
  line,
  groups,
  prompts,
  uploads,
  justSaved,
  onSaved,
}: {
  line: ServiceLine | null;
  groups: readonly Group[];
  prompts: readonly string[];
  uploads: readonly Recording[];
  justSaved: boolean;
  onSaved: (id: string | null) => Promise<void>;
}) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const id = useId();
  const [draft, setDraft] = useState<LineDraft>(() => draftOf(line, localZone()));
  const [problems, setProblems] = useState<LineProblems>(noProblems);
  const { error, setError, saved, clearSaved, busy, save } = useSaving(justSaved);
  const hasPrompt = promptKnower(prompts, uploads);

  const edit = (next: LineDraft) => {
    setDraft(next);
    clearSaved();
  };
  const say = (problem: LineProblem | undefined): string | undefined => {
    if (!problem) return undefined;
    if (problem.key === 'hub') return problem.message;
    return t(`admin.lines.error.${problem.key}`, problem);
  };
  const fieldProblem = (field: LineField) => say(problems.fields[field]);
  const fieldId = (field: string) => `${id}-${field}`;
  const set =
    <K extends keyof LineDraft>(key: K) =>
    (value: LineDraft[K]) =>
      edit({ ...draft, [key]: value });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    clearSaved();
    setError(null);
    const checked = checkLineDraft(draft, hasPrompt);
    if (!checked.ok) return setProblems(checked.problems);
    setProblems(noProblems());
    const result = await save(
      () => dispatch(saveLine({ ...(line ? { id: line.id } : {}), ...checked.line })).unwrap(),
      (hubError) => setProblems(hubProblems(hubError, draft)),
    );
    if (result) await onSaved(result.id);
  }

  async function remove() {
    if (!line || !window.confirm(t('admin.lines.confirmDelete', { name: line.name }))) return;
    const result = await settle(dispatch(deleteLine(line.id)).unwrap());
    if (!result.ok) return setError(result.error);
    await onSaved(null);
  }

  const select = (
    field: LineField,
    label: string,
    value: string,
    onChange: (value: string) => void,
    choices: readonly Choice[],
  ) => (
    <SelectField
      id={fieldId(field)}
      label={label}
      value={value}
      onChange={onChange}
      choices={choices}
      problem={fieldProblem(field)}
    />
  );
  const groupOptions = groups.map((group) => ({ value: group.id, label: group.name }));

  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('admin.lines.form')}>
      <TextField
        id={fieldId('number')}
        label={t('admin.lines.number')}
        value={draft.number}
        onChange={set('number')}
        problem={fieldProblem('number')}
        hint={t('admin.lines.numberHint')}
      />
      <TextField
        id={fieldId('name')}
        label={t('admin.lines.name')}
        value={draft.name}
        onChange={set('name')}
        problem={fieldProblem('name')}
      />
      {select('language', t('admin.lines.language'), draft.language, (v) => set('language')(v === 'en' ? 'en' : 'ru'), [
        { value: 'ru', label: LANGUAGE_NAMES.ru },
        { value: 'en', label: LANGUAGE_NAMES.en },
      ])}
      {select('groupId', t('admin.lines.group'), draft.groupId, set('groupId'), [
        { value: '', label: t('admin.lines.anyGroup') },
        ...groupOptions,
      ])}
      <TextField
        id={fieldId('maxWait')}
        label={t('admin.lines.maxWait')}
        value={draft.maxWait}
        onChange={set('maxWait')}
        problem={fieldProblem('maxWait')}
      />
      <TextField
        id={fieldId('announce')}
        label={t('admin.lines.announce')}
        value={draft.announce}
        onChange={set('announce')}
        problem={fieldProblem('announce')}
      />
      <fieldset className="admin-checks">
        <legend>{t('admin.lines.overflow')}</legend>
        {(['callback', 'group'] as const).map((kind) => (
          <label key={kind}>
            <input
              type="radio"
              name={fieldId('overflow')}
              checked={draft.overflow === kind}
              onChange={() => set('overflow')(kind)}
            />
            {t(kind === 'callback' ? 'admin.lines.overflowCallback' : 'admin.lines.overflowGroup')}
          </label>
        ))}
        {draft.overflow === 'callback' ? (
          <TextField
            id={fieldId('overflowDigit')}
            label={t('admin.lines.overflowDigit')}
            value={draft.overflowDigit}
            onChange={set('overflowDigit')}
            problem={fieldProblem('overflowDigit')}
          />
        ) : (
          select('overflowGroupId', t('admin.lines.overflowGroupId'), draft.overflowGroupId, set('overflowGroupId'), [
            { value: '', label: t('admin.lines.pickGroup') },
            ...groupOptions,
          ])
        )}
      </fieldset>
      <fieldset className="admin-checks">
        <legend>{t('admin.lines.hours')}</legend>
        {(['always', 'weekly'] as const).map((mode) => (
          <label key={mode}>
            <input
              type="radio"
              name={fieldId('hours')}
              checked={draft.hours === mode}
              onChange={() => set('hours')(mode)}
            />
            {t(mode === 'always' ? 'admin.lines.alwaysOpen' : 'admin.lines.weekly')}
          </label>
        ))}
        {draft.hours === 'weekly' ? (
          <>
            {simpleHours(line?.hours ?? null) ? null : <p className="hint">{t('admin.lines.mixedHours')}</p>}
            <CheckList
              legend={t('admin.lines.days')}
              options={WEEK_ORDER.map((day) => ({ value: String(day), label: t(`admin.lines.day.${DAY_KEYS[day]}`) }))}
              checked={draft.days.map(String)}
              onChange={(next) => set('days')(next.map(Number).sort((a, b) => a - b))}
            />
            <FieldProblems id={`${fieldId('days')}-problem`} message={fieldProblem('days')} />
            {(['opens', 'closes'] as const).map((field) => (
              <div className="field" key={field}>
                <label htmlFor={fieldId(field)}>{t(`admin.lines.${field}`)}</label>
                <input
                  id={fieldId(field)}
                  type="time"
                  value={draft[field]}
                  onChange={(e) => set(field)(e.target.value)}
                  aria-invalid={fieldProblem(field) ? true : undefined}
                  aria-describedby={`${fieldId(field)}-problem`}
                />
                <FieldProblems id={`${fieldId(field)}-problem`} message={fieldProblem(field)} />
              </div>
            ))}
            <TextField
              id={fieldId('timeZone')}
              label={t('admin.lines.timeZone')}
              value={draft.timeZone}
              onChange={set('timeZone')}
              problem={fieldProblem('timeZone')}
              hint={t('admin.lines.timeZoneHint')}
            />
          </>
        ) : null}
      </fieldset>
      <LineRecordingFields
        value={draft.recording}
        onChange={set('recording')}
        idPrefix={fieldId('recording')}
        problem={fieldProblem('retentionDays')}
      />
      <MenuSteps
        draft={draft}
        onChange={edit}
        problems={problems}
        say={say}
        prompts={prompts}
        uploads={uploads}
        groups={groups}
        idPrefix={fieldId('menu')}
      />
      {problems.other.map((problem, index) => (
        <p key={index} className="field-error" role="alert">
          {say(problem)}
        </p>
      ))}
      {error && !error.issues ? <ErrorMessage error={error} /> : null}
      <FormActions
        saveLabel={t('admin.lines.save')}
        busy={busy}
        deleteLabel={t('admin.lines.delete')}
        onDelete={line ? () => void remove() : null}
      />
      <SavedNote text={saved} />
    </form>
  );
}
