import { useTranslation } from 'react-i18next';
import type { FieldDef } from '../../../shared/register/registerSchemas.js';
import type { FieldDrafts, FieldProblem } from './registerModel.js';

/** The inputs of a complaint type's fields (text, number, date, choice), each labelled in the app's language. */
export function FieldInputs({
  idPrefix,
  fields,
  drafts,
  problems,
  onChange,
}: {
  idPrefix: string;
  fields: readonly FieldDef[];
  drafts: FieldDrafts;
  problems: Readonly<Record<string, FieldProblem | string>>;
  onChange: (next: FieldDrafts) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'ru' ? 'ru' : 'en';
  return (
    <>
      {fields.map((field) => {
        const id = `${idPrefix}-${field.id}`;
        const label = field.label[language] || field.label.en;
        const value = drafts[field.id] ?? '';
        const problem = problems[field.id];
        const set = (text: string) => onChange({ ...drafts, [field.id]: text });
        const common = {
          id,
          value,
          required: field.required,
          'aria-invalid': problem ? true : undefined,
          'aria-describedby': `${id}-problem`,
        } as const;
        return (
          <div className="field" key={field.id}>
            <label htmlFor={id}>{field.required ? t('register.field.required', { label }) : label}</label>
            {field.kind === 'choice' ? (
              <select {...common} onChange={(e) => set(e.target.value)}>
                <option value="">{t('register.field.choose')}</option>
                {field.options.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            ) : (
              <input
                {...common}
                type={field.kind === 'date' ? 'date' : 'text'}
                inputMode={field.kind === 'number' ? 'decimal' : undefined}
                onChange={(e) => set(e.target.value)}
              />
            )}
            <p className="field-error" id={`${id}-problem`} role={problem ? 'alert' : undefined}>
              {problem === undefined
                ? ''
                : KNOWN.has(problem)
                  ? t(`register.field.problem.${problem as FieldProblem}`)
                  : problem}
            </p>
          </div>
        );
      })}
    </>
  );
}

const KNOWN: ReadonlySet<string> = new Set(['missing', 'notNumber', 'notDate', 'notOption']);
