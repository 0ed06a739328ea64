/** A labelled select for the team-settings editors, with its problems under it (as TextField has). */
import { FieldProblems } from '../AdminParts.js';

export interface Choice {
  value: string;
  label: string;
}

/** A labelled select with its problem under it (announced when it appears). */
export function SelectField({
  id,
  label,
  value,
  onChange,
  choices,
  problem,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  choices: readonly Choice[];
  problem?: string | undefined;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={`${id}-problem`}
      >
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
      <FieldProblems id={`${id}-problem`} message={problem} />
    </div>
  );
}
