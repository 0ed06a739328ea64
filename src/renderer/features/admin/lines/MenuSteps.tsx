import { useTranslation } from 'react-i18next';
import type { Group } from '../../../../shared/routing/chooseAgent.js';
import { FieldProblems } from '../AdminParts.js';
import { SelectField, type Choice } from '../fields/SelectField.js';
import { TextField } from '../fields/TextField.js';
import { TopicIdOptions } from '../../topics/TopicIdOptions.js';
import {
  addOption,
  addStep,
  editOption,
  editStep,
  removeOption,
  removeStep,
  renameStep,
  STEP_KINDS,
  type LineDraft,
  type LineProblem,
  type LineProblems,
  type StepDraft,
  type StepField,
  type StepKind,
} from './lineForm.js';
import { promptChoices, type Recording } from './recordingForm.js';

/** The voice menu as a list of steps, the first step, and every problem under the step it names. */
export function MenuSteps({
  draft,
  onChange,
  problems,
  say,
  prompts,
  uploads,
  groups,
  idPrefix,
}: {
  draft: LineDraft;
  onChange: (next: LineDraft) => void;
  problems: LineProblems;
  say: (problem: LineProblem | undefined) => string | undefined;
  prompts: readonly string[];
  uploads: readonly Recording[];
  groups: readonly Group[];
  idPrefix: string;
}) {
  const { t } = useTranslation();
  const stepIds = draft.steps.map((step) => step.id).filter((stepId) => stepId.trim() !== '');
  const stepChoices = stepIds.map((stepId) => ({ value: stepId, label: stepId }));
  const menuProblem = say(problems.fields.menu);

  return (
    <fieldset className="admin-topics" aria-describedby={`${idPrefix}-hint`}>
      <legend>{t('admin.lines.menu')}</legend>
      <p className="hint" id={`${idPrefix}-hint`}>
        {t('admin.lines.menuHint')}
      </p>
      {draft.steps.length > 0 ? (
        <SelectField
          id={`${idPrefix}-start`}
          label={t('admin.lines.start')}
          value={draft.start}
          onChange={(start) => onChange({ ...draft, start })}
          choices={stepIds.includes(draft.start) ? stepChoices : [{ value: draft.start, label: '—' }, ...stepChoices]}
          problem={say(problems.fields.start)}
        />
      ) : null}
      <ol>
        {draft.steps.map((step, index) => (
          <li key={index}>
            <StepEditor
              step={step}
              index={index}
              draft={draft}
              onChange={onChange}
              problems={problems}
              say={say}
              prompts={prompts}
              uploads={uploads}
              groups={groups}
              stepChoices={stepChoices}
              idPrefix={`${idPrefix}-${index}`}
            />
          </li>
        ))}
      </ol>
      <button type="button" className="button" onClick={() => onChange(addStep(draft))}>
        {t('admin.lines.addStep')}
      </button>
      <FieldProblems id={`${idPrefix}-problem`} message={menuProblem} />
    </fieldset>
  );
}

