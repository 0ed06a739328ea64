/** Form pieces the team-settings editors share: a labelled text field and a labelled set of checkboxes. */
import type { ReactNode } from 'react';
import { FieldProblems } from '../AdminParts.js';

/**
 * A label, a text input, its hint if any and the problems found with it. The input is described by
 * `${id}-hint` (when there is a hint) and `${id}-problem` (where problems appear).
 */
export function TextField({
  id,
  label,
  value,
  onChange,
  problem,
  hint,
  list,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  problem?: string | undefined;
  hint?: string;
  /** The id of a `<datalist>` of suggestions. */
  list?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        list={list}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={hint === undefined ? `${id}-problem` : `${id}-hint ${id}-problem`}
      />
      {hint === undefined ? null : (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldProblems id={`${id}-problem`} message={problem} />
    </div>
  );
}

/** `list` with `value` switched on (moved to the end) or off. */
export const toggled = (list: readonly string[], value: string, on: boolean): string[] =>
  on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);

/** A fieldset of checkboxes, one per option; `checked` lists the values switched on. */
export function CheckList({
  legend,
  options,
  checked,
  onChange,
  hint,
}: {
  legend: string;
  options: readonly { value: string; label: ReactNode }[];
  checked: readonly string[];
  onChange: (next: string[]) => void;
  hint?: string;
}) {
  return (
    <fieldset className="admin-checks">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value}>
          <input
            type="checkbox"
            checked={checked.includes(option.value)}
            onChange={(e) => onChange(toggled(checked, option.value, e.target.checked))}
          />
          {option.label}
        </label>
      ))}
      {hint === undefined ? null : <p className="hint">{hint}</p>}
    </fieldset>
  );
}
