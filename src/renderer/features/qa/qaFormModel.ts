/** The scoring form editor's draft and its checks before it is sent (the hub checks again). */
import type { CriterionKind, QaForm, QaFormInput } from '../../../shared/qa/qaForm.js';
import { QA_WEIGHT_TOTAL } from '../../../shared/qa/qaForm.js';

export interface CriterionDraft {
  id: string;
  label: string;
  kind: CriterionKind;
  scaleMax: string;
  weight: string;
  critical: boolean;
}

export interface FormDraft {
  formId: string | null;
  name: string;
  criteria: CriterionDraft[];
}

export const newCriterion = (id: string): CriterionDraft => ({
  id,
  label: '',
  kind: 'yes_no',
  scaleMax: '5',
  weight: '',
  critical: false,
});

export const newDraft = (id: string): FormDraft => ({ formId: null, name: '', criteria: [newCriterion(id)] });

export const draftOf = (form: QaForm): FormDraft => ({
  formId: form.id,
  name: form.name,
  criteria: form.criteria.map((c) => ({
    id: c.id,
    label: c.label,
    kind: c.kind,
    scaleMax: String(c.scaleMax ?? 5),
    weight: String(c.weight),
    critical: c.critical,
  })),
});

/** The sum of the weights typed so far (blank or not a number counts 0). */
export const draftWeightSum = (draft: FormDraft): number =>
  draft.criteria.reduce((sum, c) => sum + (Number.isFinite(Number(c.weight)) ? Number(c.weight) : 0), 0);

export const weightsAddUp = (draft: FormDraft): boolean => draftWeightSum(draft) === QA_WEIGHT_TOTAL;

export function inputOf(draft: FormDraft): QaFormInput & { formId?: string } {
  return {
    ...(draft.formId ? { formId: draft.formId } : {}),
    name: draft.name,
    criteria: draft.criteria.map((c) => ({
      id: c.id,
      label: c.label,
      kind: c.kind,
      scaleMax: c.kind === 'scale' ? Number(c.scaleMax) : null,
      weight: Number(c.weight),
      critical: c.critical,
    })),
  };
}