function StepEditor({
  step,
  index,
  draft,
  onChange,
  problems,
  say,
  prompts,
  uploads,
  groups,
  stepChoices,
  idPrefix,
}: {
  step: StepDraft;
  index: number;
  draft: LineDraft;
  onChange: (next: LineDraft) => void;
  problems: LineProblems;
  say: (problem: LineProblem | undefined) => string | undefined;
  prompts: readonly string[];
  uploads: readonly Recording[];
  groups: readonly Group[];
  stepChoices: readonly Choice[];
  idPrefix: string;
}) {
  const { t } = useTranslation();
  const number = index + 1;
  const at = problems.steps[index];
  const problem = (field: StepField) => say(at?.fields[field]);
  const fieldId = (field: string) => `${idPrefix}-${field}`;
  const patch = (next: Partial<Omit<StepDraft, 'id'>>) => onChange(editStep(draft, index, next));
  const pick = (empty: string): Choice[] => [{ value: '', label: empty }, ...stepChoices];
  const stepProblems = at?.step ?? [];

  return (
    <fieldset aria-describedby={stepProblems.length > 0 ? fieldId('problems') : undefined}>
      <legend>{t('admin.lines.step', { number })}</legend>
      {stepProblems.length > 0 ? (
        <ul className="field-error admin-problems" id={fieldId('problems')} role="alert">
          {stepProblems.map((p, i) => (
            <li key={i}>{say(p)}</li>
          ))}
        </ul>
      ) : null}
      <TextField
        id={fieldId('id')}
        label={t('admin.lines.stepId')}
        value={step.id}
        onChange={(value) => onChange(renameStep(draft, index, value))}
        problem={problem('id')}
      />
      <SelectField
        id={fieldId('kind')}
        label={t('admin.lines.kind')}
        value={step.kind}
        onChange={(kind) => patch({ kind: kind as StepKind })}
        choices={STEP_KINDS.map((kind) => ({ value: kind, label: t(`admin.lines.kinds.${kind}`) }))}
      />
      {step.kind !== 'queue' ? (
        <SelectField
          id={fieldId('prompt')}
          label={t('admin.lines.prompt')}
          value={step.prompt}
          onChange={(prompt) => patch({ prompt })}
          choices={promptChoices(prompts, uploads, step.prompt, t('admin.lines.pickPrompt'))}
          problem={problem('prompt')}
        />
      ) : null}
      {step.kind === 'ask' ? (
        <>
          <fieldset className="admin-options" aria-describedby={fieldId('options-problem')}>
            <legend>{t('admin.lines.options')}</legend>
            <ol>
              {step.options.map((option, i) => {
                const n = i + 1;
                return (
                  <li key={i} className="admin-option">
                    <TextField
                      id={fieldId(`key-${i}`)}
                      label={t('admin.lines.optionKey', { number: n })}
                      value={option.key}
                      onChange={(key) => onChange(editOption(draft, index, i, { key }))}
                    />
                    <SelectField
                      id={fieldId(`to-${i}`)}
                      label={t('admin.lines.optionTo', { number: n })}
                      value={option.to}
                      onChange={(to) => onChange(editOption(draft, index, i, { to }))}
                      choices={pick(t('admin.lines.pickStep'))}
                    />
                    <button
                      type="button"
                      className="button subtle"
                      onClick={() => onChange(removeOption(draft, index, i))}
                    >
                      {t('admin.lines.removeOption', { number: n })}
                    </button>
                  </li>
                );
              })}
            </ol>
            <button type="button" className="button" onClick={() => onChange(addOption(draft, index))}>
              {t('admin.lines.addOption')}
            </button>
            <FieldProblems id={fieldId('options-problem')} message={problem('options')} />
          </fieldset>
          <TextField
            id={fieldId('timeout')}
            label={t('admin.lines.timeout')}
            value={step.timeout}
            onChange={(timeout) => patch({ timeout })}
            problem={problem('timeout')}
          />
          <TextField
            id={fieldId('repeats')}
            label={t('admin.lines.repeats')}
            value={step.repeats}
            onChange={(repeats) => patch({ repeats })}
            problem={problem('repeats')}
          />
          <SelectField
            id={fieldId('fallback')}
            label={t('admin.lines.fallback')}
            value={step.fallback}
            onChange={(fallback) => patch({ fallback })}
            choices={pick(t('admin.lines.toQueue'))}
            problem={problem('fallback')}
          />
        </>
      ) : null}
      {step.kind === 'say' ? (
        <SelectField
          id={fieldId('next')}
          label={t('admin.lines.next')}
          value={step.next}
          onChange={(next) => patch({ next })}
          choices={pick(t('admin.lines.hangUp'))}
          problem={problem('next')}
        />
      ) : null}
      {step.kind === 'queue' ? (
        <>
          <SelectField
            id={fieldId('group')}
            label={t('admin.lines.stepGroup')}
            value={step.groupId}
            onChange={(groupId) => patch({ groupId })}
            choices={[
              { value: '', label: t('admin.lines.lineGroup') },
              ...groups.map((g) => ({ value: g.id, label: g.name })),
            ]}
            problem={problem('groupId')}
          />
          <TextField
            id={fieldId('topic')}
            label={t('admin.lines.topic')}
            value={step.topic}
            onChange={(topic) => patch({ topic })}
            problem={problem('topic')}
            list={`${fieldId('topic')}-tree`}
          />
          <TopicIdOptions id={`${fieldId('topic')}-tree`} />
        </>
      ) : null}
      <button type="button" className="button subtle" onClick={() => onChange(removeStep(draft, index))}>
        {t('admin.lines.removeStep', { number })}
      </button>
    </fieldset>
  );
}
